//! The fake gateway, kept as Discord keeps it: HELLO; IDENTIFY with the bot's token (another
//! token is closed with 4004, a privileged intent the application has not enabled with 4014)
//! starts a new session of the shard it names (`shard: [id, count]`, `[0, 1]` without), answered
//! by READY and a GUILD_CREATE for each guild of that shard; heartbeats are ACKed. Several
//! sessions may run at once, and, as on Discord, **every** session of a shard gets every dispatch
//! of the shard's guilds (`(guild_id >> 22) % count`; DMs are shard 0's). Every dispatch has its
//! session's sequence number and stays in its log, so a RESUME with the session id replays what
//! the client missed, then RESUMED; a RESUME of an unknown or invalidated session gets op 9
//! (Invalid Session, not resumable) and must IDENTIFY again; the test can ask the clients to
//! reconnect (op 7) or close their connections with a code.

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

/// One gateway session: its id, its shard, the sequence so far, and every dispatch sent in it.
#[derive(Debug)]
pub struct Session {
    pub id: String,
    /// `[id, count]` as IDENTIFY named it.
    pub shard: (u64, u64),
    pub seq: u64,
    log: Vec<Value>,
    /// Whether a RESUME may continue it.
    pub resumable: bool,
}

impl Session {
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

    /// Whether the guild `guild` is on this session's shard.
    fn carries(&self, guild: u64) -> bool {
        let (id, count) = self.shard;
        (guild >> 22) % count.max(1) == id
    }
}

/// An open gateway connection and the session it runs, once identified or resumed.
struct Open {
    id: u64,
    session: Option<String>,
    out: mpsc::UnboundedSender<Out>,
}

/// Every session and open connection of the gateway.
#[derive(Default)]
pub struct Gateway {
    sessions: Vec<Session>,
    open: Vec<Open>,
    /// Sessions started so far (READYs sent).
    started: usize,
    next_connection: u64,
}

impl Gateway {
    /// A new session of `shard`, numbered from the sessions started so far.
    fn start(&mut self, shard: (u64, u64)) -> &mut Session {
        self.started += 1;
        self.sessions.retain(|s| s.resumable);
        self.sessions.push(Session {
            id: format!("session-{}", self.started),
            shard,
            seq: 0,
            log: Vec::new(),
            resumable: true,
        });
        self.sessions.last_mut().unwrap()
    }

    /// Runs the connection `connection` in the session `session`.
    fn attach(&mut self, connection: u64, session: &str) {
        if let Some(open) = self.open.iter_mut().find(|o| o.id == connection) {
            open.session = Some(session.to_string());
        }
    }

    /// Sends `event` to every session of the guild's shard (shard 0 without a guild).
    fn dispatch(&mut self, event: &str, data: &Value) {
        let guild = match event {
            "GUILD_CREATE" | "GUILD_UPDATE" => &data["id"],
            _ => &data["guild_id"],
        };
        let guild = guild.as_str().and_then(|g| g.parse().ok()).unwrap_or(0);
        for session in self.sessions.iter_mut().filter(|s| s.resumable) {
            if !session.carries(guild) {
                continue;
            }
            let frame = session.dispatch(event, data.clone());
            for open in &self.open {
                if open.session.as_deref() == Some(&session.id) {
                    let _ = open.out.send(Out::Frame(frame.clone()));
                }
            }
        }
    }

    /// The shards of the sessions running on an open connection now.
    fn connected_shards(&self) -> Vec<(u64, u64)> {
        let running = |open: &Open| {
            let id = open.session.as_deref()?;
            self.sessions.iter().find(|s| s.id == id).map(|s| s.shard)
        };
        self.open.iter().filter_map(running).collect()
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
async fn connection(shared: Arc<Shared>, socket: WebSocket) {
    let (out, outgoing) = mpsc::unbounded_channel();
    let id = {
        let mut gateway = shared.gateway.lock().unwrap();
        gateway.next_connection += 1;
        let id = gateway.next_connection;
        gateway.open.push(Open {
            id,
            session: None,
            out,
        });
        id
    };
    serve(&shared, id, socket, outgoing).await;
    shared.gateway.lock().unwrap().open.retain(|o| o.id != id);
}

async fn serve(
    shared: &Shared,
    id: u64,
    mut socket: WebSocket,
    mut outgoing: mpsc::UnboundedReceiver<Out>,
) {
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
                match on_client(shared, id, &payload) {
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

fn on_client(shared: &Shared, connection: u64, payload: &Value) -> Reply {
    match payload["op"].as_u64() {
        Some(1) => Reply::Send(vec![json!({"op": 11})]),
        Some(2) => identify(shared, connection, &payload["d"]),
        Some(6) => resume(shared, connection, &payload["d"]),
        _ => Reply::Nothing,
    }
}

/// Whether a gateway token is the bot's (serenity sends it as `Bot <token>`).
fn token_ok(shared: &Shared, given: &Value) -> bool {
    let given = given.as_str().unwrap_or_default();
    given.strip_prefix("Bot ").unwrap_or(given) == shared.token
}

fn identify(shared: &Shared, connection: u64, d: &Value) -> Reply {
    shared.identifies.lock().unwrap().push(d.clone());
    if !token_ok(shared, &d["token"]) {
        return Reply::Close(4004, "Authentication failed.");
    }
    let intents = d["intents"].as_u64().unwrap_or(0);
    if intents & GUILD_MEMBERS != 0 && !shared.members_intent_enabled.load(Ordering::SeqCst) {
        return Reply::Close(4014, "Disallowed intent(s).");
    }
    let shard = match (d["shard"][0].as_u64(), d["shard"][1].as_u64()) {
        (Some(id), Some(count)) => (id, count),
        _ => (0, 1),
    };
    let guilds = shared.guilds();
    let mut gateway = shared.gateway.lock().unwrap();
    let session = gateway.start(shard);
    let ready = session.dispatch("READY", ready(&gateway_url(shared), &session.id));
    let mut frames = vec![ready];
    // As on Discord, each guild of the shard follows READY with GUILD_CREATE (GUILDS intent).
    for (id, name) in guilds {
        if session.carries(id.parse().unwrap_or(0)) {
            frames.push(session.dispatch("GUILD_CREATE", guild_create(&id, &name)));
        }
    }
    let id = session.id.clone();
    gateway.attach(connection, &id);
    Reply::Send(frames)
}

fn resume(shared: &Shared, connection: u64, d: &Value) -> Reply {
    shared.resumes.fetch_add(1, Ordering::SeqCst);
    if !token_ok(shared, &d["token"]) {
        return Reply::Close(4004, "Authentication failed.");
    }
    let mut gateway = shared.gateway.lock().unwrap();
    let wanted = d["session_id"].as_str().unwrap_or_default();
    let Some(session) = gateway
        .sessions
        .iter_mut()
        .find(|s| s.id == wanted && s.resumable)
    else {
        return Reply::Send(vec![json!({"op": 9, "d": false})]);
    };
    let mut frames = session.missed_since(d["seq"].as_u64().unwrap_or(0));
    frames.push(session.dispatch("RESUMED", json!({})));
    gateway.attach(connection, wanted);
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

    /// The bot joins another guild (announced by GUILD_CREATE to sessions of its shard from now).
    pub fn join_guild(&self, id: &str, name: &str) {
        let guild = (id.to_string(), name.to_string());
        self.shared.more_guilds.lock().unwrap().push(guild);
    }

    /// Makes `GET /gateway/bot` recommend `shards` shards.
    pub fn recommend_shards(&self, shards: u64) {
        self.shared.recommended.store(shards, Ordering::SeqCst);
    }

    /// The shards (`[id, count]`) of the sessions running on an open connection now, one entry
    /// per session.
    pub fn connected_shards(&self) -> Vec<(u64, u64)> {
        self.shared.gateway.lock().unwrap().connected_shards()
    }

    /// The IDENTIFY payloads received.
    pub fn identifies(&self) -> Vec<Value> {
        self.shared.identifies.lock().unwrap().clone()
    }

    /// How many RESUMEs were received.
    pub fn resumes(&self) -> usize {
        self.shared.resumes.load(Ordering::SeqCst)
    }

    /// Sends a dispatch to every session of the shard of its `guild_id` (shard 0 without one):
    /// at once on an open connection, otherwise when the client resumes (a dispatch into a
    /// session that is never resumed is lost, as on Discord). An INTERACTION_CREATE starts its
    /// 3-second deadline now.
    pub fn dispatch(&self, event: &'static str, data: Value) {
        if event == "INTERACTION_CREATE" {
            self.shared.interactions.lock().unwrap().dispatched(&data);
        }
        self.shared.gateway.lock().unwrap().dispatch(event, &data);
    }

    /// Closes every open gateway connection with `code`.
    pub fn close_gateway(&self, code: u16) {
        let open = std::mem::take(&mut self.shared.gateway.lock().unwrap().open);
        for open in open {
            let _ = open.out.send(Out::Close(code));
        }
    }

    /// Asks the clients to reconnect and resume (op 7), as Discord does before moving a session.
    pub fn request_reconnect(&self) {
        for open in &self.shared.gateway.lock().unwrap().open {
            let _ = open.out.send(Out::Frame(json!({"op": 7, "d": null})));
        }
    }

    /// Makes every session so far impossible to resume: the next RESUME gets op 9.
    pub fn invalidate_session(&self) {
        for session in &mut self.shared.gateway.lock().unwrap().sessions {
            session.resumable = false;
        }
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
        self.shared.gateway.lock().unwrap().started
    }
}
