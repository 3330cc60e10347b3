//! Socket Mode as Slack runs it: a connection gets `hello`, then envelopes, each on one
//! connection; a frame naming an `envelope_id` acknowledges it and is recorded with its
//! latency; a response payload in it is checked like a message. An acknowledgement after 3
//! seconds is a violation (Slack has already shown the person an error and drops the response
//! payload), and so is a second acknowledgement of one sending; an `events_api` envelope not
//! acknowledged within 3 seconds is sent again, up to three times, with `retry_attempt`
//! counting up and `retry_reason: "timeout"`.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::blocks::{self, Problems};
use super::{Call, FakeSlack, Shared};

/// How long Slack waits for an acknowledgement.
pub const ACK_DEADLINE: Duration = Duration::from_secs(3);
/// How often Slack retries an unacknowledged event.
pub const EVENT_RETRIES: u64 = 3;

/// One envelope sent: its frame, when, and its acknowledgement once it came.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub frame: Value,
    pub sent: Instant,
    pub ack: Option<(Value, Duration, Instant)>,
    /// How many acknowledgements came (Slack expects one per time it sent the envelope).
    pub acks: usize,
}

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
                Some(Ok(Message::Text(text))) => acknowledged(&shared, text.as_str()).await,
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    rx.close();
}

async fn acknowledged(shared: &Shared, text: &str) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let Some(id) = frame["envelope_id"].as_str() else {
        return;
    };
    let lose = shared.lose_acks.load(Ordering::SeqCst);
    if lose > 0 {
        shared.lose_acks.store(lose - 1, Ordering::SeqCst);
        return;
    }
    shared.observe("ack", &frame).await;
    let now = Instant::now();
    let payload = frame.get("payload").cloned().unwrap_or(Value::Null);
    let (late, again) = {
        let mut envelopes = shared.envelopes.lock().unwrap();
        let Some(envelope) = envelopes.get_mut(id) else {
            return;
        };
        let latency = now.duration_since(envelope.sent);
        if envelope.ack.is_none() {
            envelope.ack = Some((payload, latency, now));
        }
        envelope.acks += 1;
        let sent = envelope.frame["retry_attempt"].as_u64().unwrap_or(0) as usize + 1;
        (latency > ACK_DEADLINE, envelope.acks > sent)
    };
    let mut problems = Problems::default();
    blocks::message(&frame["payload"]["blocks"], &mut problems);
    if late || again || !problems.0.is_empty() {
        let error = if late {
            "acknowledged after 3 seconds"
        } else if again {
            "acknowledged twice"
        } else {
            "invalid_blocks"
        };
        let answer = json!({"ok": false, "error": error, "errors": problems.0});
        let call = Call {
            method: "ack".into(),
            body: frame,
            auth: None,
            status: 0,
            answer,
            at: now,
        };
        shared.record(call, true);
    } else {
        shared.changed.notify_waiters();
    }
}

/// Sends `frame` again after the deadline while it is unacknowledged, up to
/// [`EVENT_RETRIES`] times (Slack's retries of an Events API event).
pub fn retry_unacknowledged(shared: Arc<Shared>, id: String) {
    tokio::spawn(async move {
        for attempt in 1..=EVENT_RETRIES {
            tokio::time::sleep(ACK_DEADLINE).await;
            let frame = {
                let mut envelopes = shared.envelopes.lock().unwrap();
                let Some(envelope) = envelopes.get_mut(&id) else {
                    return;
                };
                if envelope.ack.is_some() {
                    return;
                }
                envelope.frame["retry_attempt"] = json!(attempt);
                envelope.frame["retry_reason"] = json!("timeout");
                envelope.sent = Instant::now();
                envelope.frame.clone()
            };
            if shared.send_to_one(frame.to_string()).is_err() {
                return;
            }
        }
    });
}

/// Socket Mode as a test drives it.
impl FakeSlack {
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

    /// Loses the next acknowledgement on its way (as a dropped connection would): Slack sees
    /// no acknowledgement and, for an event, sends it again.
    pub fn lose_next_ack(&self) {
        self.shared.lose_acks.fetch_add(1, Ordering::SeqCst);
    }

    /// Sends an envelope of `kind` (`slash_commands`, `interactive`, `events_api`) over one open
    /// connection (round robin); its envelope id. Its trigger id, if any, is issued now; an
    /// `events_api` envelope not acknowledged in time is sent again.
    pub fn envelope(&self, kind: &str, payload: Value) -> String {
        let id = format!("env-{}", self.shared.next());
        self.shared.triggers.lock().unwrap().issued(&payload);
        let frame = json!({
            "envelope_id": id,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
            "payload": payload,
        });
        let envelope = Envelope {
            frame: frame.clone(),
            sent: Instant::now(),
            ack: None,
            acks: 0,
        };
        self.shared
            .envelopes
            .lock()
            .unwrap()
            .insert(id.clone(), envelope);
        self.shared
            .send_to_one(frame.to_string())
            .expect("a Socket Mode connection is open");
        if kind == "events_api" {
            retry_unacknowledged(self.shared.clone(), id.clone());
        }
        id
    }

    /// How many times envelope `id` was sent (1 + Slack's retries).
    pub fn deliveries_of(&self, id: &str) -> u64 {
        let envelopes = self.shared.envelopes.lock().unwrap();
        envelopes
            .get(id)
            .map_or(0, |e| e.frame["retry_attempt"].as_u64().unwrap_or(0) + 1)
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

    /// How many acknowledgements of `envelope_id` arrived.
    pub fn acks_of(&self, envelope_id: &str) -> usize {
        let envelopes = self.shared.envelopes.lock().unwrap();
        envelopes.get(envelope_id).map_or(0, |e| e.acks)
    }

    /// When the acknowledgement of `envelope_id` arrived, if it did.
    pub fn acked_at(&self, envelope_id: &str) -> Option<Instant> {
        let envelopes = self.shared.envelopes.lock().unwrap();
        envelopes
            .get(envelope_id)?
            .ack
            .as_ref()
            .map(|(_, _, at)| *at)
    }

    /// Waits (up to 10 s) for the acknowledgement of `envelope_id`: its payload (or null) and
    /// how long after the envelope was (last) sent it came.
    pub async fn ack(&self, envelope_id: &str) -> (Value, Duration) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.shared.changed.notified();
            let found = {
                let envelopes = self.shared.envelopes.lock().unwrap();
                envelopes.get(envelope_id).and_then(|e| e.ack.clone())
            };
            if let Some((payload, latency, _)) = found {
                return (payload, latency);
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
