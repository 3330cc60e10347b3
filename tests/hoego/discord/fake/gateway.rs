//! The fake gateway: HELLO, IDENTIFY → READY (or 4014 for a privileged intent the application
//! has not enabled), RESUME → RESUMED, heartbeat ACKs, and dispatches or a close from the test.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

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
