//! A fake Discord on 127.0.0.1 that the real serenity client talks to: the REST calls hoego
//! makes and a gateway (HELLO, IDENTIFY → READY, RESUME → RESUMED, heartbeat ACKs, dispatches).
//! It records every request, can answer the next matching request with an injected error, can
//! enforce a requests-per-second limit like Discord's, and can close the gateway with a code.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::Method;
use axum::routing::{any, get};
use serde_json::Value;
use tokio::sync::{Notify, mpsc};

pub mod gateway;
mod rest;
mod servers;

pub use self::rest::message;

/// The application id the fake hands out in READY.
pub const APP_ID: &str = "2000";
/// The bot's own user id.
pub const BOT_ID: &str = "1000";

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub status: u16,
    /// When it arrived.
    #[allow(
        dead_code,
        reason = "used by benches/discord.rs, which shares this fake"
    )]
    pub at: Instant,
}

/// An error the fake answers the next matching request with.
struct Failure {
    method: Method,
    path_contains: String,
    status: u16,
    body: Value,
}

enum Out {
    Dispatch(&'static str, Value),
    Close(u16),
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<Recorded>>,
    changed: Notify,
    failures: Mutex<VecDeque<Failure>>,
    gateway: Mutex<Option<mpsc::UnboundedSender<Out>>>,
    identifies: Mutex<Vec<Value>>,
    resumes: AtomicUsize,
    seq: AtomicU64,
    next_id: AtomicU64,
    members_intent_enabled: std::sync::atomic::AtomicBool,
    members: Mutex<Vec<Value>>,
    per_second: AtomicU64,
    window: Mutex<VecDeque<Instant>>,
    rate_limited: AtomicUsize,
    addr: Mutex<Option<SocketAddr>>,
    servers: Mutex<servers::Servers>,
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
    /// Starts the fake on a free port.
    pub async fn start() -> FakeDiscord {
        let shared = Arc::new(Shared::default());
        shared.next_id.store(900_000, Ordering::SeqCst);
        let app = Router::new()
            .route("/gateway", get(gateway::gateway))
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
    /// it for the application); otherwise such an IDENTIFY is closed with 4014, like Discord.
    pub fn enable_members_intent(&self) {
        self.shared
            .members_intent_enabled
            .store(true, Ordering::SeqCst);
    }

    /// The guild's members `GET /guilds/{id}/members` lists (Member objects).
    #[allow(
        dead_code,
        reason = "unused by benches/discord.rs, which shares this fake"
    )]
    pub fn set_members(&self, members: Vec<Value>) {
        *self.shared.members.lock().unwrap() = members;
    }

    /// Answers REST requests over `per_second` in any one-second window with a 429.
    #[allow(
        dead_code,
        reason = "used by benches/discord.rs, which shares this fake"
    )]
    pub fn limit_per_second(&self, per_second: u64) {
        self.shared.per_second.store(per_second, Ordering::SeqCst);
    }

    /// How many requests were answered with the enforced limit's 429.
    #[allow(
        dead_code,
        reason = "used by benches/discord.rs, which shares this fake"
    )]
    pub fn rate_limited(&self) -> usize {
        self.shared.rate_limited.load(Ordering::SeqCst)
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

    /// The IDENTIFY payloads received.
    pub fn identifies(&self) -> Vec<Value> {
        self.shared.identifies.lock().unwrap().clone()
    }

    /// How many RESUMEs were received.
    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    /// Sends a dispatch on the current gateway connection.
    pub fn dispatch(&self, event: &'static str, data: Value) {
        let gateway = self.shared.gateway.lock().unwrap();
        let sender = gateway.as_ref().expect("a gateway connection");
        sender.send(Out::Dispatch(event, data)).unwrap();
    }

    /// Closes the current gateway connection with `code`.
    pub fn close_gateway(&self, code: u16) {
        if let Some(sender) = self.shared.gateway.lock().unwrap().take() {
            let _ = sender.send(Out::Close(code));
        }
    }

    /// Waits until a gateway session is ready (after IDENTIFY or RESUME) and returns how many
    /// IDENTIFYs and RESUMEs have been seen.
    pub async fn wait_for_sessions(&self, identifies: usize, resumes: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.identifies().len() < identifies || self.resumes() < resumes {
            assert!(Instant::now() < deadline, "no gateway session came");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
