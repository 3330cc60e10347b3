//! Discord's rate limits as the fake enforces them: a global limit of 50 requests per second per
//! bot token (interaction callbacks and interaction webhooks are exempt, as on Discord) and the
//! per-route bucket keyed by the route's major parameter that Discord is known to apply to
//! hoego's hot route: 5 messages per 5 seconds per channel (Discord's other buckets are not
//! documented, so the fake invents none). Every bucketed answer carries the `X-RateLimit-*` headers; a 429 carries
//! `Retry-After` and Discord's body with `retry_after` and `global`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue};

use super::errors::{Refusal, rate_limited};

/// Requests per second per bot token, all routes together.
pub const GLOBAL_PER_SECOND: usize = 50;

/// A bucket: how many requests per window.
#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    pub name: &'static str,
    pub limit: usize,
    pub window: Duration,
}

/// Sending messages: 5 per 5 seconds in one channel.
const CHANNEL_MESSAGES: Bucket = Bucket {
    name: "channel-messages",
    limit: 5,
    window: Duration::from_secs(5),
};
/// The windows seen so far.
#[derive(Debug, Default)]
pub struct Limits {
    global: VecDeque<Instant>,
    buckets: HashMap<String, (Instant, usize)>,
    /// Requests answered 429 by these limits.
    pub refused: usize,
}

/// The bucket of a route and its major parameter (`POST /channels/5000/messages` →
/// `channel-messages:5000`), if it has one.
pub fn bucket_of(method: &str, parts: &[&str]) -> Option<(Bucket, String)> {
    match (method, parts) {
        ("POST", ["channels", channel, "messages"]) => {
            Some((CHANNEL_MESSAGES, format!("channel-messages:{channel}")))
        }
        _ => None,
    }
}

/// Whether a route is exempt from the global limit (interaction responses and follow-ups).
pub fn exempt(parts: &[&str]) -> bool {
    matches!(parts, ["interactions", ..] | ["webhooks", ..])
}

impl Limits {
    /// Counts a request; a 429 when it is over a limit. `headers` gets the bucket's headers.
    pub fn admit(
        &mut self,
        method: &str,
        parts: &[&str],
        headers: &mut HeaderMap,
    ) -> Result<(), Refusal> {
        let now = Instant::now();
        if !exempt(parts) {
            while self
                .global
                .front()
                .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
            {
                self.global.pop_front();
            }
            if self.global.len() >= GLOBAL_PER_SECOND {
                let oldest = *self.global.front().expect("full window");
                let wait = Duration::from_secs(1).saturating_sub(now.duration_since(oldest));
                headers.insert("x-ratelimit-global", HeaderValue::from_static("true"));
                headers.insert("x-ratelimit-scope", HeaderValue::from_static("global"));
                return Err(self.refuse(wait, true, headers));
            }
        }
        if let Some((bucket, key)) = bucket_of(method, parts) {
            self.bucket(bucket, key, now, headers)?;
        }
        if !exempt(parts) {
            self.global.push_back(now);
        }
        Ok(())
    }

    fn bucket(
        &mut self,
        bucket: Bucket,
        key: String,
        now: Instant,
        headers: &mut HeaderMap,
    ) -> Result<(), Refusal> {
        let (start, used) = self.buckets.entry(key.clone()).or_insert((now, 0));
        if now.duration_since(*start) >= bucket.window {
            (*start, *used) = (now, 0);
        }
        let reset_after = bucket.window.saturating_sub(now.duration_since(*start));
        let over = *used >= bucket.limit;
        if !over {
            *used += 1;
        }
        let remaining = bucket.limit - *used;
        let header = |v: String| HeaderValue::from_str(&v).expect("ascii");
        headers.insert("x-ratelimit-limit", header(bucket.limit.to_string()));
        headers.insert("x-ratelimit-remaining", header(remaining.to_string()));
        headers.insert(
            "x-ratelimit-reset-after",
            header(format!("{:.3}", reset_after.as_secs_f64())),
        );
        headers.insert(
            "x-ratelimit-bucket",
            header(format!("{:x}", hash(bucket.name))),
        );
        if over {
            headers.insert("x-ratelimit-scope", HeaderValue::from_static("user"));
            return Err(self.refuse(reset_after, false, headers));
        }
        Ok(())
    }

    fn refuse(&mut self, wait: Duration, global: bool, headers: &mut HeaderMap) -> Refusal {
        self.refused += 1;
        let seconds = wait.as_secs_f64().max(0.001);
        let whole = HeaderValue::from_str(&(seconds.ceil() as u64).to_string()).expect("ascii");
        headers.insert("retry-after", whole);
        rate_limited(seconds, global)
    }
}

fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
