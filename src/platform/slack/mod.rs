//! Slack (slack-morphism's Web API client and models; Socket Mode read by [`socket`]): Socket
//! Mode by default (`slack.bot_token` + `slack.app_token`, no public URL), optionally the HTTP
//! Events API on `slack.http_bind` with signed requests. The `/hoego` slash command reads the
//! console's text grammar; prompts are Block Kit messages with Answer and Skip buttons; Answer
//! opens a modal. `slack.api_base_url` points the Web API client elsewhere (a proxy, the tests'
//! fake); Socket Mode follows the URL `apps.connections.open` returns. Several replicas may each hold connections: Slack gives each envelope to one.

mod blocks;
mod client;
pub mod doctor;
mod events_http;
mod handler;
pub mod manifest;
mod messenger;
mod modal;
mod people;
mod readers;
pub mod scopes;
mod seen;
mod socket;
mod submit;
mod workspace;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use secrecy::ExposeSecret;
use slack_morphism::prelude::*;
use tokio::task::JoinHandle;

use self::handler::Handler;
pub use self::messenger::SlackMessenger;
pub use self::people::PROFILE_TTL_SECS;
use self::people::People;
use self::readers::ChannelMembers;
use super::{ChatPlatform, Connection, Entry, Starting};
use crate::config::{Settings, SlackSettings};
use crate::domain::state::Platform;
use crate::service::channel_readers::ReadsChannels;
use crate::service::memory::Remembers;
use crate::service::messenger::Messenger;
use crate::service::{Limits, Service};

/// Slack in the list of platforms: configured by `slack.bot_token`.
pub const ENTRY: Entry = Entry {
    name: "slack",
    configured: |settings| settings.slack.bot_token.is_some(),
    start,
    check: |settings, channels| Box::pin(doctor::check(&settings.slack, channels)),
};

fn start(settings: &Settings, service: Service) -> Starting<'_> {
    Box::pin(async move {
        let bot = SlackBot::start(&settings.slack, service).await?;
        Ok(Box::new(bot) as Box<dyn ChatPlatform>)
    })
}

/// What Slack's messages and modals hold: 3,000 characters per section; a reply over 12,000
/// characters reads better as a summary with a file; up to 100 inputs per modal, 3,000
/// characters each.
pub const LIMITS: Limits = Limits {
    message_len: 12_000,
    block_len: 3000,
    form_inputs: 100,
    input_len: 3000,
};

/// The running bot.
pub struct SlackBot {
    socket: Option<socket::SocketMode>,
    http: Option<(SocketAddr, JoinHandle<()>)>,
    messenger: Arc<SlackMessenger>,
    /// Kept alive here: the service holds it weakly.
    _readers: Arc<dyn ReadsChannels>,
    connection: Connection,
}

impl SlackBot {
    /// Checks the bot token (`auth.test`), then listens: Socket Mode with `slack.app_token`,
    /// the Events API on `slack.http_bind` with `slack.signing_secret`, or both.
    pub async fn start(settings: &SlackSettings, service: Service) -> anyhow::Result<SlackBot> {
        let bot_token = settings
            .bot_token
            .as_ref()
            .context("slack.bot_token is not set")?;
        if settings.app_token.is_none() && settings.http_bind.is_none() {
            anyhow::bail!(
                "set slack.app_token (xapp-..., Socket Mode) or slack.http_bind with slack.signing_secret (Events API)"
            );
        }
        let secret = match (settings.http_bind, &settings.signing_secret) {
            (Some(_), None) => anyhow::bail!(
                "slack.http_bind is set but slack.signing_secret is not: requests cannot be verified"
            ),
            (_, secret) => secret.as_ref().map(|s| s.expose_secret().to_string()),
        };
        let client = client::client(settings.api_base_url.as_ref())?;
        let token = SlackApiToken::new(bot_token.expose_secret().to_string().into());
        let me = client.open_session(&token).auth_test().await;
        let me = me.map_err(|e| anyhow::anyhow!("Slack refused slack.bot_token: {e}"))?;
        tracing::info!(team = ?me.team, user = %me.user_id.0, "Slack bot token accepted");
        let messenger = Arc::new(SlackMessenger::new(client.clone(), token.clone()));
        let admins = settings.admin_user_ids.clone();
        let clock = service.clock.clone();
        let people = Arc::new(People::new(client.clone(), token.clone(), admins, clock));
        // Forget-me clears what these keep of the person too.
        let (kept_people, kept_dms): (Arc<dyn Remembers>, Arc<dyn Remembers>) =
            (people.clone(), messenger.clone());
        service.memories.register(Arc::downgrade(&kept_people));
        service.memories.register(Arc::downgrade(&kept_dms));
        // Team recaps of schedules whose digest channel a person is in.
        let readers: Arc<dyn ReadsChannels> =
            Arc::new(ChannelMembers::new(client.clone(), token.clone()));
        service
            .readers
            .register(Platform::Slack, Arc::downgrade(&readers));
        let handler = Arc::new(Handler {
            service,
            messenger: messenger.clone(),
            client: client.clone(),
            people,
            token,
            seen: Default::default(),
            workers: Arc::new(tokio::sync::Semaphore::new(handler::WORKERS)),
            submits: Default::default(),
        });
        let connection = Connection::default();
        let http = match (settings.http_bind, secret) {
            (Some(bind), Some(secret)) => {
                Some(events_http::serve(bind, handler.clone(), secret).await?)
            }
            _ => None,
        };
        let socket = match &settings.app_token {
            Some(app_token) => {
                let app_token = SlackApiToken::new(app_token.expose_secret().to_string().into());
                let connection = connection.clone();
                Some(socket::SocketMode::start(
                    client, app_token, handler, connection,
                ))
            }
            None => {
                connection.set(true);
                None
            }
        };
        Ok(SlackBot {
            socket,
            http,
            messenger,
            _readers: readers,
            connection,
        })
    }

    /// What the sender posts prompts and reminders through.
    pub fn messenger(&self) -> Arc<SlackMessenger> {
        self.messenger.clone()
    }

    /// Up once Slack said hello on a Socket Mode connection (always up in Events API mode).
    pub fn connection(&self) -> Connection {
        self.connection.clone()
    }

    /// Where the Events API listens, when it does.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http.as_ref().map(|(addr, _)| *addr)
    }

    /// Closes the connections and stops listening.
    pub async fn stop(self) {
        self.connection.set(false);
        if let Some(socket) = self.socket {
            socket.shutdown().await;
        }
        if let Some((_, task)) = self.http {
            task.abort();
        }
    }
}

#[async_trait::async_trait]
impl ChatPlatform for SlackBot {
    fn messenger(&self) -> Arc<dyn Messenger> {
        self.messenger.clone()
    }

    fn connection(&self) -> Connection {
        self.connection.clone()
    }

    async fn stop(self: Box<Self>) {
        SlackBot::stop(*self).await
    }
}
