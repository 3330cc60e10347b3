//! A fake Discord on 127.0.0.1 that the real serenity client talks to, as strict as Discord: the
//! bot token on every call, the global and per-channel rate limits, the 3-second interaction
//! deadline and the single initial response, message, modal and command limits, unknown
//! channels, enforced nonces; a gateway with sessions that RESUME replays, invalid sessions and
//! reconnect requests. Each area is a file of its own: `rest` routes, `gateway`, `interactions`,
//! `channels`, `commands`, `limits` (message and modal checks), `ratelimit`, `errors`.
//!
//! Every request is recorded with the answer it got; one refused by a platform rule is also a
//! violation, which [`FakeDiscord::assert_no_violations`] reports (the test harness calls it when
//! a test finishes). A test can answer the next matching request with an injected error, and run
//! an observer before a request is answered (to see the database at that moment).

#![allow(
    dead_code,
    reason = "shared with benches/discord.rs, which uses a part of it, as the tests use another"
)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::Method;
use axum::routing::{any, get};
use futures_util::future::BoxFuture;
use serde_json::Value;
use tokio::sync::Notify;

mod attachments;
mod channels;
mod commands;
pub mod errors;
pub mod gateway;
mod interactions;
mod limits;
mod multipart;
mod ratelimit;
mod rest;
mod servers;
mod sessions;

pub use self::attachments::attachment;
pub use self::channels::dm_channel;
pub use self::rest::message;

/// The application id the fake hands out in READY.
pub const APP_ID: &str = "2000";
/// The guild the fake holds, and its name until a test renames it.
pub const GUILD_ID: &str = "8000";
pub const GUILD_NAME: &str = "Core";
/// The bot's own user id.
pub const BOT_ID: &str = "1000";
/// The bot token [`FakeDiscord::start`] accepts.
pub const TOKEN: &str = "test-token";

/// One request the fake received, with what it answered.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub status: u16,
    /// The answer's body (`null` for 204).
    pub answer: Value,
    /// When it arrived.
    pub at: Instant,
}

/// An error the fake answers the next matching request with.
struct Failure {
    method: Method,
    path_contains: String,
    status: u16,
    body: Value,
}

/// Something run before a matching request is answered.
pub type Observer = Arc<dyn Fn(Recorded) -> BoxFuture<'static, ()> + Send + Sync>;

enum Out {
    Frame(Value),
    Close(u16),
}

#[derive(Default)]
struct Shared {
    token: String,
    /// The guild's name when renamed from [`GUILD_NAME`].
    renamed: Mutex<Option<String>>,
    requests: Mutex<Vec<Recorded>>,
    violations: Mutex<Vec<Recorded>>,
    changed: Notify,
    failures: Mutex<VecDeque<Failure>>,
    observers: Mutex<Vec<(String, Observer)>>,
    limits: Mutex<ratelimit::Limits>,
    interactions: Mutex<interactions::Interactions>,
    channels: Mutex<channels::Channels>,
    gateway: Mutex<sessions::Gateway>,
    /// Guilds besides [`GUILD_ID`], as (id, name).
    more_guilds: Mutex<Vec<(String, String)>>,
    /// The shard count `GET /gateway/bot` recommends (1 when 0).
    recommended: AtomicU64,
    identifies: Mutex<Vec<Value>>,
    resumes: AtomicUsize,
    next_id: AtomicU64,
    members_intent_enabled: AtomicBool,
    members: Mutex<Vec<Value>>,
    addr: Mutex<Option<SocketAddr>>,
    servers: Mutex<servers::Servers>,
    attachments: Mutex<attachments::Attachments>,
}

impl Shared {
    /// Every guild the bot is in, as (id, name).
    fn guilds(&self) -> Vec<(String, String)> {
        let renamed = self.renamed.lock().unwrap().clone();
        let name = renamed.unwrap_or_else(|| GUILD_NAME.to_string());
        let mut guilds = vec![(GUILD_ID.to_string(), name)];
        guilds.extend(self.more_guilds.lock().unwrap().iter().cloned());
        guilds
    }

    fn record(&self, recorded: Recorded, violation: bool) {
        if violation {
            self.violations.lock().unwrap().push(recorded.clone());
        }
        self.requests.lock().unwrap().push(recorded);
        self.changed.notify_waiters();
    }

    /// Runs the observers whose path matches, before the request is answered.
    async fn observe(&self, method: &Method, path: &str, body: &Value) {
        let matching: Vec<Observer> = self
            .observers
            .lock()
            .unwrap()
            .iter()
            .filter(|(contains, _)| path.contains(contains.as_str()))
            .map(|(_, observer)| observer.clone())
            .collect();
        for observer in matching {
            let seen = Recorded {
                method: method.to_string(),
                path: path.to_string(),
                body: body.clone(),
                status: 0,
                answer: Value::Null,
                at: Instant::now(),
            };
            observer(seen).await;
        }
    }
}

/// The running fake.
pub struct FakeDiscord {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeDiscord {
    /// Starts the fake on a free port, accepting the bot token [`TOKEN`].
    pub async fn start() -> FakeDiscord {
        Self::with_token(TOKEN).await
    }

    /// Starts the fake accepting the bot token `token`.
    pub async fn with_token(token: &str) -> FakeDiscord {
        let shared = Arc::new(Shared {
            token: token.to_string(),
            channels: Mutex::new(channels::Channels::new()),
            ..Shared::default()
        });
        shared.next_id.store(900_000, Ordering::SeqCst);
        let app = Router::new()
            .route("/gateway", get(gateway::gateway))
            .route("/attachments/{id}/{name}", get(attachments::serve))
            .fallback(any(rest::rest))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        *shared.addr.lock().unwrap() = Some(addr);
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        FakeDiscord { addr, shared, task }
    }

    /// The base URL to configure as `discord.api_base_url`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Lets IDENTIFY ask for the privileged Server Members intent (as when an operator enabled
    /// it for the application); otherwise such an IDENTIFY is closed with 4014 and listing
    /// members is 403 50001, like Discord.
    pub fn enable_members_intent(&self) {
        self.shared
            .members_intent_enabled
            .store(true, Ordering::SeqCst);
    }

    /// The guild's members `GET /guilds/{id}/members` lists (Member objects, ids ascending).
    pub fn set_members(&self, members: Vec<Value>) {
        *self.shared.members.lock().unwrap() = members;
    }

    /// Declares that DM channels with `users` exist already (opened in an earlier run), as
    /// the DM channel ids a database cached would name.
    pub fn existing_dms<'a>(&self, users: impl IntoIterator<Item = &'a str>) {
        let mut channels = self.shared.channels.lock().unwrap();
        for user in users {
            channels.existing_dm(user);
        }
    }

    /// Serves `bytes` as a member's attached file `filename` and returns its Attachment object
    /// (its `size` is `claimed_size`, when given, as a client could claim another).
    pub fn attach(&self, filename: &str, bytes: &[u8], claimed_size: Option<usize>) -> Value {
        let id = self
            .shared
            .next_id
            .fetch_add(1, Ordering::SeqCst)
            .to_string();
        let url = format!("{}/attachments/{id}/{filename}", self.base_url());
        let size = claimed_size.unwrap_or(bytes.len());
        self.shared
            .attachments
            .lock()
            .unwrap()
            .add(&id, bytes.to_vec());
        attachment(&id, filename, &url, size)
    }

    /// How often the attachment `id` was fetched.
    pub fn attachment_fetches(&self, id: &str) -> usize {
        let attachments = self.shared.attachments.lock().unwrap();
        attachments.fetched.get(id).copied().unwrap_or(0)
    }

    /// Shortens the 3-second initial-response deadline (to test a late response quickly).
    pub fn set_interaction_deadline(&self, deadline: Duration) {
        self.shared.interactions.lock().unwrap().deadline = deadline;
    }

    /// Forgets enforced nonces after `memory` instead of Discord's few minutes (a takeover that
    /// comes after Discord's nonce window, without waiting minutes).
    pub fn remember_nonces_for(&self, memory: Duration) {
        self.shared.channels.lock().unwrap().nonce_memory = Some(memory);
    }

    /// How many requests were answered 429 by the enforced rate limits.
    pub fn rate_limited(&self) -> usize {
        self.shared.limits.lock().unwrap().refused
    }

    /// How many messages were really created in `channel` (a retry deduplicated by its nonce
    /// creates none).
    pub fn messages_created_in(&self, channel: &str) -> usize {
        let channels = self.shared.channels.lock().unwrap();
        channels.created.get(channel).copied().unwrap_or(0)
    }

    /// Answers the next `method` request whose path contains `path_contains` with `status` and
    /// Discord's error body `body`.
    pub fn fail_next(&self, method: Method, path_contains: &str, status: u16, body: Value) {
        self.shared.failures.lock().unwrap().push_back(Failure {
            method,
            path_contains: path_contains.into(),
            status,
            body,
        });
    }

    /// Runs `observer` before answering any request whose path contains `path_contains`.
    pub fn observe(&self, path_contains: &str, observer: Observer) {
        let mut observers = self.shared.observers.lock().unwrap();
        observers.push((path_contains.to_string(), observer));
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The requests matching `method` and containing `path_contains`.
    pub fn requests_to(&self, method: &str, path_contains: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.contains(path_contains))
            .collect()
    }

    /// How many requests match `method` and contain `path_contains` (without copying them).
    pub fn count_to(&self, method: &str, path_contains: &str) -> usize {
        let requests = self.shared.requests.lock().unwrap();
        requests
            .iter()
            .filter(|r| r.method == method && r.path.contains(path_contains))
            .count()
    }

    /// The requests refused by a platform rule so far, and forgets them (for a test that
    /// provokes one on purpose).
    pub fn take_violations(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.shared.violations.lock().unwrap())
    }

    /// Fails the test when a request was refused by a platform rule: hoego sent something
    /// Discord would have refused.
    pub fn assert_no_violations(&self) {
        let violations = self.take_violations();
        assert!(
            violations.is_empty(),
            "Discord would have refused {} request(s): {:#?}",
            violations.len(),
            violations
                .iter()
                .map(|r| (&r.method, &r.path, r.status, &r.answer, &r.body))
                .collect::<Vec<_>>()
        );
    }

    /// Waits (up to 20 s) until `count` requests match, and returns them.
    pub async fn wait_for(&self, method: &str, path_contains: &str, count: usize) -> Vec<Recorded> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let notified = self.shared.changed.notified();
            let found = self.requests_to(method, path_contains);
            if found.len() >= count {
                return found;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!(
                    "waited for {count} {method} {path_contains}, saw {}: {:#?}",
                    found.len(),
                    self.requests()
                );
            }
            let _ = tokio::time::timeout(left, notified).await;
        }
    }
}
