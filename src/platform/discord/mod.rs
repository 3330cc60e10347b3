//! Discord (serenity + poise): the `/hoego` slash command and its subcommands, Answer and Skip
//! buttons on prompts, answer modals, ephemeral personal replies, and a [`Messenger`] that
//! sends prompts as DMs or in a thread of the schedule's channel. Every message disables
//! mentions. When `discord.api_base_url` is set (a rate-limiting proxy, or the test fake),
//! serenity's own rate limiter is off and the sender's pacing governs.

mod actor;
mod commands;
pub mod doctor;
mod errors;
mod interactions;
mod localize;
mod messenger;
mod modal;
mod pending;
pub mod permissions;
mod readers;
pub mod render;
mod submits;

use std::sync::Arc;

use anyhow::Context as _;
use secrecy::ExposeSecret;
use serenity::all::{
    ClientBuilder, ConnectionStage, FullEvent, GatewayIntents, GuildId, HttpBuilder, Interaction,
};
use serenity::gateway::ShardManager;
use tokio::task::JoinHandle;

pub use self::messenger::DiscordMessenger;
use self::pending::PendingForms;
use self::readers::ChannelViewers;
use self::submits::Submits;
use super::{ChatPlatform, Connection, Entry, Starting};
use crate::config::{DiscordSettings, Settings};
use crate::domain::state::Platform;
use crate::service::channel_readers::ReadsChannels;
use crate::service::memory::Remembers;
use crate::service::messenger::Messenger;
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
    pub submits: Submits,
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
    shard_manager: Arc<ShardManager>,
    messenger: Arc<DiscordMessenger>,
    /// Kept alive here: the service holds it weakly.
    _readers: Arc<dyn ReadsChannels>,
    connection: Connection,
    task: Option<JoinHandle<Result<(), serenity::Error>>>,
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
    /// globally) and starts handling interactions on `service`.
    pub async fn start(settings: &DiscordSettings, service: Service) -> anyhow::Result<DiscordBot> {
        let (token, base) = token_and_base(settings)?;
        let http = http_builder(&token, base.as_deref());
        let connection = Connection::default();
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
        let data = Data {
            service,
            forms,
            submits: Submits::default(),
            members_intent: settings.members_intent,
            connection: connection.clone(),
            guilds: Default::default(),
        };
        let guilds: Vec<GuildId> = settings
            .guild_ids
            .iter()
            .map(|g| GuildId::new(*g))
            .collect();
        let framework = poise::Framework::builder()
            .options(options())
            .initialize_owners(false)
            .setup(move |ctx, _ready, framework| {
                Box::pin(async move {
                    register(ctx, &framework.options().commands, &guilds).await?;
                    data.connection.set(true);
                    Ok(data)
                })
            })
            .build();
        let mut client =
            ClientBuilder::new_with_http(http.build(), intents(settings.members_intent))
                .framework(framework)
                .await
                .context("cannot build the Discord client")?;
        let messenger = Arc::new(DiscordMessenger::new(&token, base));
        let shard_manager = client.shard_manager.clone();
        let shards = (settings.shard_count, settings.shard_range);
        let task = tokio::spawn(async move {
            match shards {
                (0, _) => client.start_autosharded().await,
                (count, None) => client.start_shards(count).await,
                // serenity reads the range's end as the last shard, inclusive.
                (count, Some((first, last))) => client.start_shard_range(first..last, count).await,
            }
        });
        Ok(DiscordBot {
            shard_manager,
            messenger,
            _readers: readers,
            connection,
            task: Some(task),
        })
    }

    /// What the sender posts prompts and reminders through.
    pub fn messenger(&self) -> Arc<DiscordMessenger> {
        self.messenger.clone()
    }

    /// Up from READY or RESUMED until the gateway disconnects (what `/readyz` watches).
    pub fn connection(&self) -> Connection {
        self.connection.clone()
    }

    /// Waits until the client stops (a fatal gateway error such as an invalid token); at once
    /// when it was already waited for.
    pub async fn stopped(&mut self) -> anyhow::Result<()> {
        let Some(task) = self.task.take() else {
            return Ok(());
        };
        match task.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(error).context("the Discord client stopped"),
            Err(error) => Err(error).context("the Discord client task failed"),
        }
    }

    /// Disconnects every shard.
    pub async fn stop(self) {
        self.connection.set(false);
        self.shard_manager.shutdown_all().await;
        if let Some(task) = self.task {
            let _ = task.await;
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

/// serenity's REST client for `token`, through `base` when set (its own rate limiter off then).
fn http_builder(token: &str, base: Option<&str>) -> HttpBuilder {
    let http = HttpBuilder::new(token).default_allowed_mentions(render::no_mentions());
    match base {
        Some(base) => http.proxy(base).ratelimiter_disabled(true),
        None => http,
    }
}

async fn register(
    ctx: &serenity::all::Context,
    commands: &[poise::Command<Data, Error>],
    guilds: &[GuildId],
) -> Result<(), Error> {
    if guilds.is_empty() {
        poise::builtins::register_globally(ctx, commands).await?;
    }
    for guild in guilds {
        poise::builtins::register_in_guild(ctx, commands, *guild).await?;
    }
    tracing::info!(guilds = guilds.len(), "slash commands registered");
    Ok(())
}

fn options() -> poise::FrameworkOptions<Data, Error> {
    poise::FrameworkOptions {
        commands: vec![localized(commands::hoego())],
        allowed_mentions: Some(render::no_mentions()),
        on_error: |error| Box::pin(errors::on_error(error)),
        event_handler: |framework, event| Box::pin(on_event(framework, event)),
        ..Default::default()
    }
}

/// `command` with its texts from the catalogs, in every language (see [`localize`]).
fn localized(mut command: poise::Command<Data, Error>) -> poise::Command<Data, Error> {
    localize::localize(&mut command);
    command
}

/// Buttons and modal submits (poise handles the slash commands); the connection's state from
/// READY, RESUMED and shard stage changes; the guilds' names from GUILD_CREATE and GUILD_UPDATE.
async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
) -> Result<(), Error> {
    let (ctx, data) = (framework.serenity_context, framework.user_data);
    let interaction = match event {
        FullEvent::InteractionCreate { interaction } => interaction,
        FullEvent::Ready { .. } | FullEvent::Resume { .. } => {
            data.connection.set(true);
            return Ok(());
        }
        FullEvent::GuildCreate { guild, .. } => {
            data.guilds.name(guild.id, &guild.name);
            return Ok(());
        }
        FullEvent::GuildUpdate { new_data, .. } => {
            data.guilds.name(new_data.id, &new_data.name);
            return Ok(());
        }
        FullEvent::ShardStageUpdate { event } => {
            if event.new != ConnectionStage::Connected {
                data.connection.set(false);
            }
            return Ok(());
        }
        _ => return Ok(()),
    };
    match interaction {
        Interaction::Component(press) => interactions::on_press(ctx, data, press).await,
        Interaction::Modal(submit) => interactions::on_submit(ctx, data, submit).await,
        _ => Ok(()),
    }
}
