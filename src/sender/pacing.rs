//! Keeping under the platform's limits: a global rate (every request counts: opening a DM or a
//! thread as well as posting) — across this sender, or on PostgreSQL across every replica of the
//! platform account ([`SharedRate`]) — a least interval per channel, and a pause when the
//! platform says to slow down (shared with the other replicas too).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::shared_rate::SharedRate;
use crate::service::messenger::Pace;

/// Kept between two posts to one channel beyond the platform's interval: the platform counts
/// requests when they arrive, and one may spend longer on the way than the next.
const CHANNEL_MARGIN: Duration = Duration::from_millis(50);

/// Spaces sends out in time.
#[derive(Debug)]
pub struct Pacer {
    interval: Option<Duration>,
    channel_interval: Duration,
    state: Mutex<PaceState>,
    shared: Option<SharedRate>,
}

#[derive(Debug)]
struct PaceState {
    next_slot: Instant,
    channels: HashMap<String, Instant>,
}

impl Pacer {
    /// At most `rate_per_second` sends (0 = unlimited), and `channel_interval` between two sends
    /// to one channel.
    pub fn new(rate_per_second: u32, channel_interval: Duration) -> Self {
        let interval = (rate_per_second > 0).then(|| Duration::from_secs(1) / rate_per_second);
        let channel_interval = if channel_interval.is_zero() {
            channel_interval
        } else {
            channel_interval + CHANNEL_MARGIN
        };
        Pacer {
            interval,
            channel_interval,
            state: Mutex::new(PaceState {
                next_slot: Instant::now(),
                channels: HashMap::new(),
            }),
            shared: None,
        }
    }

    /// [`Pacer::new`] with the global rate booked in `shared`, so that every replica sending
    /// for the same account together keeps `rate_per_second`.
    pub fn shared(rate_per_second: u32, channel_interval: Duration, shared: SharedRate) -> Self {
        Pacer {
            shared: Some(shared),
            ..Pacer::new(rate_per_second, channel_interval)
        }
    }

    /// Waits until a request is allowed, and books it: a post in `channel`, or with `None` a
    /// request that counts only against the global rate.
    pub async fn wait(&self, channel: Option<&str>) {
        let at = {
            let mut state = self.state.lock().await;
            let now = Instant::now();
            let mut at = state.next_slot.max(now);
            if let Some(last) = channel.and_then(|c| state.channels.get(c)) {
                at = at.max(*last + self.channel_interval);
            }
            if let (Some(interval), Some(shared)) = (self.interval, &self.shared)
                && let Some(wait) = shared
                    .book(interval, at.saturating_duration_since(now))
                    .await
            {
                at = at.max(Instant::now() + wait);
            }
            if let Some(interval) = self.interval {
                state.next_slot = at + interval;
            }
            if let Some(channel) = channel.filter(|_| !self.channel_interval.is_zero()) {
                state.channels.insert(channel.to_string(), at);
                state
                    .channels
                    .retain(|_, last| *last + self.channel_interval > now);
            }
            at
        };
        // A timer, even one already due, waits for the runtime's next timer tick (about 1 ms).
        if at > Instant::now() {
            tokio::time::sleep_until(at).await;
        }
    }

    /// How long a post to `channel` would wait for the channel's interval (zero when it may go
    /// now), without booking anything.
    pub async fn channel_wait(&self, channel: &str) -> Duration {
        let state = self.state.lock().await;
        let free = state
            .channels
            .get(channel)
            .map(|last| *last + self.channel_interval);
        free.map_or(Duration::ZERO, |at| {
            at.saturating_duration_since(Instant::now())
        })
    }

    /// How long the next request would wait for the global rate or a back-off (zero when it
    /// may go now), without booking anything.
    pub async fn global_wait(&self) -> Duration {
        let here = {
            let state = self.state.lock().await;
            state.next_slot.saturating_duration_since(Instant::now())
        };
        match &self.shared {
            Some(shared) => here.max(shared.wait().await),
            None => here,
        }
    }

    /// The least time kept between two posts to one channel (the margin included).
    pub fn channel_interval(&self) -> Duration {
        self.channel_interval
    }

    /// Holds every send back for `pause` (the platform answered "too many requests"): here,
    /// and with a shared rate in every replica.
    pub async fn back_off(&self, pause: Duration) {
        {
            let mut state = self.state.lock().await;
            state.next_slot = state.next_slot.max(Instant::now() + pause);
        }
        if let Some(shared) = &self.shared {
            shared.hold(pause).await;
        }
    }
}

#[async_trait]
impl Pace for Pacer {
    async fn request(&self, channel: Option<&str>) {
        self.wait(channel).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sends_are_spaced_by_the_global_rate_and_the_channel_interval() {
        let pacer = Pacer::new(10, Duration::from_secs(1));
        let start = Instant::now();

        pacer.wait(Some("a")).await;
        pacer.wait(None).await;
        pacer.wait(Some("b")).await;
        let after_three = start.elapsed();
        pacer.wait(Some("a")).await;
        let after_same_channel = start.elapsed();

        assert_eq!(
            after_three,
            Duration::from_millis(200),
            "10 per second, a request without a channel counted too"
        );
        assert_eq!(
            after_same_channel,
            Duration::from_secs(1) + CHANNEL_MARGIN,
            "one per second per channel, with the margin"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_busy_channel_says_how_long_it_would_wait_without_booking() {
        let pacer = Pacer::new(0, Duration::from_secs(1));

        let before = pacer.channel_wait("a").await;
        pacer.wait(Some("a")).await;
        let busy = pacer.channel_wait("a").await;
        let again = pacer.channel_wait("a").await;

        assert_eq!(before, Duration::ZERO);
        assert_eq!(busy, Duration::from_secs(1) + CHANNEL_MARGIN);
        assert_eq!(again, busy, "asking books nothing");
        assert_eq!(pacer.channel_wait("b").await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_rate_limit_holds_every_send_back() {
        let pacer = Pacer::new(0, Duration::ZERO);
        let start = Instant::now();

        pacer.back_off(Duration::from_secs(5)).await;
        pacer.wait(Some("a")).await;

        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }
}
