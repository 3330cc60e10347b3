//! Platform connections that misbehave the way a busy or crashing deployment does: one that
//! takes a while per send (on the test's clock), and one through which the sender dies at its
//! n-th send, with the message out or not.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use hoego::service::Limits;
use hoego::service::clock::ManualClock;
use hoego::service::messenger::{Messenger, Outgoing, Pace, SendError, Sent};

/// Every send takes `per_send` on the test's clock (and a moment of real time, so other tasks
/// run meanwhile) before it reaches `inner`.
pub struct SlowPlatform {
    pub inner: Arc<dyn Messenger>,
    pub clock: ManualClock,
    pub per_send: chrono::Duration,
}

#[async_trait]
impl Messenger for SlowPlatform {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        self.clock.advance(self.per_send);
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        self.inner.send(message).await
    }

    async fn find_sent(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        self.inner.find_sent(message, pace).await
    }

    fn channel_interval(&self) -> std::time::Duration {
        self.inner.channel_interval()
    }

    fn limits(&self) -> Limits {
        self.inner.limits()
    }
}

/// Passes sends to `inner` until the `at`-th (counting from 1), where the sender dies: that
/// send reaches the platform first when `posted`, then it never returns; `died` fires.
pub struct DiesAtSend {
    pub inner: Arc<dyn Messenger>,
    pub at: usize,
    pub posted: bool,
    pub died: Arc<tokio::sync::Notify>,
    pub sends: AtomicUsize,
}

impl DiesAtSend {
    pub fn new(inner: Arc<dyn Messenger>, at: usize, posted: bool) -> DiesAtSend {
        DiesAtSend {
            inner,
            at,
            posted,
            died: Arc::new(tokio::sync::Notify::new()),
            sends: AtomicUsize::new(0),
        }
    }
}

#[async_trait]
impl Messenger for DiesAtSend {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        if self.sends.fetch_add(1, Ordering::SeqCst) + 1 < self.at {
            return self.inner.send(message).await;
        }
        if self.posted {
            let _ = self.inner.send(message).await;
        }
        self.died.notify_one();
        std::future::pending().await
    }

    async fn find_sent(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        self.inner.find_sent(message, pace).await
    }

    fn channel_interval(&self) -> std::time::Duration {
        self.inner.channel_interval()
    }

    fn limits(&self) -> Limits {
        self.inner.limits()
    }
}

/// Runs `sender`'s step until `died` fires, then drops the task there, as a crash would.
pub async fn kill_when(sender: hoego::sender::Sender, died: Arc<tokio::sync::Notify>) {
    let step = tokio::spawn(async move { sender.step().await });
    tokio::time::timeout(std::time::Duration::from_secs(20), died.notified())
        .await
        .expect("the sender reached the send it dies at");
    step.abort();
    let _ = step.await;
}
