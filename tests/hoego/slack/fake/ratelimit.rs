//! Slack's rate limits as the fake enforces them: each Web API method's tier, per minute per
//! workspace for the methods whose tier Slack documents (Tier 3: 50, Tier 4: 100; Slack allows
//! short bursts above, the fake none), and `chat.postMessage` at about one message per second per channel (bursts of up to
//! 3 allowed). Over a limit: HTTP 429 with `Retry-After` (whole seconds) and
//! `{"ok": false, "error": "ratelimited"}`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const MINUTE: Duration = Duration::from_secs(60);
/// Posts allowed at once in one channel before the one-per-second pace applies.
const CHANNEL_BURST: usize = 3;

/// The per-minute limit of a method's tier (`None`: not limited here).
fn tier(method: &str) -> Option<usize> {
    match method {
        "conversations.open"
        | "chat.update"
        | "conversations.history"
        | "conversations.replies" => Some(50),
        "users.info" | "views.open" | "views.update" | "views.push" | "chat.postEphemeral" => {
            Some(100)
        }
        _ => None,
    }
}

/// The windows seen so far.
#[derive(Debug, Default)]
pub struct Limits {
    by_method: HashMap<String, VecDeque<Instant>>,
    by_channel: HashMap<String, VecDeque<Instant>>,
    /// Calls answered 429 by these limits.
    pub refused: usize,
}

impl Limits {
    /// Counts a call of `method` (posting in `channel`); `Err(seconds to wait)` when over.
    pub fn admit(&mut self, method: &str, channel: Option<&str>) -> Result<(), u64> {
        let now = Instant::now();
        if let Some(per_minute) = tier(method) {
            let calls = self.by_method.entry(method.to_string()).or_default();
            admit(calls, now, per_minute, MINUTE).inspect_err(|_| self.refused += 1)?;
        }
        if method == "chat.postMessage"
            && let Some(channel) = channel
        {
            let posts = self.by_channel.entry(channel.to_string()).or_default();
            let window = Duration::from_secs(CHANNEL_BURST as u64);
            admit(posts, now, CHANNEL_BURST, window).inspect_err(|_| self.refused += 1)?;
        }
        Ok(())
    }
}

/// A rolling window of `limit` calls per `window`.
fn admit(
    calls: &mut VecDeque<Instant>,
    now: Instant,
    limit: usize,
    window: Duration,
) -> Result<(), u64> {
    while calls
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        calls.pop_front();
    }
    if calls.len() >= limit {
        let oldest = *calls.front().expect("full window");
        let wait = window.saturating_sub(now.duration_since(oldest));
        return Err(wait.as_secs_f64().ceil().max(1.0) as u64);
    }
    calls.push_back(now);
    Ok(())
}
