//! The Slack adapter, driven through the real slack-morphism client against a fake Slack on
//! 127.0.0.1: Socket Mode connections, `/hoego` commands, prompts with buttons, answer modals,
//! rate limits, reconnects, and the HTTP Events API's signature checks.

pub mod fake;
pub mod payloads;

mod admin_rights;
mod at_once;
mod burst;
mod capsule;
mod commands;
mod crash;
mod digest_readers;
mod events_api;
mod forgetting;
mod hung;
mod mandalart;
mod manifest;
mod pacing;
mod prompts;
mod readiness;
mod recall;
mod recap_files;
mod rounds;
mod run;
mod scopes;
mod socket;
mod strict;
mod takeover;
mod team_names;
mod templates;
mod threads;
mod year_end;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hoego::config::SlackSettings;
use hoego::domain::lang::Lang;
use hoego::domain::template::TemplateLibrary;
use hoego::domain::zone::ZoneName;
use hoego::platform::slack::SlackBot;
use hoego::sender::Sender;
use hoego::service::clock::ManualClock;
use hoego::service::{Defaults, Service};
use hoego::store::Store;
use secrecy::SecretString;
use serde_json::Value;

use self::fake::{Call, FakeSlack};
use self::payloads::Person;
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::world::{unpaced_sender, utc};

pub use self::fake::{APP_TOKEN, BOT_TOKEN};

/// The bot running against the fake, on a fresh database.
pub struct SlackApp {
    pub fake: FakeSlack,
    pub bot: Option<SlackBot>,
    pub store: Store,
    pub clock: ManualClock,
    pub service: Service,
    pub db: TestDb,
    settings: SlackSettings,
    next: AtomicU64,
}

impl SlackApp {
    /// The bot on Socket Mode with a connection open (slack-morphism opens its second one a
    /// few seconds later) on a fresh database of `backend`, or `None` when PostgreSQL was
    /// skipped explicitly.
    pub async fn start(backend: Backend) -> Option<SlackApp> {
        let app = Self::start_with(backend, |_, _| {}).await?;
        app.fake.wait_connected(1).await;
        Some(app)
    }

    /// The bot started with settings changed by `configure`.
    pub async fn start_with(
        backend: Backend,
        configure: impl FnOnce(&mut SlackSettings, &FakeSlack),
    ) -> Option<SlackApp> {
        Some(Self::start_on(TestDb::new(backend).await?, configure).await)
    }

    /// The bot started on the database `db`, with settings changed by `configure`.
    pub async fn start_on(
        db: TestDb,
        configure: impl FnOnce(&mut SlackSettings, &FakeSlack),
    ) -> SlackApp {
        let fake = FakeSlack::start().await;
        let clock = ManualClock::new(utc(2026, 12, 1, 0, 0));
        let service = Service {
            shown: Default::default(),
            store: db.store.clone(),
            templates: Arc::new(TemplateLibrary::load(None).unwrap()),
            clock: Arc::new(clock.clone()),
            defaults: Defaults {
                time_zone: ZoneName::parse("Asia/Seoul").unwrap(),
                language: Lang::En,
                answer_window: Duration::from_secs(48 * 3600),
                grace_period: Duration::from_secs(6 * 3600),
                reminder_at_percent: 75,
            },
            guard: Default::default(),
            memories: Default::default(),
            summaries: Default::default(),
            readers: Default::default(),
        };
        let mut settings = SlackSettings {
            bot_token: Some(SecretString::from(BOT_TOKEN)),
            app_token: Some(SecretString::from(APP_TOKEN)),
            signing_secret: None,
            api_base_url: Some(url::Url::parse(&fake.api_url()).unwrap()),
            http_bind: None,
            admin_user_ids: Vec::new(),
        };
        configure(&mut settings, &fake);
        let bot = SlackBot::start(&settings, service.clone()).await.unwrap();
        SlackApp {
            store: db.store.clone(),
            fake,
            bot: Some(bot),
            clock,
            service,
            db,
            settings,
            next: AtomicU64::new(1),
        }
    }

    /// Stops the bot and starts a new one (a new service: nothing of the old process's memory
    /// survives) on the same database and fake, once its connection is open.
    pub async fn restart(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while self.fake.open_sockets() > 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "the old bot's sockets stay open"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let service = Service {
            shown: Default::default(),
            memories: Default::default(),
            ..self.service.clone()
        };
        let bot = SlackBot::start(&self.settings, service.clone())
            .await
            .unwrap();
        self.bot = Some(bot);
        self.service = service;
        self.fake.wait_connected(1).await;
    }

    /// Stops the bot and drops the database; fails the test if hoego did anything Slack
    /// would have refused.
    pub async fn finish(mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        self.db.finish().await;
        self.fake.assert_no_violations();
    }

    /// A fresh trigger id.
    pub fn trigger(&self) -> String {
        format!("trigger-{}", self.next.fetch_add(1, Ordering::SeqCst))
    }

    /// `/hoego <text>` typed by `who`: the acknowledgement (payload, latency) and the response
    /// URL the answer goes to.
    pub async fn command(&self, who: &Person, text: &str) -> (Value, Duration, String) {
        let url = self.fake.response_url();
        let payload = payloads::command(who, text, &self.trigger(), &url);
        let envelope = self.fake.envelope("slash_commands", payload);
        let (ack, latency) = self.fake.ack(&envelope).await;
        (ack, latency, url)
    }

    /// What was posted to the response URL `url` (waits up to 10 s).
    pub async fn answer_at(&self, url: &str) -> Call {
        let id = url.rsplit('/').next().unwrap().to_string();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .fake
                .calls_of("response_url")
                .into_iter()
                .find(|c| c.body["response_url_id"] == id.as_str());
            if let Some(call) = found {
                return call;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "nothing came to {url}; calls: {:?}",
                self.fake.calls()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// `/hoego <text>` and the text of its answer.
    pub async fn typed(&self, who: &Person, text: &str) -> String {
        let (_, _, url) = self.command(who, text).await;
        text_of(&self.answer_at(&url).await.body)
    }

    /// A sender posting through the bot's Slack messenger, pacing off.
    pub fn sender(&self) -> Sender {
        let messenger = self.bot.as_ref().unwrap().messenger();
        unpaced_sender(&self.store, &self.clock, messenger)
    }
}

/// Every text of a message body: its `text` and each block's text, joined by newlines.
pub fn text_of(body: &Value) -> String {
    let mut parts = vec![body["text"].as_str().unwrap_or_default().to_string()];
    let blocks = match &body["blocks"] {
        Value::String(encoded) => serde_json::from_str(encoded).unwrap_or(Value::Null),
        other => other.clone(),
    };
    for block in blocks.as_array().into_iter().flatten() {
        if let Some(text) = block["text"]["text"].as_str() {
            parts.push(text.to_string());
        }
    }
    parts.join("\n")
}

/// The action ids of a message body's buttons.
pub fn buttons(body: &Value) -> Vec<String> {
    let blocks = match &body["blocks"] {
        Value::String(encoded) => serde_json::from_str(encoded).unwrap_or(Value::Null),
        other => other.clone(),
    };
    blocks
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["action_id"].as_str().map(str::to_string))
        .collect()
}
