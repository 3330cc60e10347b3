//! Sending prompts, reminders and digests to Discord: a DM (the DM channel opened once and cached
//! here as soon as Discord answers, whether or not the message then goes out, and kept by the
//! sender through [`Sent::channel_id`]) or a thread of the schedule's channel, opened on first
//! use. Every request of a send is paced: opening a DM or a thread counts against the global
//! limit, the post against its channel's too. Each message carries its buttons, no mentions but the member a thread prompt names, and the idempotency key as `nonce` with
//! `enforce_nonce`, so a retried send cannot post twice. Sends go straight to the REST API so a
//! 429's `retry_after` reaches the sender (serenity drops it when its own rate limiter is off);
//! error 50007 (the member does not accept DMs) makes the delivery undeliverable. A message with
//! files (a digest's Markdown, text over 2,000 characters) is uploaded as multipart form data.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};

mod history;
mod threads;
mod upload;

use super::{LIMITS, render};
use crate::domain::lang::Lang;
use crate::service::Limits;
use crate::service::messenger::{Destination, Messenger, Outgoing, Pace, SendError, Sent, Unpaced};

/// The real API, when no `discord.api_base_url` is configured.
const DISCORD: &str = "https://discord.com";
/// Discord: "Cannot send messages to this user".
const CANNOT_DM: i64 = 50007;
/// Discord's longest nonce.
const NONCE_LIMIT: usize = 25;
/// Discord's per-channel send bucket allows about one message a second (5 per 5 s).
const CHANNEL_INTERVAL: Duration = Duration::from_secs(1);
/// A public thread.
const PUBLIC_THREAD: u8 = 11;
/// Discord's longest thread name.
const THREAD_NAME: usize = 100;

/// Posts to Discord for the sender.
pub struct DiscordMessenger {
    client: reqwest::Client,
    authorization: String,
    base: String,
    /// DM channels by member, kept from the moment Discord opened them.
    dms: Mutex<HashMap<String, String>>,
    threads: Mutex<HashMap<(String, String), String>>,
    guilds: threads::Guilds,
}

impl DiscordMessenger {
    /// A messenger with the bot `token`, talking to `base` (the real API when `None`).
    pub fn new(token: &str, base: Option<String>) -> DiscordMessenger {
        let authorization = if token.starts_with("Bot ") {
            token.to_string()
        } else {
            format!("Bot {token}")
        };
        DiscordMessenger {
            client: reqwest::Client::new(),
            authorization,
            base: base.unwrap_or_else(|| DISCORD.to_string()),
            dms: Mutex::new(HashMap::new()),
            threads: Mutex::new(HashMap::new()),
            guilds: threads::Guilds::default(),
        }
    }

    /// The channel to post in: the DM channel (opened when not cached), the channel, or its
    /// thread (opened on first use).
    async fn channel_for(&self, to: &Destination, pace: &dyn Pace) -> Result<String, SendError> {
        match to {
            Destination::Direct {
                dm_channel: Some(channel),
                ..
            } => Ok(channel.clone()),
            Destination::Direct { user_id, .. } => self.dm(user_id, pace).await,
            Destination::Channel {
                channel_id,
                thread: None,
            } => Ok(channel_id.clone()),
            Destination::Channel {
                channel_id,
                thread: Some(title),
            } => self.thread(channel_id, title, pace).await,
        }
    }

    /// The DM channel with `user`: cached, or opened and cached at once.
    async fn dm(&self, user: &str, pace: &dyn Pace) -> Result<String, SendError> {
        if let Some(channel) = self.dms.lock().expect("dms").get(user) {
            return Ok(channel.clone());
        }
        pace.request(None).await;
        let body = json!({ "recipient_id": user });
        let channel = id_of(&self.post("/users/@me/channels", &body).await?)?;
        self.dms
            .lock()
            .expect("dms")
            .insert(user.to_string(), channel.clone());
        Ok(channel)
    }

    /// POSTs JSON.
    async fn post(&self, path: &str, body: &Value) -> Result<Value, SendError> {
        let request = self
            .request(path)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        answer(request).await
    }

    fn request(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(format!("{}/api/v10{path}", self.base))
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
    }
}

/// Sends a request and reads Discord's answer: its JSON, or the error the sender acts on.
async fn answer(request: reqwest::RequestBuilder) -> Result<Value, SendError> {
    let response = request
        .send()
        .await
        .map_err(|e| SendError::Failed(format!("cannot reach Discord: {e}")))?;
    let status = response.status().as_u16();
    let header_retry = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<f64>().ok());
    let text = response
        .text()
        .await
        .map_err(|e| SendError::Failed(format!("cannot read Discord's answer: {e}")))?;
    let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if (200..300).contains(&status) {
        Ok(answer)
    } else {
        Err(send_error(status, &answer, header_retry))
    }
}

#[async_trait]
impl Messenger for DiscordMessenger {
    fn limits(&self) -> Limits {
        LIMITS
    }

    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        self.send_paced(message, &Unpaced).await
    }

    async fn send_paced(&self, message: &Outgoing, pace: &dyn Pace) -> Result<Sent, SendError> {
        let channel = self.channel_for(&message.to, pace).await?;
        pace.request(Some(message.to.pace_key())).await;
        let key = nonce(&message.idempotency_key);
        let (create, files, more) =
            render::channel_message(&message.reply, &key, message.mention.as_deref());
        let path = format!("/channels/{channel}/messages");
        let posted = self.post_message(&path, &create, files).await?;
        // The files the message has no room for follow it, each message idempotent by its own
        // nonce, so a retried send neither loses nor repeats any.
        for (n, more) in more.iter().enumerate() {
            pace.request(Some(message.to.pace_key())).await;
            let key = nonce(&format!("{}#files{}", message.idempotency_key, n + 1));
            let create = render::more_files_message(more, &key);
            self.post_message(&path, &create, more.files.clone())
                .await?;
        }
        Ok(Sent {
            channel_id: posted["channel_id"]
                .as_str()
                .unwrap_or(&channel)
                .to_string(),
            message_id: id_of(&posted)?,
        })
    }

    /// A message in the channel mentioning the member, whose `allowed_mentions` may ping only
    /// them.
    async fn notice(
        &self,
        channel_id: &str,
        user_id: &str,
        _lang: Lang,
        text: &str,
    ) -> Result<Sent, SendError> {
        let body = json!({
            "content": format!("<@{user_id}> {text}"),
            "allowed_mentions": {"parse": [], "users": [user_id]},
        });
        let posted = self
            .post(&format!("/channels/{channel_id}/messages"), &body)
            .await?;
        Ok(Sent {
            channel_id: channel_id.to_string(),
            message_id: id_of(&posted)?,
        })
    }

    fn channel_interval(&self) -> Duration {
        CHANNEL_INTERVAL
    }

    fn account(&self) -> String {
        "discord".to_string()
    }

    async fn find_sent(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        self.find_posted(message, pace).await
    }
}

fn id_of(value: &Value) -> Result<String, SendError> {
    value["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| SendError::Failed(format!("Discord's answer has no id: {value}")))
}

/// A failed request as the sender sees it.
pub fn send_error(status: u16, answer: &Value, header_retry: Option<f64>) -> SendError {
    if status == 429 {
        let seconds = answer["retry_after"]
            .as_f64()
            .or(header_retry)
            .unwrap_or(1.0);
        return SendError::RateLimited {
            retry_after: Duration::from_secs_f64(seconds.max(0.0)),
        };
    }
    let code = answer["code"].as_i64().unwrap_or(0);
    let text = answer["message"].as_str().unwrap_or("no message");
    if code == CANNOT_DM {
        return SendError::Undeliverable(format!("the member does not accept DMs ({text})"));
    }
    SendError::Failed(format!("Discord answered {status}: {text} (code {code})"))
}

/// The idempotency key as a Discord nonce (at most 25 characters; a longer key is hashed).
pub fn nonce(key: &str) -> String {
    if key.len() <= NONCE_LIMIT {
        return key.to_string();
    }
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("h{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_limit_carries_its_retry_after_and_50007_is_undeliverable() {
        let limited = send_error(429, &json!({"retry_after": 1.5, "code": 0}), None);
        assert_eq!(
            limited,
            SendError::RateLimited {
                retry_after: Duration::from_millis(1500)
            }
        );
        let no_dm = send_error(403, &json!({"message": "Cannot send", "code": 50007}), None);
        assert!(matches!(no_dm, SendError::Undeliverable(_)));
        assert!(matches!(
            send_error(502, &Value::Null, None),
            SendError::Failed(_)
        ));
    }

    #[test]
    fn a_long_key_becomes_a_stable_short_nonce() {
        assert_eq!(nonce("hoego-d42"), "hoego-d42");
        let long = "x".repeat(40);
        assert_eq!(nonce(&long), nonce(&long));
        assert!(nonce(&long).len() <= NONCE_LIMIT);
    }
}
