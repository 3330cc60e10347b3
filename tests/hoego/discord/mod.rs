//! The Discord adapter, driven through the real serenity + poise client against a fake Discord
//! on 127.0.0.1: start and command registration, slash commands, prompts as DMs with buttons,
//! answer modals, rate limits and gateway resumes.

pub mod fake;
pub mod payloads;

mod answered_elsewhere;
mod answering;
mod autocomplete;
mod capsule;
mod commands;
mod crash;
mod digest_readers;
mod digests;
mod failures;
mod hung;
mod imports;
mod mandalart;
mod mandalart_share;
mod mapping;
mod milestones;
mod pacing;
mod pages;
mod permissions;
mod prompts;
mod readiness;
mod recall;
mod recaps;
pub(crate) mod roles;
mod run;
mod sessions;
mod strict;
mod takeover;
mod team_names;
mod templates;
mod year_end;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hoego::config::DiscordSettings;
use hoego::domain::lang::Lang;
use hoego::domain::state::Platform;
use hoego::domain::template::TemplateLibrary;
use hoego::domain::zone::ZoneName;
use hoego::platform::discord::DiscordBot;
use hoego::sender::Sender;
use hoego::service::clock::ManualClock;
use hoego::service::{Actor, Defaults, Service};
use hoego::store::Store;
use secrecy::SecretString;
use serde_json::Value;

use self::fake::{FakeDiscord, Recorded};
use self::payloads::{GUILD, Person, Place};
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::world::{unpaced_sender, utc};

/// A template of seven questions: two modals' worth.
const SEVEN: &str = r#"
id = "seven"
[name]
en = "Seven questions"
ko = "일곱 질문"
[description]
en = "Seven."
ko = "일곱."
"#;

/// The bot running against the fake, on a fresh database.
pub struct DiscordApp {
    pub fake: FakeDiscord,
    pub bot: Option<DiscordBot>,
    pub store: Store,
    pub clock: ManualClock,
    pub service: Service,
    pub db: TestDb,
    settings: DiscordSettings,
    next_id: AtomicU64,
    _templates: tempfile::TempDir,
}

/// Seven questions (`seven`), or seven optional ones (`optional-seven`).
fn seven_questions(required: bool) -> String {
    let mut text = SEVEN.to_string();
    if !required {
        text = text.replace("id = \"seven\"", "id = \"optional-seven\"");
    }
    for i in 1..=7 {
        text.push_str(&format!(
            "[[questions]]\nid = \"q{i}\"\nkind = \"text\"\nrequired = {required}\n[questions.text]\nen = \"Question {i}?\"\nko = \"질문 {i}?\"\n"
        ));
    }
    text
}

impl DiscordApp {
    /// The bot started with the default settings (commands registered in the test guild) on a
    /// fresh database of `backend`, or `None` when PostgreSQL was skipped explicitly.
    pub async fn start(backend: Backend) -> Option<DiscordApp> {
        Self::start_with(backend, |_, _| {}).await
    }

    /// The bot started with settings (and the fake) changed by `configure`.
    pub async fn start_with(
        backend: Backend,
        configure: impl FnOnce(&mut DiscordSettings, &FakeDiscord),
    ) -> Option<DiscordApp> {
        Some(Self::start_on(TestDb::new(backend).await?, configure).await)
    }

    /// The bot started on the database `db`, with settings changed by `configure`.
    pub async fn start_on(
        db: TestDb,
        configure: impl FnOnce(&mut DiscordSettings, &FakeDiscord),
    ) -> DiscordApp {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("seven.toml"), seven_questions(true)).unwrap();
        let optional = dir.path().join("optional-seven.toml");
        std::fs::write(optional, seven_questions(false)).unwrap();
        let clock = ManualClock::new(utc(2026, 12, 1, 0, 0));
        let service = Service {
            shown: Default::default(),
            store: db.store.clone(),
            templates: Arc::new(TemplateLibrary::load(Some(dir.path())).unwrap()),
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
        let mut settings = DiscordSettings {
            token: Some(SecretString::from(fake::TOKEN)),
            api_base_url: Some(url::Url::parse(&fake.base_url()).unwrap()),
            guild_ids: vec![GUILD.parse().unwrap()],
            members_intent: false,
            shard_count: 0,
            shard_range: None,
        };
        configure(&mut settings, &fake);
        let bot = DiscordBot::start(&settings, service.clone()).await.unwrap();
        DiscordApp {
            store: db.store.clone(),
            fake,
            bot: Some(bot),
            clock,
            service,
            db,
            settings,
            next_id: AtomicU64::new(3000),
            _templates: dir,
        }
    }

    /// Waits until poise has registered the commands (it holds back events until then).
    pub async fn registered(&self) -> Vec<Recorded> {
        self.fake.wait_for("PUT", "/commands", 1).await
    }

    /// Stops the bot and starts a new one on the same database and fake (a restart: nothing in
    /// the old process's memory survives), once it has registered its commands again.
    pub async fn restart(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        let registered = self.fake.requests_to("PUT", "/commands").len();
        let bot = DiscordBot::start(&self.settings, self.service.clone()).await;
        self.bot = Some(bot.unwrap());
        self.fake.wait_for("PUT", "/commands", registered + 1).await;
    }

    /// Stops the bot and drops the database; fails the test if hoego sent anything Discord
    /// would have refused.
    pub async fn finish(mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
        self.db.finish().await;
        self.fake.assert_no_violations();
    }

    fn id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }

    /// Dispatches an interaction built for a fresh id and returns the bot's response to it.
    pub(crate) async fn interact(&self, build: impl FnOnce(u64) -> Value) -> Value {
        let id = self.id();
        self.fake.dispatch("INTERACTION_CREATE", build(id));
        let path = format!("/interactions/{id}/");
        let found = self.fake.wait_for("POST", &path, 1).await;
        found[0].body.clone()
    }

    /// `/hoego …` typed by `who`; the response (callback body).
    pub async fn slash(&self, who: &Person, options: Value) -> Value {
        self.interact(|id| payloads::slash(id, who, options)).await
    }

    /// A button pressed by `who`; the response.
    pub async fn press(&self, who: &Person, place: Place, custom_id: &str) -> Value {
        self.interact(|id| payloads::button(id, who, place, custom_id))
            .await
    }

    /// A modal submitted by `who`; the response: the message itself, or for a deferred one
    /// (type 5) the deferral's flags with the message it was edited into.
    pub async fn submit(
        &self,
        who: &Person,
        place: Place,
        custom_id: &str,
        values: &[(&str, &str)],
    ) -> Value {
        let id = self.next_id.load(Ordering::SeqCst);
        let response = self
            .interact(|id| payloads::modal_submit(id, who, place, custom_id, values))
            .await;
        if response["type"] != 5 {
            return response;
        }
        let edit = format!("/tok-{id}/messages/@original");
        let edited = self.fake.wait_for("PATCH", &edit, 1).await;
        let mut data = edited[0].body.clone();
        data["flags"] = response["data"]["flags"].clone();
        serde_json::json!({"type": 5, "data": data})
    }

    /// `who` as the service sees them (for arranging through the service directly).
    pub fn actor(&self, who: &Person) -> Actor {
        Actor {
            platform: Platform::Discord,
            team_external_id: GUILD.into(),
            team_name: fake::GUILD_NAME.into(),
            user_id: who.id.clone(),
            display_name: who.name.clone(),
            locale: Some(who.locale.clone()),
            time_zone: None,
            is_admin: who.permissions & payloads::MANAGE_GUILD != 0,
            is_guest: false,
            channel_id: None,
            limits: hoego::platform::discord::LIMITS,
            request: None,
        }
    }

    /// A sender posting through the bot's Discord messenger.
    pub fn sender(&self) -> Sender {
        let messenger = self.bot.as_ref().unwrap().messenger();
        unpaced_sender(&self.store, &self.clock, messenger)
    }
}

/// The text of a response's message (type 4), if it is one.
pub fn content(response: &Value) -> String {
    response["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Whether a response's message is ephemeral (flag 64).
pub fn ephemeral(response: &Value) -> bool {
    response["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
}

/// Whether a message body disables every mention.
pub fn mentions_disabled(body: &Value) -> bool {
    let allowed = &body["allowed_mentions"];
    allowed["parse"].as_array().is_some_and(|p| p.is_empty())
        && allowed["users"].as_array().is_none_or(|u| u.is_empty())
        && allowed["roles"].as_array().is_none_or(|r| r.is_empty())
}
