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
use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc};

/// The application id the fake hands out in READY.
pub const APP_ID: &str = "2000";
/// The bot's own user id.
pub const BOT_ID: &str = "1000";
/// The privileged GUILD_MEMBERS intent bit.
const GUILD_MEMBERS: u64 = 1 << 1;

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
    per_second: AtomicU64,
    window: Mutex<VecDeque<Instant>>,
    rate_limited: AtomicUsize,
    addr: Mutex<Option<SocketAddr>>,
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
            .route("/gateway", get(gateway))
            .fallback(any(rest))
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

fn next_id(shared: &Shared) -> String {
    shared.next_id.fetch_add(1, Ordering::SeqCst).to_string()
}

/// A Message object with every field serenity requires.
pub fn message(id: &str, channel_id: &str, body: &Value) -> Value {
    json!({
        "id": id, "channel_id": channel_id,
        "author": {"id": BOT_ID, "username": "hoego", "bot": true},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-29T00:00:00.000000+00:00",
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0,
        "components": body.get("components").cloned().unwrap_or(json!([])),
        "flags": body.get("flags").cloned().unwrap_or(json!(0)),
    })
}

async fn rest(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), 1 << 24)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let (status, answer) = answer(&shared, &method, &path, &body);
    shared.requests.lock().unwrap().push(Recorded {
        method: method.to_string(),
        path,
        body,
        status: status.as_u16(),
        at: Instant::now(),
    });
    shared.changed.notify_waiters();
    match answer {
        Some(value) if status == StatusCode::TOO_MANY_REQUESTS => {
            let retry = value["retry_after"].as_f64().unwrap_or(1.0).to_string();
            (status, [("retry-after", retry)], axum::Json(value)).into_response()
        }
        Some(value) => (status, axum::Json(value)).into_response(),
        None => status.into_response(),
    }
}

fn over_limit(shared: &Shared) -> bool {
    let limit = shared.per_second.load(Ordering::SeqCst);
    if limit == 0 {
        return false;
    }
    let now = Instant::now();
    let mut window = shared.window.lock().unwrap();
    while window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
    {
        window.pop_front();
    }
    if window.len() as u64 >= limit {
        shared.rate_limited.fetch_add(1, Ordering::SeqCst);
        return true;
    }
    window.push_back(now);
    false
}

fn injected(shared: &Shared, method: &Method, path: &str) -> Option<(StatusCode, Value)> {
    let mut failures = shared.failures.lock().unwrap();
    let index = failures
        .iter()
        .position(|f| f.method == method && path.contains(&f.path_contains))?;
    let failure = failures.remove(index)?;
    Some((StatusCode::from_u16(failure.status).unwrap(), failure.body))
}

fn answer(
    shared: &Shared,
    method: &Method,
    path: &str,
    body: &Value,
) -> (StatusCode, Option<Value>) {
    if let Some((status, body)) = injected(shared, method, path) {
        return (status, Some(body));
    }
    if over_limit(shared) {
        let body = json!({"message": "You are being rate limited.", "retry_after": 0.05, "global": false, "code": 0});
        return (StatusCode::TOO_MANY_REQUESTS, Some(body));
    }
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let ok = |v: Value| (StatusCode::OK, Some(v));
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": gateway_url(shared)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": gateway_url(shared), "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        })),
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": APP_ID, "name": "hoego", "description": "", "bot_public": true,
            "bot_require_code_grant": false, "verify_key": "k"
        })),
        (
            "PUT",
            ["applications", app, "commands"] | ["applications", app, "guilds", _, "commands"],
        ) => {
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut c| {
                    c["id"] = json!(next_id(shared));
                    c["application_id"] = json!(app);
                    c["version"] = json!("1");
                    if c.get("type").is_none() {
                        c["type"] = json!(1);
                    }
                    c
                })
                .collect();
            ok(Value::Array(commands))
        }
        ("POST", ["interactions", _, _, "callback"]) => (StatusCode::NO_CONTENT, None),
        ("POST", ["webhooks", _, _]) | ("PATCH", ["webhooks", _, _, "messages", _]) => {
            ok(message(&next_id(shared), "5000", body))
        }
        ("POST", ["users", "@me", "channels"]) => {
            let recipient = body["recipient_id"].as_str().unwrap_or("0").to_string();
            let channel = format!("7{recipient}");
            ok(
                json!({"id": channel, "type": 1, "recipients": [{"id": recipient, "username": "member"}]}),
            )
        }
        ("POST", ["channels", channel, "messages"]) => ok(message(&next_id(shared), channel, body)),
        ("POST", ["channels", channel, "threads"]) => ok(json!({
            "id": next_id(shared), "type": 11, "parent_id": channel, "guild_id": "8000",
            "name": body["name"].clone(),
        })),
        _ => (
            StatusCode::NOT_FOUND,
            Some(json!({"message": "404: Not Found", "code": 0})),
        ),
    }
}

fn gateway_url(shared: &Shared) -> String {
    format!(
        "ws://{}/gateway",
        shared.addr.lock().unwrap().expect("bound")
    )
}

async fn gateway(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| session(shared, socket))
}

fn frame(value: Value) -> Message {
    Message::Text(value.to_string().into())
}

/// One gateway connection: HELLO, then IDENTIFY/RESUME/heartbeats from the client and
/// dispatches or a close from the test.
async fn session(shared: Arc<Shared>, mut socket: WebSocket) {
    let (out, mut outgoing) = mpsc::unbounded_channel();
    *shared.gateway.lock().unwrap() = Some(out);
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}});
    if socket.send(frame(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { return };
                let Message::Text(text) = message else { continue };
                let Ok(payload) = serde_json::from_str::<Value>(text.as_str()) else { continue };
                let Some(reply) = on_client(&shared, &payload) else { continue };
                let close = reply.is_none();
                let sent = match reply {
                    Some(value) => socket.send(frame(value)).await,
                    None => socket.send(Message::Close(Some(CloseFrame { code: 4014, reason: "Disallowed intent(s).".into() }))).await,
                };
                if sent.is_err() || close {
                    return drain(socket).await;
                }
            }
            out = outgoing.recv() => match out {
                Some(Out::Dispatch(event, data)) => {
                    let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
                    let payload = json!({"op": 0, "t": event, "s": s, "d": data});
                    if socket.send(frame(payload)).await.is_err() {
                        return;
                    }
                }
                Some(Out::Close(code)) => {
                    let close = CloseFrame { code, reason: "closed by the test".into() };
                    let _ = socket.send(Message::Close(Some(close))).await;
                    return drain(socket).await;
                }
                None => return,
            }
        }
    }
}

/// After a Close frame, reads until the client's close completes.
async fn drain(mut socket: WebSocket) {
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(Ok(_)) = socket.recv().await {}
    })
    .await;
}

/// The answer to a client payload: `Some(Some(frame))` to send, `Some(None)` to close with
/// 4014 (a privileged intent not enabled), `None` for nothing.
fn on_client(shared: &Shared, payload: &Value) -> Option<Option<Value>> {
    match payload["op"].as_u64()? {
        1 => Some(Some(json!({"op": 11}))),
        2 => {
            shared.identifies.lock().unwrap().push(payload["d"].clone());
            let intents = payload["d"]["intents"].as_u64().unwrap_or(0);
            if intents & GUILD_MEMBERS != 0 && !shared.members_intent_enabled.load(Ordering::SeqCst)
            {
                return Some(None);
            }
            let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
            Some(Some(
                json!({"op": 0, "t": "READY", "s": s, "d": ready(&gateway_url(shared))}),
            ))
        }
        6 => {
            shared.resumes.fetch_add(1, Ordering::SeqCst);
            let s = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
            Some(Some(json!({"op": 0, "t": "RESUMED", "s": s, "d": {}})))
        }
        _ => None,
    }
}

/// The READY dispatch's data.
pub fn ready(gateway_url: &str) -> Value {
    json!({
        "v": 10, "user": {"id": BOT_ID, "username": "hoego", "bot": true}, "guilds": [],
        "session_id": "session-1", "resume_gateway_url": gateway_url,
        "application": {"id": APP_ID, "flags": 0}
    })
}
