//! A strict fake of the chat platform: records every message and answers with scripted
//! results, so tests can count sends and inject rate limits and failures.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use hoego::service::Limits;
use hoego::service::messenger::{Destination, Messenger, Outgoing, SendError, Sent};

/// Records sends; answers each with the next scripted result, or success.
#[derive(Clone, Default)]
pub struct RecordingMessenger {
    sent: Arc<Mutex<Vec<Outgoing>>>,
    script: Arc<Mutex<VecDeque<SendError>>>,
}

impl RecordingMessenger {
    pub fn new() -> Self {
        Self::default()
    }

    /// The next sends fail with these errors, in order.
    pub fn fail_next(&self, errors: impl IntoIterator<Item = SendError>) {
        self.script.lock().unwrap().extend(errors);
    }

    /// Every message that was sent successfully.
    pub fn sent(&self) -> Vec<Outgoing> {
        self.sent.lock().unwrap().clone()
    }

    /// How many were sent successfully.
    pub fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }
}

#[async_trait]
impl Messenger for RecordingMessenger {
    fn limits(&self) -> Limits {
        super::chat::LIMITS
    }

    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        if let Some(error) = self.script.lock().unwrap().pop_front() {
            return Err(error);
        }
        let mut sent = self.sent.lock().unwrap();
        sent.push(message.clone());
        let channel = match &message.to {
            Destination::Direct { user_id, .. } => format!("dm-{user_id}"),
            Destination::Channel { channel_id, .. } => channel_id.clone(),
        };
        Ok(Sent {
            channel_id: channel,
            message_id: format!("m{}", sent.len()),
        })
    }
}

/// A platform connection through which a sender "dies" right after a message went out: the
/// send reaches `inner` (the platform has the message), then never returns, so the sender
/// cannot record it. [`DiesAfterSending::sent`] fires once the message is out.
pub struct DiesAfterSending {
    pub inner: Arc<dyn Messenger>,
    pub sent: Arc<tokio::sync::Notify>,
}

#[async_trait]
impl Messenger for DiesAfterSending {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        let _ = self.inner.send(message).await;
        self.sent.notify_one();
        std::future::pending().await
    }

    fn channel_interval(&self) -> std::time::Duration {
        self.inner.channel_interval()
    }

    fn limits(&self) -> hoego::service::Limits {
        self.inner.limits()
    }
}

/// Runs one step of `sender` until its first message is out, then kills it there (before it
/// records anything), as a crash between send and record would.
pub async fn crash_after_first_send(sender: hoego::sender::Sender, sent: Arc<tokio::sync::Notify>) {
    let step = tokio::spawn(async move { sender.step().await });
    tokio::time::timeout(std::time::Duration::from_secs(20), sent.notified())
        .await
        .expect("the first message went out");
    step.abort();
    let _ = step.await;
}

/// A platform connection that refuses (as a failed request) every message mentioning `user`
/// and passes the others to `inner`: that member's prompt is left for a later attempt.
pub struct RefusesFor {
    pub inner: Arc<dyn Messenger>,
    pub user: String,
}

#[async_trait]
impl Messenger for RefusesFor {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        if message.mention.as_deref() == Some(self.user.as_str()) {
            return Err(SendError::Failed("refused for the test".into()));
        }
        self.inner.send(message).await
    }

    fn limits(&self) -> hoego::service::Limits {
        self.inner.limits()
    }
}
