//! Per-team quotas: what one team's admins may ask of the process, so that no team's schedules
//! crowd out another's prompts — schedules per team, the shortest time between two prompts of a
//! schedule, run-now rounds per hour, and participants per schedule (the `[limits]` settings).
//! Each refusal names the limit and the setting that holds it.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::Service;
use super::error::ServiceError;
use super::i18n::t;
use super::syntax::{Example, spell};
use crate::domain::lang::Lang;
use crate::domain::schedule::{CronSpec, preview};
use crate::domain::team::Team;

/// How many upcoming times of a new schedule are checked for the shortest gap.
pub const GAP_CHECKED_OVER: usize = 64;

/// The per-team quotas, from the `[limits]` settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// Schedules one team may have.
    pub schedules_per_team: usize,
    /// The shortest time between two prompts of one schedule, in minutes.
    pub shortest_cron_minutes: u32,
    /// Rounds one team may start with run-now in an hour.
    pub run_now_per_hour: usize,
    /// Members one schedule may ask.
    pub participants_per_schedule: usize,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            schedules_per_team: 20,
            shortest_cron_minutes: 15,
            run_now_per_hour: 6,
            participants_per_schedule: 500,
        }
    }
}

/// Recent requests per key (a member, a team) inside a sliding span, in memory; cloned handles
/// share the counts.
#[derive(Debug)]
pub struct Recent<K>(Arc<Mutex<HashMap<K, VecDeque<DateTime<Utc>>>>>);

impl<K> Clone for Recent<K> {
    fn clone(&self) -> Self {
        Recent(self.0.clone())
    }
}

impl<K> Default for Recent<K> {
    fn default() -> Self {
        Recent(Arc::default())
    }
}

impl<K: Hash + Eq> Recent<K> {
    /// Counts one request of `key` at `now`, or refuses it when `key` already made `limit` in
    /// the `span` before: then the answer is the seconds until the oldest of them leaves it.
    pub fn count(
        &self,
        key: K,
        now: DateTime<Utc>,
        span: TimeDelta,
        limit: usize,
    ) -> Result<(), i64> {
        let mut recent = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // Forget keys whose requests all left the span, so the map stays small.
        recent.retain(|_, times| times.back().is_some_and(|t| now - *t < span));
        let times = recent.entry(key).or_default();
        while times.front().is_some_and(|t| now - *t >= span) {
            times.pop_front();
        }
        if times.len() >= limit {
            let oldest = times.front().copied().unwrap_or(now);
            return Err((oldest + span - now).num_seconds().max(1));
        }
        times.push_back(now);
        Ok(())
    }
}

impl Service {
    fn quotas(&self) -> Quotas {
        self.guard.policy.quotas
    }

    /// The refusal of a new schedule for `team`, which has `count` schedules (as many as it
    /// may); it names one of them as the example to remove.
    pub(super) async fn schedules_refusal(
        &self,
        team: &Team,
        lang: Lang,
        count: i64,
    ) -> ServiceError {
        let schedules = match self.store.schedules(team.id).await {
            Ok(schedules) => schedules,
            Err(error) => return error.into(),
        };
        let first = schedules.first().map_or("weekly", |s| s.name.as_str());
        let example = spell(team.platform, lang, Example::ScheduleRemove(first));
        let limit = self.quotas().schedules_per_team.to_string();
        let count = count.to_string();
        let args = [
            ("team", team.name.as_str()),
            ("count", &count),
            ("limit", &limit),
            ("example", &example),
        ];
        ServiceError::User(t(lang, "quotas.schedules", &args))
    }

    /// Refuses `cron` when two of its next [`GAP_CHECKED_OVER`] times in `zone` are closer than
    /// the shortest gap a schedule may have.
    pub(super) fn often_enough(
        &self,
        team: &Team,
        cron: &CronSpec,
        zone: Tz,
        lang: Lang,
    ) -> Result<(), ServiceError> {
        let limit = self.quotas().shortest_cron_minutes;
        let Some(gap) = shortest_gap(cron, zone, self.clock.now()) else {
            return Ok(());
        };
        if gap >= TimeDelta::minutes(i64::from(limit)) {
            return Ok(());
        }
        let example = spell(
            team.platform,
            lang,
            Example::ScheduleAdd {
                template: "weekly",
                cron: "0 17 * * FRI",
            },
        );
        let (gap, limit) = (gap.num_minutes().to_string(), limit.to_string());
        let args = [
            ("cron", cron.as_str()),
            ("gap", gap.as_str()),
            ("limit", &limit),
            ("example", &example),
        ];
        Err(ServiceError::User(t(lang, "quotas.cron", &args)))
    }

    /// How many run-now rounds a team may open, and the start of the hour they are counted in.
    pub(super) fn run_now_span(&self) -> (i64, DateTime<Utc>) {
        let limit = i64::try_from(self.quotas().run_now_per_hour).unwrap_or(i64::MAX);
        (limit, self.clock.now() - TimeDelta::hours(1))
    }

    /// The refusal of a run-now past the team's quota; the oldest counted round was opened at
    /// `oldest`, and the team may start another an hour after it.
    pub(super) fn run_now_refusal(
        &self,
        team: &Team,
        lang: Lang,
        oldest: Option<DateTime<Utc>>,
    ) -> ServiceError {
        let now = self.clock.now();
        let wait_secs = oldest.map_or(60, |o| (o + TimeDelta::hours(1) - now).num_seconds());
        let minutes = ((wait_secs.max(1) + 59) / 60).to_string();
        let limit = self.quotas().run_now_per_hour.to_string();
        let args = [
            ("team", team.name.as_str()),
            ("limit", &limit),
            ("minutes", &minutes),
        ];
        ServiceError::User(t(lang, "quotas.run_now", &args))
    }

    /// Refuses adding `adding` new participants to the schedule `name`, which has `now`, past
    /// the most one schedule may ask; nothing is added then.
    pub(super) fn room_for_participants(
        &self,
        name: &str,
        now: usize,
        adding: usize,
        lang: Lang,
    ) -> Result<(), ServiceError> {
        let limit = self.quotas().participants_per_schedule;
        if adding == 0 || now + adding <= limit {
            return Ok(());
        }
        let id = if adding == 1 {
            "quotas.schedule_full"
        } else {
            "quotas.participants"
        };
        let (count, limit) = ((now + adding).to_string(), limit.to_string());
        let args = [("schedule", name), ("count", &count), ("limit", &limit)];
        Err(ServiceError::User(t(lang, id, &args)))
    }

    /// Refuses a new schedule whose first participants (`count`, the admin included) are more
    /// than one schedule may ask; the schedule is not made then.
    pub(super) fn room_in_new_schedule(
        &self,
        name: &str,
        count: usize,
        lang: Lang,
    ) -> Result<(), ServiceError> {
        let limit = self.quotas().participants_per_schedule;
        if count <= limit {
            return Ok(());
        }
        let (count, limit) = (count.to_string(), limit.to_string());
        let args = [("schedule", name), ("count", &count), ("limit", &limit)];
        Err(ServiceError::User(t(
            lang,
            "quotas.new_schedule_participants",
            &args,
        )))
    }
}

/// The shortest time between two of `cron`'s next [`GAP_CHECKED_OVER`] times after `now` in
/// `zone` (`None` when it has fewer than two).
pub fn shortest_gap(cron: &CronSpec, zone: Tz, now: DateTime<Utc>) -> Option<TimeDelta> {
    let times = preview(cron, zone, now, GAP_CHECKED_OVER);
    times.windows(2).map(|pair| pair[1].at - pair[0].at).min()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn gap(cron: &str, zone: &str) -> Option<i64> {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
        let cron = CronSpec::parse(cron).unwrap();
        shortest_gap(&cron, zone.parse().unwrap(), now).map(|g| g.num_minutes())
    }

    #[test]
    fn the_shortest_gap_is_the_closest_two_of_the_next_times() {
        assert_eq!(gap("* * * * *", "UTC"), Some(1));
        assert_eq!(gap("*/15 * * * *", "UTC"), Some(15));
        assert_eq!(gap("0 17 * * FRI", "Asia/Seoul"), Some(7 * 24 * 60));
        // Minutes 0 and 5 of one hour: the pair is close though the hours are far apart.
        assert_eq!(gap("0,5 9 * * *", "UTC"), Some(5));
    }

    #[test]
    fn a_key_may_count_up_to_its_limit_in_the_span_and_then_waits() {
        let recent = Recent::default();
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 0, 0, 0).unwrap();
        let hour = TimeDelta::hours(1);
        for i in 0..6 {
            let at = start + TimeDelta::minutes(i);
            assert_eq!(recent.count("noisy", at, hour, 6), Ok(()), "request {i}");
        }
        let later = start + TimeDelta::minutes(10);
        assert_eq!(recent.count("noisy", later, hour, 6), Err(50 * 60));
        assert_eq!(recent.count("quiet", later, hour, 6), Ok(()));
        assert_eq!(recent.count("noisy", start + hour, hour, 6), Ok(()));
    }
}
