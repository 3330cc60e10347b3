//! Socket Mode: a connection gets `hello`, then the envelopes the test sends; every frame that
//! names an `envelope_id` is an acknowledgement, recorded with its latency.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::Shared;

pub async fn connect(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| run(shared, socket))
}

async fn run(shared: Arc<Shared>, mut socket: WebSocket) {
    let hello = json!({
        "type": "hello",
        "num_connections": 1,
        "debug_info": {"host": "fake", "approximate_connection_time": 18060},
        "connection_info": {"app_id": "A0HOEGO"},
    });
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    shared.sockets.lock().unwrap().push(tx);
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(frame) => {
                    if socket.send(Message::Text(frame.into())).await.is_err() {
                        break;
                    }
                }
                None => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => acknowledged(&shared, text.as_str()),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    rx.close();
}

fn acknowledged(shared: &Shared, text: &str) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let Some(id) = frame["envelope_id"].as_str() else {
        return;
    };
    let sent = shared.sent.lock().unwrap().get(id).copied();
    let now = Instant::now();
    let latency = sent.map(|at| now.duration_since(at)).unwrap_or_default();
    let payload = frame.get("payload").cloned().unwrap_or(Value::Null);
    shared
        .acks
        .lock()
        .unwrap()
        .insert(id.to_string(), (payload, latency, now));
    shared.changed.notify_waiters();
}
