//! Keeping under the platform's limits: a global rate across this sender, a least interval per
//! channel, and a pause when the platform says to slow down.

use std::collections::HashMap;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Spaces sends out in time.
#[derive(Debug)]
pub struct Pacer {
    interval: Option<Duration>,
    channel_interval: Duration,
    state: Mutex<PaceState>,
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
        Pacer {
            interval,
            channel_interval,
            state: Mutex::new(PaceState {
                next_slot: Instant::now(),
                channels: HashMap::new(),
            }),
        }
    }

    /// Waits until a send to `channel` is allowed, and books it.
    pub async fn wait(&self, channel: &str) {
        let at = {
            let mut state = self.state.lock().await;
            let now = Instant::now();
            let mut at = state.next_slot.max(now);
            if let Some(last) = state.channels.get(channel) {
                at = at.max(*last + self.channel_interval);
            }
            if let Some(interval) = self.interval {
                state.next_slot = at + interval;
            }
            if !self.channel_interval.is_zero() {
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

    /// Holds every send back for `pause` (the platform answered "too many requests").
    pub async fn back_off(&self, pause: Duration) {
        let mut state = self.state.lock().await;
        state.next_slot = state.next_slot.max(Instant::now() + pause);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sends_are_spaced_by_the_global_rate_and_the_channel_interval() {
        let pacer = Pacer::new(10, Duration::from_secs(1));
        let start = Instant::now();

        pacer.wait("a").await;
        pacer.wait("b").await;
        let after_two = start.elapsed();
        pacer.wait("a").await;
        let after_same_channel = start.elapsed();

        assert_eq!(after_two, Duration::from_millis(100), "10 per second");
        assert_eq!(
            after_same_channel,
            Duration::from_secs(1),
            "one per second per channel"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_rate_limit_holds_every_send_back() {
        let pacer = Pacer::new(0, Duration::ZERO);
        let start = Instant::now();

        pacer.back_off(Duration::from_secs(5)).await;
        pacer.wait("a").await;

        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }
}
