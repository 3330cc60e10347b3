//! A fake Slack on 127.0.0.1 that the real slack-morphism client talks to, as strict as Slack:
//! the bot and app-level tokens, method tiers and the per-channel posting pace, Block Kit and
//! view limits, single-use trigger ids valid 3 seconds, response URLs (five uses in 30
//! minutes), the 3-second acknowledgement and the redelivery of unacknowledged events. Each
//! area is a file of its own: `web` (methods, uploads, response URLs), `socket` (Socket Mode),
//! `views` (trigger ids and views), `blocks` (Block Kit checks), `history` (what was posted,
//! read back), `ratelimit`.
//!
//! Every call is recorded with its answer; one refused by a platform rule (not an injected
//! error, not a 429) is also a violation, which [`FakeSlack::assert_no_violations`] reports (the
//! test harness calls it when a test finishes). A test can answer the next call of a method
//! with an injected error, and run an observer before a call is answered or an acknowledgement
//! recorded (to see the database at that moment).

#![allow(
    dead_code,
    reason = "shared with benches/slack.rs, which uses a part of it, as the tests use another"
)]

mod blocks;
mod history;
mod ratelimit;
mod socket;
mod views;
mod web;
mod workspace;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::{any, get, post};
use futures_util::future::BoxFuture;
use serde_json::Value;
use tokio::sync::{Notify, mpsc};

/// The workspace the fake pretends to be.
pub const TEAM: &str = "T0HOEGO";
/// The workspace's name (`auth.test`'s `team`) until a test renames it.
pub const WORKSPACE_NAME: &str = "Fake";
/// The bot's own user id.
pub const BOT_USER: &str = "UBOT";
/// The bot token [`FakeSlack::start`] accepts.
pub const BOT_TOKEN: &str = "xoxb-test-bot";
/// The app-level token [`FakeSlack::start`] accepts for Socket Mode.
pub const APP_TOKEN: &str = "xapp-test-app";

/// One Web API call (or response URL post, upload, late acknowledgement) the fake received.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method (`chat.postMessage`), `response_url`, `upload` or `ack`.
    pub method: String,
    /// The JSON body, or the query/form fields as a JSON object.
    pub body: Value,
    /// The `Authorization` header.
    pub auth: Option<String>,
    /// The status answered.
    pub status: u16,
    /// What was answered.
    pub answer: Value,
    /// When it arrived.
    pub at: Instant,
}

/// An error to answer the next call of a method with.
struct Failure {
    method: String,
    status: u16,
    error: String,
    retry_after: Option<u64>,
}

/// Something run before a matching call is answered (or an acknowledgement recorded).
pub type Observer = Arc<dyn Fn(Value) -> BoxFuture<'static, ()> + Send + Sync>;

#[derive(Default)]
struct Shared {
    bot_token: String,
    app_token: String,
    calls: Mutex<Vec<Call>>,
    violations: Mutex<Vec<Call>>,
    changed: Notify,
    failures: Mutex<VecDeque<Failure>>,
    observers: Mutex<Vec<(String, Observer)>>,
    sockets: Mutex<Vec<mpsc::UnboundedSender<String>>>,
    next_socket: AtomicUsize,
    lose_acks: AtomicUsize,
    envelopes: Mutex<HashMap<String, socket::Envelope>>,
    triggers: Mutex<views::Triggers>,
    response_urls: Mutex<HashMap<String, (Instant, usize)>>,
    dms: Mutex<HashSet<String>>,
    limits: Mutex<ratelimit::Limits>,
    users: Mutex<HashMap<String, Value>>,
    uploads: Mutex<HashMap<String, Vec<u8>>>,
    messages: Mutex<HashMap<String, Vec<Value>>>,
    next: AtomicU64,
    addr: Mutex<Option<SocketAddr>>,
    workspace: Mutex<workspace::Workspace>,
    /// The workspace's name as `auth.test` gives it, when renamed from [`WORKSPACE_NAME`].
    renamed: Mutex<Option<String>>,
}

impl Shared {
    fn record(&self, call: Call, violation: bool) {
        if violation {
            self.violations.lock().unwrap().push(call.clone());
        }
        self.calls.lock().unwrap().push(call);
        self.changed.notify_waiters();
    }

    fn next(&self) -> u64 {
        self.next.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr.lock().unwrap().expect("bound"))
    }

    /// The conversation a post to `asked` lands in: a public channel (`C…`, the bot is in it),
    /// an opened DM (`D…`), the DM with a user (`U…`), or a channel the test declared; `None`
    /// for anything else.
    fn channel(&self, asked: &str) -> Option<String> {
        match asked.chars().next() {
            Some('C') => Some(asked.to_string()),
            Some('U') => Some(format!("D{asked}")),
            Some('D') if self.dms.lock().unwrap().contains(asked) => Some(asked.to_string()),
            _ if self.workspace.lock().unwrap().declares(asked) => Some(asked.to_string()),
            _ => None,
        }
    }

    /// Runs the observers of `what` (a method name, or `ack`) before it is answered.
    async fn observe(&self, what: &str, body: &Value) {
        let matching: Vec<Observer> = self
            .observers
            .lock()
            .unwrap()
            .iter()
            .filter(|(name, _)| name == what)
            .map(|(_, observer)| observer.clone())
            .collect();
        for observer in matching {
            observer(body.clone()).await;
        }
    }

    /// Sends a frame over one open connection (round robin).
    fn send_to_one(&self, frame: String) -> Result<(), &'static str> {
        let sockets: Vec<_> = {
            let mut sockets = self.sockets.lock().unwrap();
            sockets.retain(|s| !s.is_closed());
            sockets.clone()
        };
        if sockets.is_empty() {
            return Err("no Socket Mode connection is open");
        }
        let at = self.next_socket.fetch_add(1, Ordering::SeqCst) % sockets.len();
        sockets[at].send(frame).map_err(|_| "the connection closed")
    }
}

/// The running fake.
pub struct FakeSlack {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeSlack {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeSlack {
    /// Starts the fake on a free loopback port, accepting [`BOT_TOKEN`] and [`APP_TOKEN`].
    pub async fn start() -> FakeSlack {
        Self::with_tokens(BOT_TOKEN, APP_TOKEN).await
    }

    /// Starts the fake accepting the bot token `bot` and the app-level token `app`.
    pub async fn with_tokens(bot: &str, app: &str) -> FakeSlack {
        let shared = Arc::new(Shared {
            bot_token: bot.to_string(),
            app_token: app.to_string(),
            ..Shared::default()
        });
        let router = Router::new()
            .route("/api/{method}", any(web::method))
            .route("/upload/{file}", post(web::upload))
            .route("/response/{id}", post(web::response_url))
            .route("/socket", get(socket::connect))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        *shared.addr.lock().unwrap() = Some(addr);
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        FakeSlack { addr, shared, task }
    }

    /// The Web API base URL to configure (`slack.api_base_url`).
    pub fn api_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// A fresh response URL for one command or press (valid 30 minutes, five uses).
    pub fn response_url(&self) -> String {
        let id = self.shared.next().to_string();
        let mut urls = self.shared.response_urls.lock().unwrap();
        urls.insert(id.clone(), (Instant::now(), 0));
        format!("{}/response/{id}", self.shared.base())
    }

    /// Renames the workspace: `auth.test` gives `name` from now on.
    pub fn rename_workspace(&self, name: &str) {
        *self.shared.renamed.lock().unwrap() = Some(name.to_string());
    }

    /// What `users.info` says of `user` (merged over a plain member in Seoul speaking English).
    pub fn set_user(&self, user: &str, fields: Value) {
        self.shared
            .users
            .lock()
            .unwrap()
            .insert(user.into(), fields);
    }

    /// Declares that the DM conversations with `users` exist already (opened in an earlier
    /// run), as DM ids a database cached would name.
    pub fn existing_dms<'a>(&self, users: impl IntoIterator<Item = &'a str>) {
        let mut dms = self.shared.dms.lock().unwrap();
        dms.extend(users.into_iter().map(|u| format!("D{u}")));
    }

    /// Answers the next call of `method` with `status` and Slack error `error`.
    pub fn fail_next(&self, method: &str, status: u16, error: &str, retry_after: Option<u64>) {
        self.shared.failures.lock().unwrap().push_back(Failure {
            method: method.into(),
            status,
            error: error.into(),
            retry_after,
        });
    }

    /// Runs `observer` with the body before answering any call of `what` (a method, or `ack`
    /// for acknowledgements, with the ack frame).
    pub fn observe(&self, what: &str, observer: Observer) {
        let mut observers = self.shared.observers.lock().unwrap();
        observers.push((what.to_string(), observer));
    }

    /// How many calls the enforced rate limits answered 429.
    pub fn rate_limited(&self) -> usize {
        self.shared.limits.lock().unwrap().refused
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.lock().unwrap().clone()
    }

    /// The calls of `method` so far.
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method)
            .collect()
    }

    /// How many calls of `method` came so far (without copying them).
    pub fn count_of(&self, method: &str) -> usize {
        let calls = self.shared.calls.lock().unwrap();
        calls.iter().filter(|c| c.method == method).count()
    }

    /// The bytes uploaded for each file id.
    pub fn uploads(&self) -> HashMap<String, Vec<u8>> {
        self.shared.uploads.lock().unwrap().clone()
    }

    /// The calls refused by a platform rule so far (and late acknowledgements), forgotten
    /// once taken (for a test that provokes one on purpose).
    pub fn take_violations(&self) -> Vec<Call> {
        std::mem::take(&mut *self.shared.violations.lock().unwrap())
    }

    /// Fails the test when hoego did something Slack would have refused.
    pub fn assert_no_violations(&self) {
        let violations = self.take_violations();
        assert!(
            violations.is_empty(),
            "Slack would have refused {} call(s): {:#?}",
            violations.len(),
            violations
                .iter()
                .map(|c| (&c.method, c.status, &c.answer, &c.body))
                .collect::<Vec<_>>()
        );
    }

    /// Waits (up to 10 s) until `method` was called `n` times; its calls.
    pub async fn wait_for(&self, method: &str, n: usize) -> Vec<Call> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.shared.changed.notified();
            let found = self.calls_of(method);
            if found.len() >= n {
                return found;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "{method} was called {} times, not {n}",
                found.len()
            );
            let _ = tokio::time::timeout(left, notified).await;
        }
    }
}
