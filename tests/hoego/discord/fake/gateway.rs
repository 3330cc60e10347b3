//! The fake gateway, kept as Discord keeps it: HELLO; IDENTIFY with the bot's token (another
//! token is closed with 4004, a privileged intent the application has not enabled with 4014)
//! starts a new session answered by READY; heartbeats are ACKed; every dispatch has its sequence
//! number and stays in the session's log, so a RESUME with the session id replays what the
//! client missed, then RESUMED; a RESUME of an unknown or invalidated session gets op 9 (Invalid
//! Session, not resumable) and must IDENTIFY again; the test can ask the client to reconnect
//! (op 7) or close the connection with a code.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::{APP_ID, BOT_ID, FakeDiscord, Out, Shared};

/// The privileged GUILD_MEMBERS intent bit.
const GUILD_MEMBERS: u64 = 1 << 1;

/// The gateway session: its id, the sequence so far, and every dispatch sent in it.
#[derive(Debug, Default)]
pub struct Session {
    pub id: Option<String>,
    pub seq: u64,
    log: Vec<Value>,
    /// Sessions started so far (READYs sent).
    pub started: usize,
    /// Whether a RESUME may continue it.
    pub resumable: bool,
}

impl Session {
    /// A new session: a fresh id, the sequence from 1, an empty log.
    fn start(&mut self) -> String {
        self.started += 1;
        let id = format!("session-{}", self.started);
        *self = Session {
            id: Some(id.clone()),
            seq: 0,
            log: Vec::new(),
            started: self.started,
            resumable: true,
        };
        id
    }

    /// A dispatch frame with the next sequence number, kept in the log.
    pub fn dispatch(&mut self, event: &str, data: Value) -> Value {
        self.seq += 1;
        let frame = json!({"op": 0, "t": event, "s": self.seq, "d": data});
        self.log.push(frame.clone());
        frame
    }

    /// What a client that saw up to `seq` missed.
    fn missed_since(&self, seq: u64) -> Vec<Value> {
        self.log
            .iter()
            .filter(|f| f["s"].as_u64().is_some_and(|s| s > seq))
            .cloned()
            .collect()
    }
}

pub(super) fn gateway_url(shared: &Shared) -> String {
    format!(
        "ws://{}/gateway",
        shared.addr.lock().unwrap().expect("bound")
    )
}

pub(super) async fn gateway(
    State(shared): State<Arc<Shared>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| connection(shared, socket))
}

fn frame(value: Value) -> Message {
    Message::Text(value.to_string().into())
}

/// What to do after a client payload.
enum Reply {
    Send(Vec<Value>),
    Close(u16, &'static str),
    Nothing,
}

/// One gateway connection: HELLO, then the client's IDENTIFY/RESUME/heartbeats and the test's
/// dispatches, reconnect requests and closes.
async fn connection(shared: Arc<Shared>, mut socket: WebSocket) {
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
                match on_client(&shared, &payload) {
                    Reply::Send(frames) => {
                        for value in frames {
                            if socket.send(frame(value)).await.is_err() {
                                return;
                            }
                        }
                    }
                    Reply::Close(code, reason) => return close(socket, code, reason).await,
                    Reply::Nothing => {}
                }
            }
            out = outgoing.recv() => match out {
                Some(Out::Frame(value)) => {
                    if socket.send(frame(value)).await.is_err() {
                        return;
                    }
                }
                Some(Out::Close(code)) => return close(socket, code, "closed by the test").await,
                None => return,
            }
        }
    }
}

async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let close = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = socket.send(Message::Close(Some(close))).await;
    drain(socket).await;
}

/// After a Close frame, reads until the client's close completes.
async fn drain(mut socket: WebSocket) {
    let _ = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(Ok(_)) = socket.recv().await {}
    })
    .await;
}

fn on_client(shared: &Shared, payload: &Value) -> Reply {
    match payload["op"].as_u64() {
        Some(1) => Reply::Send(vec![json!({"op": 11})]),
        Some(2) => identify(shared, &payload["d"]),
        Some(6) => resume(shared, &payload["d"]),
        _ => Reply::Nothing,
    }
}

/// Whether a gateway token is the bot's (serenity sends it as `Bot <token>`).
fn token_ok(shared: &Shared, given: &Value) -> bool {
    let given = given.as_str().unwrap_or_default();
    given.strip_prefix("Bot ").unwrap_or(given) == shared.token
}

fn identify(shared: &Shared, d: &Value) -> Reply {
    shared.identifies.lock().unwrap().push(d.clone());
    if !token_ok(shared, &d["token"]) {
        return Reply::Close(4004, "Authentication failed.");
    }
    let intents = d["intents"].as_u64().unwrap_or(0);
    if intents & GUILD_MEMBERS != 0 && !shared.members_intent_enabled.load(Ordering::SeqCst) {
        return Reply::Close(4014, "Disallowed intent(s).");
    }
    let mut session = shared.session.lock().unwrap();
    let id = session.start();
    let ready = session.dispatch("READY", ready(&gateway_url(shared), &id));
    // As on Discord, each guild of the bot follows READY with GUILD_CREATE (GUILDS intent).
    let name = shared.renamed.lock().unwrap().clone();
    let name = name.as_deref().unwrap_or(super::GUILD_NAME);
    let guild = session.dispatch("GUILD_CREATE", guild_create(super::GUILD_ID, name));
    Reply::Send(vec![ready, guild])
}

fn resume(shared: &Shared, d: &Value) -> Reply {
    shared.resumes.fetch_add(1, Ordering::SeqCst);
    if !token_ok(shared, &d["token"]) {
        return Reply::Close(4004, "Authentication failed.");
    }
    let mut session = shared.session.lock().unwrap();
    let same = session.id.as_deref() == d["session_id"].as_str();
    if !same || !session.resumable {
        return Reply::Send(vec![json!({"op": 9, "d": false})]);
    }
    let mut frames = session.missed_since(d["seq"].as_u64().unwrap_or(0));
    frames.push(session.dispatch("RESUMED", json!({})));
    Reply::Send(frames)
}

/// The READY dispatch's data for session `session_id`.
pub fn ready(gateway_url: &str, session_id: &str) -> Value {
    json!({
        "v": 10, "user": {"id": BOT_ID, "username": "hoego", "bot": true}, "guilds": [],
        "session_id": session_id, "resume_gateway_url": gateway_url,
        "application": {"id": APP_ID, "flags": 0}
    })
}

/// A guild as GUILD_UPDATE carries it (every field serenity 0.12.5 requires of a partial guild).
pub fn guild_update(id: &str, name: &str) -> Value {
    json!({
        "id": id, "name": name, "icon": null, "icon_hash": null, "splash": null,
        "discovery_splash": null, "owner_id": "9000", "afk_channel_id": null, "afk_timeout": 300,
        "verification_level": 0, "default_message_notifications": 0,
        "explicit_content_filter": 0, "roles": [], "emojis": [], "features": [], "mfa_level": 0,
        "application_id": null, "system_channel_id": null, "system_channel_flags": 0,
        "rules_channel_id": null, "vanity_url_code": null, "description": null, "banner": null,
        "premium_tier": 0, "preferred_locale": "en-US", "public_updates_channel_id": null,
        "nsfw_level": 0, "stickers": [], "premium_progress_bar_enabled": false
    })
}

/// A guild as GUILD_CREATE carries it to a bot without privileged intents: the partial
/// guild's fields and the gateway's own (no members listed but the bot's, as Discord does).
pub fn guild_create(id: &str, name: &str) -> Value {
    let mut guild = guild_update(id, name);
    let extra = json!({
        "joined_at": "2026-01-01T00:00:00+00:00", "large": false, "unavailable": false,
        "member_count": 3, "voice_states": [], "members": [], "channels": [], "threads": [],
        "presences": [], "stage_instances": [], "guild_scheduled_events": []
    });
    for (key, value) in extra.as_object().unwrap() {
        guild[key] = value.clone();
    }
    guild
}

/// The gateway as a test drives it.
impl FakeDiscord {
    /// Renames the guild: a GUILD_UPDATE now, and its new name in every later GUILD_CREATE.
    pub fn rename_guild(&self, name: &str) {
        *self.shared.renamed.lock().unwrap() = Some(name.to_string());
        self.dispatch("GUILD_UPDATE", guild_update(super::GUILD_ID, name));
    }

    /// The IDENTIFY payloads received.
    pub fn identifies(&self) -> Vec<Value> {
        self.shared.identifies.lock().unwrap().clone()
    }

    /// How many RESUMEs were received.
    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    /// Sends a dispatch in the current session: at once on an open connection, otherwise when
    /// the client resumes (a dispatch into a session that is never resumed is lost, as on
    /// Discord). An INTERACTION_CREATE starts its 3-second deadline now.
    pub fn dispatch(&self, event: &'static str, data: Value) {
        if event == "INTERACTION_CREATE" {
            self.shared.interactions.lock().unwrap().dispatched(&data);
        }
        let frame = self.shared.session.lock().unwrap().dispatch(event, data);
        if let Some(sender) = self.shared.gateway.lock().unwrap().as_ref() {
            let _ = sender.send(Out::Frame(frame));
        }
    }

    /// Closes the current gateway connection with `code`.
    pub fn close_gateway(&self, code: u16) {
        if let Some(sender) = self.shared.gateway.lock().unwrap().take() {
            let _ = sender.send(Out::Close(code));
        }
    }

    /// Asks the client to reconnect and resume (op 7), as Discord does before moving a session.
    pub fn request_reconnect(&self) {
        if let Some(sender) = self.shared.gateway.lock().unwrap().as_ref() {
            let _ = sender.send(Out::Frame(serde_json::json!({"op": 7, "d": null})));
        }
    }

    /// Makes the current session impossible to resume: the next RESUME gets op 9.
    pub fn invalidate_session(&self) {
        self.shared.session.lock().unwrap().resumable = false;
    }

    /// Waits until at least `identifies` IDENTIFYs and `resumes` RESUMEs were received and a
    /// session is ready.
    pub async fn wait_for_sessions(&self, identifies: usize, resumes: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.identifies().len() < identifies || self.resumes() < resumes {
            assert!(Instant::now() < deadline, "no gateway session came");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// How many sessions were started (READYs sent).
    pub fn sessions_started(&self) -> usize {
        self.shared.session.lock().unwrap().started
    }
}
