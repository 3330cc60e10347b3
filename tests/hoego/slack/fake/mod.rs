//! A fake Slack on 127.0.0.1 that the real slack-morphism client talks to: the Web API methods
//! hoego calls (under `/api/`), file uploads, response URLs, and Socket Mode connections
//! (`apps.connections.open` hands out `ws://…/socket`; hello, envelopes, acknowledgements,
//! `disconnect`). It records every call and every acknowledgement with its latency, and can
//! answer the next call of a method with an injected error (such as a 429 with Retry-After).

mod socket;
mod web;
mod workspace;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::{any, get, post};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc};

/// The workspace the fake pretends to be.
pub const TEAM: &str = "T0HOEGO";
/// The bot's own user id.
pub const BOT_USER: &str = "UBOT";

/// One Web API call (or response URL post) the fake received.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method (`chat.postMessage`), `response_url` or `upload`.
    pub method: String,
    /// The JSON body, or the query/form fields as a JSON object.
    pub body: Value,
    /// The `Authorization` header.
    pub auth: Option<String>,
    /// The status answered.
    pub status: u16,
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

#[derive(Default)]
struct Shared {
    calls: Mutex<Vec<Call>>,
    changed: Notify,
    failures: Mutex<VecDeque<Failure>>,
    sockets: Mutex<Vec<mpsc::UnboundedSender<String>>>,
    next_socket: AtomicUsize,
    sent: Mutex<HashMap<String, Instant>>,
    acks: Mutex<HashMap<String, (Value, Duration, Instant)>>,
    users: Mutex<HashMap<String, Value>>,
    uploads: Mutex<HashMap<String, Vec<u8>>>,
    next: AtomicU64,
    addr: Mutex<Option<SocketAddr>>,
    workspace: Mutex<workspace::Workspace>,
}

impl Shared {
    fn record(&self, call: Call) {
        self.calls.lock().unwrap().push(call);
        self.changed.notify_waiters();
    }

    fn next(&self) -> u64 {
        self.next.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr.lock().unwrap().expect("bound"))
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
    /// Starts the fake on a free loopback port.
    pub async fn start() -> FakeSlack {
        let shared = Arc::new(Shared::default());
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

    /// A response URL for one command or press.
    pub fn response_url(&self) -> String {
        format!("{}/response/{}", self.shared.base(), self.shared.next())
    }

    /// What `users.info` says of `user` (merged over a plain member in Seoul speaking English).
    pub fn set_user(&self, user: &str, fields: Value) {
        self.shared
            .users
            .lock()
            .unwrap()
            .insert(user.into(), fields);
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

    /// The bytes uploaded for each file id.
    pub fn uploads(&self) -> HashMap<String, Vec<u8>> {
        self.shared.uploads.lock().unwrap().clone()
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

    /// Waits (up to 10 s) until `n` Socket Mode connections are open.
    pub async fn wait_connected(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.open_sockets() < n {
            assert!(
                Instant::now() < deadline,
                "{n} Socket Mode connections never opened"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// How many Socket Mode connections are open.
    pub fn open_sockets(&self) -> usize {
        let mut sockets = self.shared.sockets.lock().unwrap();
        sockets.retain(|s| !s.is_closed());
        sockets.len()
    }

    /// Sends an envelope of `kind` (`slash_commands`, `interactive`, `events_api`) over one open
    /// connection (round robin); its envelope id.
    pub fn envelope(&self, kind: &str, payload: Value) -> String {
        let id = format!("env-{}", self.shared.next());
        let frame = json!({
            "envelope_id": id,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": payload,
        });
        self.shared
            .sent
            .lock()
            .unwrap()
            .insert(id.clone(), Instant::now());
        self.send_to_one(frame.to_string());
        id
    }

    fn send_to_one(&self, frame: String) {
        let sockets: Vec<_> = {
            let mut sockets = self.shared.sockets.lock().unwrap();
            sockets.retain(|s| !s.is_closed());
            sockets.clone()
        };
        assert!(!sockets.is_empty(), "no Socket Mode connection is open");
        let at = self.shared.next_socket.fetch_add(1, Ordering::SeqCst) % sockets.len();
        sockets[at].send(frame).expect("socket open");
    }

    /// Asks every open connection to reconnect, as Slack does before it rotates servers: the
    /// `disconnect` message, then the connection is closed and gets no more envelopes.
    pub fn disconnect_all(&self) {
        let frame = json!({"type": "disconnect", "reason": "refresh_requested",
                           "debug_info": {"host": "fake"}});
        for socket in self.shared.sockets.lock().unwrap().drain(..) {
            let _ = socket.send(frame.to_string());
        }
    }

    /// When the acknowledgement of `envelope_id` arrived, if it did.
    pub fn acked_at(&self, envelope_id: &str) -> Option<Instant> {
        let acks = self.shared.acks.lock().unwrap();
        acks.get(envelope_id).map(|(_, _, at)| *at)
    }

    /// Waits (up to 10 s) for the acknowledgement of `envelope_id`: its payload (or null) and
    /// how long after the envelope was sent it came.
    pub async fn ack(&self, envelope_id: &str) -> (Value, Duration) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.shared.changed.notified();
            if let Some((payload, latency, _)) = self.shared.acks.lock().unwrap().get(envelope_id) {
                return (payload.clone(), *latency);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "envelope {envelope_id} was never acknowledged"
            );
            let _ = tokio::time::timeout(left, notified).await;
        }
    }
}
