//! The network boundary: how the sender, the reminders and digests reach a chat platform. Each
//! platform implements [`Messenger`]; tests use a recording one.

use std::time::Duration;

use async_trait::async_trait;

use crate::domain::lang::Lang;

use super::limits::Limits;
use super::reply::Reply;

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A direct message to a member (`dm_channel` is the cached DM channel id, if known).
    Direct {
        /// The platform user id.
        user_id: String,
        /// The cached DM channel, if any.
        dm_channel: Option<String>,
    },
    /// A channel, optionally inside a thread.
    Channel {
        /// The channel id.
        channel_id: String,
        /// The thread to post in, by title: the platform opens it on first use and reuses it
        /// (Discord thread, Slack reply chain).
        thread: Option<String>,
    },
}

impl Destination {
    /// The channel a send to this destination is paced by, the same before and after the DM
    /// channel is known: the member (their DM), or the channel (its threads with it).
    pub fn pace_key(&self) -> &str {
        match self {
            Destination::Direct { user_id, .. } => user_id,
            Destination::Channel { channel_id, .. } => channel_id,
        }
    }
}

/// Keeps a sender under the platform's limits: asked before every request a send makes (the
/// message itself, and on the way to it opening a DM or a thread), so the pacing holds before
/// the platform answers 429, not after.
#[async_trait]
pub trait Pace: Send + Sync {
    /// Waits until one more request is allowed, and books it: a post paced as `channel` (a
    /// [`Destination::pace_key`]; counted against that channel's limit and the global one), or
    /// with `None` a request that counts only against the global limit (opening a DM channel or
    /// a thread).
    async fn request(&self, channel: Option<&str>);
}

/// No pacing: for sends outside the sender (replies, digests) and tests.
pub struct Unpaced;

#[async_trait]
impl Pace for Unpaced {
    async fn request(&self, _channel: Option<&str>) {}
}

/// One message to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// Where it goes.
    pub to: Destination,
    /// What it says.
    pub reply: Reply,
    /// The same key for every attempt of the same message (Discord's `nonce`), so a retried
    /// send after a crash cannot post twice where the platform supports it.
    pub idempotency_key: String,
    /// The member the message is for, named at its start as the platform mentions people, and
    /// the only one it may ping: a prompt or reminder posted in a shared thread, where twenty
    /// identical posts would otherwise name nobody. `None` for DMs and channel posts.
    pub mention: Option<String>,
}

/// What the platform recorded for a sent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The channel it landed in (for DMs: the DM channel, worth caching).
    pub channel_id: String,
    /// The platform's message id.
    pub message_id: String,
}

/// Why a send failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The platform asked us to slow down; try again after `retry_after` (not a failed attempt).
    #[error("rate limited; retry after {retry_after:?}")]
    RateLimited {
        /// How long to wait.
        retry_after: Duration,
    },
    /// The platform will never deliver this (e.g. the member does not accept DMs).
    #[error("undeliverable: {0}")]
    Undeliverable(String),
    /// Anything else (network, 5xx); retried with backoff.
    #[error("send failed: {0}")]
    Failed(String),
}

/// Sends messages to a chat platform.
#[async_trait]
pub trait Messenger: Send + Sync {
    /// Sends one message.
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError>;

    /// Sends one message, asking `pace` before each request it makes. By default one request,
    /// paced by [`Destination::pace_key`]; a platform whose send makes more (opening a DM
    /// channel, a thread's first message) overrides it and asks before each.
    async fn send_paced(&self, message: &Outgoing, pace: &dyn Pace) -> Result<Sent, SendError> {
        pace.request(Some(message.to.pace_key())).await;
        self.send(message).await
    }

    /// Finds `message` if an earlier attempt already posted it (a sender that died between
    /// sending and recording): the platform's record of it, or `None` when it is not there and
    /// may be sent. By default `None`: a platform that cannot look up sends again.
    async fn find_sent(
        &self,
        _message: &Outgoing,
        _pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        Ok(None)
    }

    /// What the platform's messages hold (digests are shaped to fit).
    fn limits(&self) -> Limits;

    /// Tells the member `user_id`, in `channel_id` (the schedule's channel), that a prompt could
    /// not reach them: a message that may mention them and nobody else. By default an ordinary
    /// message (a platform that can ping only that person overrides it).
    async fn notice(
        &self,
        channel_id: &str,
        user_id: &str,
        lang: Lang,
        text: &str,
    ) -> Result<Sent, SendError> {
        let message = Outgoing {
            to: Destination::Channel {
                channel_id: channel_id.to_string(),
                thread: None,
            },
            reply: Reply {
                audience: super::reply::Audience::Channel,
                ..Reply::text(lang, text)
            },
            idempotency_key: format!("notice-{user_id}"),
            mention: None,
        };
        self.send(&message).await
    }

    /// The least time between two messages to one channel (per-channel pacing).
    fn channel_interval(&self) -> Duration {
        Duration::ZERO
    }

    /// The platform account whose rate limit these sends count against: replicas sending for
    /// the same account share one rate through the database.
    fn account(&self) -> String {
        "chat".to_string()
    }
}
