//! Discord (serenity + poise): the `/hoego` slash command and its subcommands, Answer and Skip
//! buttons on prompts, answer modals, ephemeral personal replies, and a [`Messenger`] that
//! sends prompts as DMs or in a thread of the schedule's channel. Every message disables
//! mentions. When `discord.api_base_url` is set (a rate-limiting proxy, or the test fake),
//! serenity's own rate limiter is off and the sender's pacing governs.

mod actor;
mod commands;
pub mod doctor;
mod errors;
mod gateway;
mod interactions;
mod leased;
mod localize;
mod messenger;
mod modal;
mod pending;
pub mod permissions;
mod readers;
pub mod render;
mod spill;

use std::sync::Arc;

use anyhow::Context as _;
use secrecy::ExposeSecret;
use serenity::all::{GatewayIntents, GuildId};
use serenity::gateway::ShardManager;
use tokio::task::JoinHandle;

use self::gateway::{Gateway, http_builder};
use self::leased::Leased;
pub use self::messenger::DiscordMessenger;
use self::pending::PendingForms;
use self::readers::ChannelViewers;
use super::{ChatPlatform, Connection, Entry, Starting};
use crate::config::{DiscordSettings, Settings};
use crate::domain::state::Platform;
use crate::platform::submits::Submits;
use crate::service::channel_readers::ReadsChannels;
use crate::service::memory::Remembers;
use crate::service::messenger::Messenger;
use crate::service::shard_leases::ShardLeases;
use crate::service::{Limits, Service};

/// Discord in the list of platforms: configured by `discord.token`.
pub const ENTRY: Entry = Entry {
    name: "discord",
    configured: |settings| settings.discord.token.is_some(),
    start,
    check: |settings, channels| Box::pin(doctor::check(&settings.discord, channels)),
};

fn start(settings: &Settings, service: Service) -> Starting<'_> {
    Box::pin(async move {
        let bot = DiscordBot::start(&settings.discord, service).await?;
        Ok(Box::new(bot) as Box<dyn ChatPlatform>)
    })
}

/// What Discord's messages and modals hold: 2,000 characters of content, five text inputs per
/// modal, 4,000 characters per input.
pub const LIMITS: Limits = Limits {
    message_len: 2000,
    block_len: 2000,
    form_inputs: 5,
    input_len: 4000,
};

/// What every command and interaction handler shares.
pub struct Data {
    /// The use cases.
    pub service: Service,
    /// Answer forms being filled in several modals.
    pub forms: Arc<PendingForms>,
    /// Modal submits being handled (a burst is acknowledged before its work).
    pub submits: Arc<Submits>,
    /// Whether the Server Members intent is on (a role audience needs it).
    pub members_intent: bool,
    /// Whether the gateway is connected (for `/readyz`).
    pub connection: Connection,
    /// The guilds' names, from GUILD_CREATE and GUILD_UPDATE.
    pub guilds: actor::GuildNames,
}

/// The error type of command bodies (logged by [`on_error`], never shown raw).
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// The poise context of a command.
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// The running bot.
pub struct DiscordBot {
    shards: Shards,
    messenger: Arc<DiscordMessenger>,
    /// Kept alive here: the service holds it weakly.
    _readers: Arc<dyn ReadsChannels>,
    connection: Connection,
}

/// How the bot runs its gateway shards.
enum Shards {
    /// One client for every shard of this process (SQLite, or `discord.shard_ids` pinned).
    All {
        manager: Arc<ShardManager>,
        task: Option<JoinHandle<Result<(), serenity::Error>>>,
    },
    /// The shards whose leases this replica holds (PostgreSQL, no `discord.shard_ids`).
    Leased(Leased),
}

/// The gateway intents hoego needs: guilds only, plus Server Members when enabled for role
/// audiences. No privileged intent by default.
pub fn intents(members_intent: bool) -> GatewayIntents {
    let mut intents = GatewayIntents::GUILDS;
    if members_intent {
        intents |= GatewayIntents::GUILD_MEMBERS;
    }
    intents
}

impl DiscordBot {
    /// Connects to Discord with `settings.token`, registers `/hoego` (in `guild_ids` at once, or
    /// globally) and starts handling interactions on `service`. On PostgreSQL without pinned
    /// `shard_ids`, the shards are shared with the other replicas through leases.
    pub async fn start(settings: &DiscordSettings, service: Service) -> anyhow::Result<DiscordBot> {
        let (token, base) = token_and_base(settings)?;
        let forms = Arc::new(PendingForms::default());
        // Forget-me clears the forms a person is filling too.
        let kept: Arc<dyn Remembers> = forms.clone();
        service.memories.register(Arc::downgrade(&kept));
        // Team recaps of schedules whose digest channel a member can view.
        let viewers = Arc::new(ChannelViewers::new(Arc::new(
            http_builder(&token, base.as_deref()).build(),
        )));
        let readers: Arc<dyn ReadsChannels> = viewers;
        service
            .readers
            .register(Platform::Discord, Arc::downgrade(&readers));
        let messenger = Arc::new(DiscordMessenger::new(&token, base.clone()));
        let guilds = settings.guild_ids.iter().map(|g| GuildId::new(*g));
        let gateway = Gateway::new(
            (token, base),
            settings.members_intent,
            guilds.collect(),
            service.clone(),
            forms,
        );
        let connection = Connection::default();
        let shards = Self::shards(settings, gateway, &service, &connection).await?;
        Ok(DiscordBot {
            shards,
            messenger,
            _readers: readers,
            connection,
        })
    }

    /// Leased shards on PostgreSQL unless `shard_ids` pins them; otherwise one client running
    /// every shard of this process.
    async fn shards(
        settings: &DiscordSettings,
        gateway: Gateway,
        service: &Service,
        connection: &Connection,
    ) -> anyhow::Result<Shards> {
        if settings.shard_range.is_none() && ShardLeases::shared(service) {
            let count = match settings.shard_count {
                0 => gateway.recommended_shards().await?,
                count => count,
            };
            if let Some(leases) = ShardLeases::new(service, count) {
                let leased = Leased::spawn(gateway, leases, connection.clone());
                return Ok(Shards::Leased(leased));
            }
        }
        let mut client = gateway.client(connection.clone()).await?;
        let manager = client.shard_manager.clone();
        let shards = (settings.shard_count, settings.shard_range);
        let task = tokio::spawn(async move {
            match shards {
                (0, _) => client.start_autosharded().await,
                (count, None) => client.start_shards(count).await,
                // serenity reads the range's end as the last shard, inclusive.
                (count, Some((first, last))) => client.start_shard_range(first..last, count).await,
            }
        });
        Ok(Shards::All {
            manager,
            task: Some(task),
        })
    }

    /// What the sender posts prompts and reminders through.
    pub fn messenger(&self) -> Arc<DiscordMessenger> {
        self.messenger.clone()
    }

    /// Up from READY or RESUMED until the gateway disconnects (what `/readyz` watches); with
    /// leased shards, up once every shard held is connected.
    pub fn connection(&self) -> Connection {
        self.connection.clone()
    }

    /// Waits until the client stops (a fatal gateway error such as an invalid token); at once
    /// when it was already waited for.
    pub async fn stopped(&mut self) -> anyhow::Result<()> {
        match &mut self.shards {
            Shards::All { task, .. } => {
                let Some(task) = task.take() else {
                    return Ok(());
                };
                match task.await {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(error)) => Err(error).context("the Discord client stopped"),
                    Err(error) => Err(error).context("the Discord client task failed"),
                }
            }
            Shards::Leased(leased) => match leased.fatal.recv().await {
                Some(error) => Err(error).context("the Discord client stopped"),
                None => Ok(()),
            },
        }
    }

    /// Disconnects every shard (and gives up its leases).
    pub async fn stop(self) {
        self.connection.set(false);
        match self.shards {
            Shards::All { manager, task } => {
                manager.shutdown_all().await;
                if let Some(task) = task {
                    let _ = task.await;
                }
            }
            Shards::Leased(leased) => leased.stop().await,
        }
    }
}

#[async_trait::async_trait]
impl ChatPlatform for DiscordBot {
    fn messenger(&self) -> Arc<dyn Messenger> {
        self.messenger.clone()
    }

    fn connection(&self) -> Connection {
        self.connection.clone()
    }

    async fn stopped(&mut self) -> anyhow::Result<()> {
        DiscordBot::stopped(self).await
    }

    async fn stop(self: Box<Self>) {
        DiscordBot::stop(*self).await
    }
}

/// The bot token, and the API base URL when it is not Discord's own.
fn token_and_base(settings: &DiscordSettings) -> anyhow::Result<(String, Option<String>)> {
    let token = settings
        .token
        .as_ref()
        .context("discord.token is not set")?
        .expose_secret()
        .to_string();
    let base = settings
        .api_base_url
        .as_ref()
        .map(|url| url.as_str().trim_end_matches('/').to_string());
    Ok((token, base))
}
