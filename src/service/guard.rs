//! Bounded work per request: the limits a team or a member cannot push past ([`Policy`], from
//! the `[limits]` settings), how many heavy requests (recaps, exports) a member may make in a
//! minute, and the few heavy builds that run at once, off the async runtime.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::Semaphore;

use super::error::ServiceError;
use super::i18n::t;
use super::quotas::{Quotas, Recent};
use crate::domain::ids::MemberId;
use crate::domain::lang::Lang;

/// The limits that keep one member or team from exhausting the process or others' prompts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Anonymous answers to a question are shown only when at least this many members answered
    /// it anonymously (never below 2).
    pub anonymity_threshold: usize,
    /// Recap and export requests one member may make in a minute.
    pub heavy_per_minute: usize,
    /// Recaps built at once (the rest wait their turn).
    pub heavy_at_once: usize,
    /// What one team may ask: schedules, their frequency, run-now, participants.
    pub quotas: Quotas,
    /// The largest file a member may import from chat, in bytes.
    pub chat_import_bytes: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            anonymity_threshold: 3,
            heavy_per_minute: 6,
            heavy_at_once: 2,
            quotas: Quotas::default(),
            chat_import_bytes: 1024 * 1024,
        }
    }
}

/// The policy and what it counts in memory; cloned handles share the counts.
#[derive(Clone)]
pub struct Guard {
    /// The limits in force.
    pub policy: Policy,
    heavy: Arc<Semaphore>,
    recent: Recent<MemberId>,
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new(Policy::default())
    }
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("policy", &self.policy)
            .finish()
    }
}

/// A heavy request refused: the member asked too often; they may ask again after `wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooOften {
    /// The limit that was reached, per minute.
    pub per_minute: usize,
    /// Seconds until the oldest counted request leaves the minute.
    pub wait_secs: i64,
}

impl Guard {
    /// A guard enforcing `policy` (an anonymity threshold below 2 is raised to 2).
    pub fn new(mut policy: Policy) -> Guard {
        policy.anonymity_threshold = policy.anonymity_threshold.max(2);
        policy.heavy_at_once = policy.heavy_at_once.max(1);
        Guard {
            heavy: Arc::new(Semaphore::new(policy.heavy_at_once)),
            recent: Recent::default(),
            policy,
        }
    }

    /// Counts one heavy request of `member` at `now`, or refuses it when they already made
    /// [`Policy::heavy_per_minute`] in the minute before.
    pub fn count_heavy(&self, member: MemberId, now: DateTime<Utc>) -> Result<(), TooOften> {
        let per_minute = self.policy.heavy_per_minute;
        let minute = TimeDelta::minutes(1);
        self.recent
            .count(member, now, minute, per_minute)
            .map_err(|wait_secs| TooOften {
                per_minute,
                wait_secs,
            })
    }

    /// Runs the CPU-bound `work` on the blocking pool, at most [`Policy::heavy_at_once`] at a
    /// time, so the async runtime keeps answering everyone else meanwhile.
    pub async fn run_heavy<T, F>(&self, work: F) -> Result<T, ServiceError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit =
            self.heavy.clone().acquire_owned().await.map_err(|e| {
                ServiceError::Internal(anyhow::anyhow!("heavy work pool closed: {e}"))
            })?;
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await;
        joined.map_err(|e| ServiceError::Internal(anyhow::anyhow!("heavy work failed: {e}")))
    }
}

/// The longest note on a resolution follow-up, in characters.
pub const NOTE_LEN: usize = 500;
/// The longest schedule name, in characters.
pub const SCHEDULE_NAME_LEN: usize = 64;

/// Refuses `text` when it is longer than `max` characters, naming what it is (the catalog word
/// `limits.<what>`), its length and the limit.
pub fn within(lang: Lang, what: &str, text: &str, max: usize) -> Result<(), ServiceError> {
    let length = text.chars().count();
    if length <= max {
        return Ok(());
    }
    let what = t(lang, &format!("limits.{what}"), &[]);
    let (length, max) = (length.to_string(), max.to_string());
    let args = [("what", what.as_str()), ("length", &length), ("max", &max)];
    Err(ServiceError::User(t(lang, "limits.too_long", &args)))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_member_may_ask_six_times_a_minute_and_then_waits() {
        let guard = Guard::default();
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
        let (alice, bob) = (MemberId(1), MemberId(2));
        for i in 0..6 {
            let at = start + TimeDelta::seconds(i);
            assert_eq!(guard.count_heavy(alice, at), Ok(()), "request {i}");
        }
        let refused = guard.count_heavy(alice, start + TimeDelta::seconds(10));
        assert_eq!(
            refused,
            Err(TooOften {
                per_minute: 6,
                wait_secs: 50
            })
        );
        assert_eq!(
            guard.count_heavy(bob, start + TimeDelta::seconds(10)),
            Ok(())
        );
        assert_eq!(
            guard.count_heavy(alice, start + TimeDelta::seconds(60)),
            Ok(())
        );
    }

    #[test]
    fn the_anonymity_threshold_is_never_below_two() {
        let guard = Guard::new(Policy {
            anonymity_threshold: 1,
            ..Policy::default()
        });
        assert_eq!(guard.policy.anonymity_threshold, 2);
    }
}
