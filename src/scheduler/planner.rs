//! Turns a due schedule and its participants into the rounds and deliveries to record, using
//! the pure schedule rules of [`crate::domain::schedule`]. Nothing is parsed here: the store
//! decodes stored expressions and zones when it reads them.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::domain::schedule::{FiringKind, ScheduleRule};
use crate::domain::zone::ZoneName;
use crate::store::{Advance, DueSchedule, Participant, PlannedDelivery, PlannedRound};

/// Plans one schedule at `now`. A schedule with a stored value that cannot be read stops (no
/// next occurrence) and is logged with what is wrong, rather than failing every tick or being
/// read as something else.
pub fn plan(
    schedule: &DueSchedule,
    participants: &[Participant],
    now: DateTime<Utc>,
) -> (Vec<PlannedRound>, Advance) {
    let timing = match &schedule.timing {
        Ok(timing) => timing,
        Err(problem) => {
            tracing::error!(schedule = %schedule.id, %problem, "unreadable schedule stopped");
            let stop = Advance {
                next_local: None,
                next_due_at: None,
            };
            return (Vec::new(), stop);
        }
    };
    let rule = &timing.rule;
    let plan = rule.plan(schedule.next_local, now);
    let rounds = plan
        .firings
        .iter()
        .map(|firing| {
            let missed = firing.kind == FiringKind::Missed;
            let deliveries = if missed {
                Vec::new()
            } else {
                let asked = Asked {
                    schedule,
                    rule,
                    team_zone: timing.team_zone,
                    now,
                };
                asked.deliveries(firing.local, participants)
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

/// What deciding one occurrence's deliveries needs.
struct Asked<'a> {
    schedule: &'a DueSchedule,
    rule: &'a ScheduleRule,
    team_zone: ZoneName,
    now: DateTime<Utc>,
}

impl Asked<'_> {
    /// One delivery per participant who is not paused when asked. A member whose stored zone
    /// cannot be read is left out of this occurrence and logged, not asked at the team's time.
    fn deliveries(
        &self,
        local: NaiveDateTime,
        participants: &[Participant],
    ) -> Vec<PlannedDelivery> {
        participants
            .iter()
            .filter_map(|p| {
                let zone = match &p.time_zone {
                    Ok(zone) => zone.unwrap_or(self.team_zone),
                    Err(problem) => {
                        tracing::error!(schedule = %self.schedule.id, member = %p.member_id,
                            %problem, "member with an unreadable zone not asked");
                        return None;
                    }
                };
                let times = self.rule.member_times(local, zone.tz());
                let paused = p.paused_until.is_some_and(|until| until > times.due_at);
                (!paused).then(|| PlannedDelivery {
                    member_id: p.member_id,
                    due_at: times.due_at,
                    closes_at: times.closes_at,
                    remind_at: times.remind_at,
                    missed: times.due_at + self.rule.grace < self.now,
                })
            })
            .collect()
    }
}
