//! Turns a due schedule and its participants into the rounds and deliveries to record, using
//! the pure schedule rules of [`crate::domain::schedule`].

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::domain::schedule::{CronSpec, FiringKind, ScheduleRule, Timing};
use crate::domain::zone::ZoneName;
use crate::store::{Advance, DueSchedule, Participant, PlannedDelivery, PlannedRound};

/// Parsed expressions and zones by their stored text: many schedules share them, and a tick
/// should not parse the same expression a thousand times.
#[derive(Debug, Default)]
pub struct RuleCache {
    parsed: Mutex<HashMap<RuleKey, ParsedRule>>,
}

/// A schedule's stored expression and zone (`None` for member-local).
type RuleKey = (String, Option<String>);
/// The parsed expression and timing, or why they cannot be read.
type ParsedRule = Result<(CronSpec, Timing), String>;

/// Entries kept before the cache starts afresh.
const RULE_CACHE_LIMIT: usize = 10_000;

impl RuleCache {
    fn get(&self, cron: &str, zone: Option<&String>) -> ParsedRule {
        let key = (cron.to_string(), zone.cloned());
        let mut parsed = self
            .parsed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = parsed.get(&key) {
            return found.clone();
        }
        if parsed.len() >= RULE_CACHE_LIMIT {
            parsed.clear();
        }
        let fresh = parse_rule(cron, zone);
        parsed.insert(key, fresh.clone());
        fresh
    }
}

fn parse_rule(cron: &str, zone: Option<&String>) -> ParsedRule {
    let cron = CronSpec::parse(cron).map_err(|e| e.to_string())?;
    let timing = match zone {
        Some(zone) => Timing::Zone(ZoneName::parse(zone).map_err(|e| e.to_string())?.tz()),
        None => Timing::MemberLocal,
    };
    Ok((cron, timing))
}

/// The rule a stored schedule follows, or why it cannot be read.
pub fn rule_for(schedule: &DueSchedule, cache: &RuleCache) -> Result<ScheduleRule, String> {
    let (cron, timing) = cache.get(&schedule.cron, schedule.time_zone.as_ref())?;
    Ok(ScheduleRule {
        cron,
        timing,
        window: Duration::seconds(schedule.window_secs),
        grace: Duration::seconds(schedule.grace_secs),
        reminder_percent: u8::try_from(schedule.reminder_percent).unwrap_or(0),
    })
}

/// Plans one schedule at `now`. A schedule that cannot be read stops (no next occurrence) and
/// is logged, rather than failing every tick.
pub fn plan(
    schedule: &DueSchedule,
    participants: &[Participant],
    now: DateTime<Utc>,
    cache: &RuleCache,
) -> (Vec<PlannedRound>, Advance) {
    let rule = match rule_for(schedule, cache) {
        Ok(rule) => rule,
        Err(problem) => {
            tracing::error!(schedule = %schedule.id, %problem, "unreadable schedule stopped");
            return (
                Vec::new(),
                Advance {
                    next_local: None,
                    next_due_at: None,
                },
            );
        }
    };
    let team_zone = ZoneName::parse(&schedule.team_zone)
        .map(|z| z.tz())
        .unwrap_or(chrono_tz::UTC);
    let plan = rule.plan(schedule.next_local, now);
    let rounds = plan
        .firings
        .iter()
        .map(|firing| {
            let missed = firing.kind == FiringKind::Missed;
            let deliveries = if missed {
                Vec::new()
            } else {
                deliveries(&rule, firing.local, participants, team_zone, now)
            };
            PlannedRound {
                local: firing.local,
                due_at: firing.due_at,
                closes_at: firing.closes_at,
                missed,
                deliveries,
            }
        })
        .collect();
    let advance = Advance {
        next_local: plan.next.map(|n| n.0),
        next_due_at: plan.next.map(|n| n.1),
    };
    (rounds, advance)
}

/// One delivery per participant who is not paused when asked.
fn deliveries(
    rule: &ScheduleRule,
    local: chrono::NaiveDateTime,
    participants: &[Participant],
    team_zone: Tz,
    now: DateTime<Utc>,
) -> Vec<PlannedDelivery> {
    participants
        .iter()
        .filter_map(|p| {
            let zone = p
                .time_zone
                .as_deref()
                .and_then(|z| ZoneName::parse(z).ok())
                .map_or(team_zone, |z| z.tz());
            let times = rule.member_times(local, zone);
            let paused = p.paused_until.is_some_and(|until| until > times.due_at);
            (!paused).then(|| PlannedDelivery {
                member_id: p.member_id,
                due_at: times.due_at,
                closes_at: times.closes_at,
                remind_at: times.remind_at,
                missed: times.due_at + rule.grace < now,
            })
        })
        .collect()
}
