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
use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::sessions::Open;
use super::{APP_ID, BOT_ID, Out, Shared};

/// The privileged GUILD_MEMBERS intent bit.
const GUILD_MEMBERS: u64 = 1 << 1;

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
