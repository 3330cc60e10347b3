//! Socket Mode, read by hoego itself. slack-morphism 2.31's listener awaits each callback before
//! it reads the next frame of a connection, so one submit waiting for its commit held up every
//! envelope behind it. Here each connection reads on while its envelopes are worked on: an
//! interaction (a modal submit waits for the database) gets a task of its own, and every
//! envelope is acknowledged exactly once, on the connection it came on, when its handler
//! returns. Commands and events are acknowledged at once (their work is spawned by the handler).
//!
//! [`CONNECTIONS`] connections are kept open (Slack gives each envelope to one of them). A
//! `disconnect` from Slack opens a new connection at once; the old one stays open until the
//! acknowledgements still being worked on are sent. A connection that fails is opened again
//! after a pause that doubles up to [`RETRY_MAX`].

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::{Value, json};
use slack_morphism::prelude::*;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

use super::handler::Handler;
use crate::platform::Connection;

/// How many Socket Mode connections are kept open (Slack allows up to 10 per app).
pub const CONNECTIONS: usize = 2;
/// How often the bot pings Slack on each connection.
const PING_EVERY: Duration = Duration::from_secs(15);
/// A connection on which nothing (not even a pong) arrived for this long is dead.
const SILENT_FOR: Duration = Duration::from_secs(60);
/// The first pause before opening a failed connection again.
const RETRY_FIRST: Duration = Duration::from_secs(1);
/// The longest pause before opening a failed connection again.
const RETRY_MAX: Duration = Duration::from_secs(30);

/// The open Socket Mode connections.
pub struct SocketMode {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl SocketMode {
    /// Opens [`CONNECTIONS`] connections with the app-level token `token`; `connection` is
    /// up once Slack said hello on one of them.
    pub fn start(
        client: Arc<SlackHyperClient>,
        token: SlackApiToken,
        handler: Arc<Handler>,
        connection: Connection,
    ) -> SocketMode {
        let (stop, _) = watch::channel(false);
        let tasks = (0..CONNECTIONS)
            .map(|number| {
                let link = Link {
                    client: client.clone(),
                    token: token.clone(),
                    handler: handler.clone(),
                    connection: connection.clone(),
                    number,
                };
                tokio::spawn(link.run(stop.subscribe()))
            })
            .collect();
        SocketMode { stop, tasks }
    }

    /// Closes every connection.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(2), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

/// Why a connection ended.
enum Ended {
    /// Slack asked for a new connection (`disconnect`).
    Asked(String),
    /// It closed, failed or fell silent.
    Lost(String),
}

/// One connection, opened again whenever it ends.
struct Link {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    handler: Arc<Handler>,
    connection: Connection,
    number: usize,
}

impl Link {
    async fn run(self, mut stop: watch::Receiver<bool>) {
        let mut pause = RETRY_FIRST;
        loop {
            let ended = tokio::select! {
                ended = self.once() => ended,
                _ = stop.changed() => return,
            };
            let wait = match ended {
                Ok(Ended::Asked(reason)) => {
                    tracing::debug!(connection = self.number, reason, "Slack asked to reconnect");
                    pause = RETRY_FIRST;
                    continue;
                }
                Ok(Ended::Lost(why)) => {
                    tracing::warn!(connection = self.number, why, "Socket Mode connection lost");
                    pause = RETRY_FIRST;
                    RETRY_FIRST
                }
                Err(error) => {
                    tracing::warn!(connection = self.number, error, "cannot open Socket Mode");
                    let wait = pause;
                    pause = (pause * 2).min(RETRY_MAX);
                    wait
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => return,
            }
        }
    }

    /// Opens a connection and reads it until it ends; `Err` when it could not be opened.
    async fn once(&self) -> Result<Ended, String> {
        let session = self.client.open_session(&self.token);
        let opened = session
            .apps_connections_open(&SlackApiAppsConnectionOpenRequest::new())
            .await
            .map_err(|e| format!("apps.connections.open: {e}"))?;
        // Acknowledgements are small frames that must leave at once: with Nagle's algorithm on,
        // one waits for the peer's (delayed) TCP acknowledgement of the one before, ~40 ms.
        let disable_nagle = true;
        let url = opened.url.0.as_str();
        let (socket, _) = tokio_tungstenite::connect_async_with_config(url, None, disable_nagle)
            .await
            .map_err(|e| format!("connecting: {e}"))?;
        let (sink, mut stream) = socket.split();
        let (acks, outgoing) = mpsc::unbounded_channel::<String>();
        tokio::spawn(write(sink, outgoing));
        let ended = loop {
            let text = match tokio::time::timeout(SILENT_FOR, stream.next()).await {
                Err(_) => break Ended::Lost(format!("nothing for {SILENT_FOR:?}")),
                Ok(None) => break Ended::Lost("closed".into()),
                Ok(Some(Err(error))) => break Ended::Lost(error.to_string()),
                Ok(Some(Ok(Message::Close(_)))) => break Ended::Lost("closed by Slack".into()),
                Ok(Some(Ok(Message::Text(text)))) => text,
                Ok(Some(Ok(_))) => continue,
            };
            if let Some(ended) = self.frame(text.as_str(), &acks) {
                break ended;
            }
        };
        // The writer closes the socket once the handlers still working have acknowledged.
        drop(acks);
        Ok(ended)
    }

    /// Handles one frame; `Some` when the connection should end.
    fn frame(&self, text: &str, acks: &mpsc::UnboundedSender<String>) -> Option<Ended> {
        match serde_json::from_str::<Frame>(text) {
            Ok(Frame::Hello {}) => {
                self.connection.set(true);
                tracing::info!(connection = self.number, "Slack Socket Mode connected");
            }
            Ok(Frame::Disconnect { reason }) => return Some(Ended::Asked(reason)),
            Ok(Frame::SlashCommands {
                envelope_id,
                payload,
            }) => {
                self.handler.command(payload);
                let empty = SlackCommandEventResponse::new(SlackMessageContent::new());
                send(acks, json!({"envelope_id": envelope_id, "payload": empty}));
            }
            Ok(Frame::EventsApi {
                envelope_id,
                payload,
            }) => {
                self.handler.event(payload);
                send(acks, json!({"envelope_id": envelope_id}));
            }
            Ok(Frame::Interactive {
                envelope_id,
                accepts_response_payload,
                payload,
            }) => {
                let (handler, acks) = (self.handler.clone(), acks.clone());
                tokio::spawn(async move {
                    let ack = match handler.interaction(payload).await {
                        SlackInteractionResponse::Empty => json!({"envelope_id": envelope_id}),
                        _ if !accepts_response_payload => json!({"envelope_id": envelope_id}),
                        response => json!({"envelope_id": envelope_id, "payload": response}),
                    };
                    send(&acks, ack);
                });
            }
            Err(error) => {
                tracing::warn!(error = %error, "a Socket Mode frame hoego cannot read");
                // It will not read better when Slack sends it again.
                let envelope = serde_json::from_str::<Value>(text).ok();
                if let Some(id) = envelope.as_ref().and_then(|e| e["envelope_id"].as_str()) {
                    send(acks, json!({"envelope_id": id}));
                }
            }
        }
        None
    }
}

/// A Socket Mode frame as Slack sends it (slack-morphism keeps its own types private). Each is
/// read once and handed on whole, so the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Frame {
    Hello {},
    Disconnect {
        #[serde(default)]
        reason: String,
    },
    SlashCommands {
        envelope_id: String,
        payload: SlackCommandEvent,
    },
    EventsApi {
        envelope_id: String,
        payload: SlackPushEventCallback,
    },
    Interactive {
        envelope_id: String,
        #[serde(default)]
        accepts_response_payload: bool,
        payload: SlackInteractionEvent,
    },
}

fn send(acks: &mpsc::UnboundedSender<String>, ack: Value) {
    // A closed connection loses it: Slack sends the envelope again or shows an error.
    let _ = acks.send(ack.to_string());
}

/// Writes the acknowledgements and a ping every [`PING_EVERY`] until every sender is gone,
/// then closes the socket.
async fn write<S>(mut sink: S, mut outgoing: mpsc::UnboundedReceiver<String>)
where
    S: futures_util::Sink<Message> + Unpin,
{
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    loop {
        let message = tokio::select! {
            out = outgoing.recv() => match out {
                Some(frame) => Message::Text(frame.into()),
                None => break,
            },
            _ = ping.tick() => Message::Ping(Default::default()),
        };
        if sink.send(message).await.is_err() {
            break;
        }
    }
    let _ = sink.close().await;
}
