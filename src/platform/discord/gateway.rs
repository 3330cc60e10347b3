//! Building serenity clients for the bot: every client (one for all shards, or one per leased
//! shard) shares the handlers' state — the use cases, answer forms being filled, modal submits in
//! flight, guild names — and `/hoego` is registered once per process, on the first READY.

use std::sync::Arc;

use anyhow::Context as _;
use serenity::all::{
    Client, ClientBuilder, ConnectionStage, FullEvent, GuildId, HttpBuilder, Interaction,
};
use tokio::sync::OnceCell;

use super::pending::PendingForms;
use super::{Data, Error, actor, commands, errors, interactions, localize, render};
use crate::platform::Connection;
use crate::platform::submits::Submits;
use crate::service::Service;

/// What every client of the bot is built from.
#[derive(Clone)]
pub(super) struct Gateway {
    pub token: String,
    pub base: Option<String>,
    pub members_intent: bool,
    /// Where `/hoego` is registered at once (globally when empty).
    pub command_guilds: Vec<GuildId>,
    pub service: Service,
    pub forms: Arc<PendingForms>,
    pub submits: Arc<Submits>,
    pub guilds: actor::GuildNames,
    registered: Arc<OnceCell<()>>,
}

impl Gateway {
    /// The parts shared by every client built from it.
    pub fn new(
        (token, base): (String, Option<String>),
        members_intent: bool,
        command_guilds: Vec<GuildId>,
        service: Service,
        forms: Arc<PendingForms>,
    ) -> Gateway {
        Gateway {
            token,
            base,
            members_intent,
            command_guilds,
            service,
            forms,
            submits: Arc::default(),
            guilds: Default::default(),
            registered: Arc::default(),
        }
    }

    /// A client whose shards report their state to `connection` (up from READY or RESUMED, down
    /// when a shard disconnects).
    pub async fn client(&self, connection: Connection) -> anyhow::Result<Client> {
        let data = Data {
            service: self.service.clone(),
            forms: self.forms.clone(),
            submits: self.submits.clone(),
            members_intent: self.members_intent,
            connection,
            guilds: self.guilds.clone(),
        };
        let (registered, guilds) = (self.registered.clone(), self.command_guilds.clone());
        let framework = poise::Framework::builder()
            .options(options())
            .initialize_owners(false)
            .setup(move |ctx, _ready, framework| {
                Box::pin(async move {
                    let commands = &framework.options().commands;
                    registered
                        .get_or_try_init(|| register(ctx, commands, &guilds))
                        .await?;
                    data.connection.set(true);
                    Ok(data)
                })
            })
            .build();
        let http = http_builder(&self.token, self.base.as_deref()).build();
        ClientBuilder::new_with_http(http, super::intents(self.members_intent))
            .framework(framework)
            .await
            .context("cannot build the Discord client")
    }

    /// The number of shards Discord recommends for the bot (`GET /gateway/bot`).
    pub async fn recommended_shards(&self) -> anyhow::Result<u32> {
        let http = http_builder(&self.token, self.base.as_deref()).build();
        let gateway = http
            .get_bot_gateway()
            .await
            .context("cannot ask Discord how many shards the bot needs (GET /gateway/bot)")?;
        Ok(gateway.shards.max(1))
    }
}

/// serenity's REST client for `token`, through `base` when set (its own rate limiter off then).
pub(super) fn http_builder(token: &str, base: Option<&str>) -> HttpBuilder {
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
