//! Who may read a channel, asked of the platform: a member who can read a schedule's digest
//! channel reads its digests already, so they get that schedule's team recap without taking
//! part. Each platform registers its [`ReadsChannels`] hook; answers are kept for
//! [`READERS_TTL`] (on the service clock), and when the platform does not answer the member is
//! taken as not reading the channel (fail closed).

use std::collections::HashMap;
use std::sync::{Mutex, Weak};

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};

use super::memory::Remembers;
use crate::domain::state::Platform;

/// How long an answer of the platform is kept before it is asked again.
pub const READERS_TTL: TimeDelta = TimeDelta::seconds(60);

/// The most answers kept at once (the oldest are dropped past it).
const KEPT: usize = 10_000;

/// A platform's answer to "may this person read this channel?".
#[async_trait]
pub trait ReadsChannels: Send + Sync {
    /// Whether `user` can read `channel` in the team `team` (the platform's ids); an error
    /// when the platform could not say.
    async fn can_read(&self, team: &str, channel: &str, user: &str) -> anyhow::Result<bool>;
}

type Key = (Platform, String, String, String);

/// The registered hooks and their recent answers.
#[derive(Default)]
pub struct ChannelReaders {
    hooks: Mutex<Vec<(Platform, Weak<dyn ReadsChannels>)>>,
    answers: Mutex<HashMap<Key, (bool, DateTime<Utc>)>>,
}

impl std::fmt::Debug for ChannelReaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hooks = self.hooks.lock().map_or(0, |h| h.len());
        f.debug_struct("ChannelReaders")
            .field("hooks", &hooks)
            .finish()
    }
}

impl ChannelReaders {
    /// Lists `hook` as the way to ask `platform` (held weakly, replacing an earlier one).
    pub fn register(&self, platform: Platform, hook: Weak<dyn ReadsChannels>) {
        let mut hooks = self.hooks.lock().unwrap_or_else(|e| e.into_inner());
        hooks.retain(|(p, h)| *p != platform && h.strong_count() > 0);
        hooks.push((platform, hook));
    }

    /// Whether `user` can read `channel` of `team` on `platform`, as the platform said within
    /// [`READERS_TTL`] of `now`; false when no hook is registered or the platform did not
    /// answer (that is not kept, so the next request asks again).
    pub async fn can_read(
        &self,
        platform: Platform,
        team: &str,
        channel: &str,
        user: &str,
        now: DateTime<Utc>,
    ) -> bool {
        let key: Key = (platform, team.into(), channel.into(), user.into());
        if let Some(&(answer, at)) = self.lock_answers().get(&key)
            && now - at < READERS_TTL
        {
            return answer;
        }
        let Some(hook) = self.hook(platform) else {
            return false;
        };
        match hook.can_read(team, channel, user).await {
            Ok(answer) => {
                let mut answers = self.lock_answers();
                if answers.len() >= KEPT {
                    answers.retain(|_, (_, at)| now - *at < READERS_TTL);
                }
                if answers.len() < KEPT {
                    answers.insert(key, (answer, now));
                }
                answer
            }
            Err(error) => {
                tracing::warn!(%channel, error = format!("{error:#}"), "could not ask who reads a channel; taken as not readable");
                false
            }
        }
    }

    fn hook(&self, platform: Platform) -> Option<std::sync::Arc<dyn ReadsChannels>> {
        let hooks = self.hooks.lock().unwrap_or_else(|e| e.into_inner());
        hooks
            .iter()
            .find(|(p, _)| *p == platform)
            .and_then(|(_, h)| h.upgrade())
    }

    fn lock_answers(&self) -> std::sync::MutexGuard<'_, HashMap<Key, (bool, DateTime<Utc>)>> {
        self.answers.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Remembers for ChannelReaders {
    fn forget(&self, team: &str, user: &str) {
        self.lock_answers()
            .retain(|(_, t, _, u), _| (t.as_str(), u.as_str()) != (team, user));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use chrono::TimeZone;

    use super::*;

    /// Says yes to `U1` only, or fails; counts the questions.
    struct Hook {
        asked: AtomicUsize,
        fails: bool,
    }

    #[async_trait]
    impl ReadsChannels for Hook {
        async fn can_read(&self, _: &str, _: &str, user: &str) -> anyhow::Result<bool> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            anyhow::ensure!(!self.fails, "the platform did not answer");
            Ok(user == "U1")
        }
    }

    /// The readers with a Slack hook, the hook, and the handle that keeps it registered.
    fn hooked(fails: bool) -> (ChannelReaders, Arc<Hook>, Arc<dyn ReadsChannels>) {
        let readers = ChannelReaders::default();
        let hook = Arc::new(Hook {
            asked: AtomicUsize::new(0),
            fails,
        });
        let kept: Arc<dyn ReadsChannels> = hook.clone();
        readers.register(Platform::Slack, Arc::downgrade(&kept));
        (readers, hook, kept)
    }

    #[tokio::test]
    async fn answers_are_kept_for_their_ttl_then_asked_again() {
        let (readers, hook, _kept) = hooked(false);
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
        assert!(readers.can_read(Platform::Slack, "T", "C", "U1", now).await);
        assert!(!readers.can_read(Platform::Slack, "T", "C", "U2", now).await);
        let soon = now + TimeDelta::seconds(59);
        assert!(
            readers
                .can_read(Platform::Slack, "T", "C", "U1", soon)
                .await
        );
        assert_eq!(hook.asked.load(Ordering::SeqCst), 2);
        assert!(
            readers
                .can_read(Platform::Slack, "T", "C", "U1", now + READERS_TTL)
                .await
        );
        assert_eq!(hook.asked.load(Ordering::SeqCst), 3);
        readers.forget("T", "U1");
        assert!(
            readers
                .can_read(Platform::Slack, "T", "C", "U1", soon)
                .await
        );
        assert_eq!(hook.asked.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn no_answer_and_no_hook_mean_no() {
        let (readers, hook, _kept) = hooked(true);
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
        assert!(!readers.can_read(Platform::Slack, "T", "C", "U1", now).await);
        assert!(!readers.can_read(Platform::Slack, "T", "C", "U1", now).await);
        assert_eq!(
            hook.asked.load(Ordering::SeqCst),
            2,
            "a failure is not kept"
        );
        assert!(
            !readers
                .can_read(Platform::Discord, "T", "C", "U1", now)
                .await
        );
    }
}
