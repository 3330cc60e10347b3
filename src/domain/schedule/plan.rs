//! Planning a schedule's firings at a tick: which occurrences are due, which of them is
//! delivered and which are recorded as missed (catch-up after downtime), and where the schedule
//! goes next. Pure: the scheduler feeds it stored state and "now".

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{CronSpec, Occurrence, first_local_after_instant, next_occurrence, resolve_local};

/// Most occurrences one tick plans for one schedule; the rest wait for the next tick.
pub const MAX_FIRINGS_PER_TICK: usize = 500;

/// The earliest and latest UTC offsets any zone uses: a member-local wall time happens first
/// at UTC+14 and last at UTC-12.
const EARLIEST_OFFSET_HOURS: i64 = 14;
const LATEST_OFFSET_HOURS: i64 = 12;

/// Where a schedule's prompts are timed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Timing {
    /// One zone for everyone.
    Zone(Tz),
    /// Each member's own zone (the team's for members without one).
    MemberLocal,
}

/// What the planner needs to know about a schedule.
#[derive(Debug, Clone)]
pub struct ScheduleRule {
    /// The expression.
    pub cron: CronSpec,
    /// Zone or member-local.
    pub timing: Timing,
    /// How long a round stays open.
    pub window: Duration,
    /// How late a missed occurrence may still be delivered.
    pub grace: Duration,
    /// Reminder point, in percent of the window; 0 for none.
    pub reminder_percent: u8,
}

/// What happens to one due occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiringKind {
    /// Delivered (on time, or as the one catch-up after downtime).
    Deliver,
    /// Its time passed beyond the grace period, or a later occurrence superseded it: recorded
    /// as a missed round, nothing sent.
    Missed,
}

/// One occurrence to record as a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Firing {
    /// The local wall-clock time: the round's identity.
    pub local: NaiveDateTime,
    /// When the round is due (member-local: the earliest any zone reaches it).
    pub due_at: DateTime<Utc>,
    /// When the round closes (member-local: the latest any zone's window ends).
    pub closes_at: DateTime<Utc>,
    /// Delivered or missed.
    pub kind: FiringKind,
}

/// A tick's plan for one schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Rounds to record, oldest first.
    pub firings: Vec<Firing>,
    /// The next occurrence and when the scheduler acts on it; `None` when it never fires again.
    pub next: Option<(NaiveDateTime, DateTime<Utc>)>,
}

impl ScheduleRule {
    /// The instant the scheduler acts on a wall time: its instant in the zone, or for
    /// member-local schedules the earliest instant any zone reaches it.
    pub fn trigger_at(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.timing {
            Timing::Zone(tz) => resolve_local(local, tz),
            Timing::MemberLocal => (local - Duration::hours(EARLIEST_OFFSET_HOURS)).and_utc(),
        }
    }

    /// The last instant any member is asked for a wall time.
    fn last_due_at(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.timing {
            Timing::Zone(tz) => resolve_local(local, tz),
            Timing::MemberLocal => (local + Duration::hours(LATEST_OFFSET_HOURS)).and_utc(),
        }
    }

    /// When one member is asked and when their window and reminder fall.
    pub fn member_times(&self, local: NaiveDateTime, member_zone: Tz) -> MemberTimes {
        let due_at = match self.timing {
            Timing::Zone(tz) => resolve_local(local, tz),
            Timing::MemberLocal => resolve_local(local, member_zone),
        };
        let closes_at = due_at + self.window;
        let remind_at = (self.reminder_percent > 0)
            .then(|| due_at + self.window * i32::from(self.reminder_percent) / 100);
        MemberTimes {
            due_at,
            closes_at,
            remind_at,
        }
    }

    /// The wall time after `previous`, skipping wall times that would fire at an instant not
    /// after the previous one (several wall times inside one spring-forward gap fire once).
    pub fn next_after(&self, previous: NaiveDateTime) -> Option<NaiveDateTime> {
        match self.timing {
            Timing::Zone(tz) => {
                let previous = Occurrence::resolve(previous, tz);
                next_occurrence(&self.cron, tz, &previous).map(|o| o.local)
            }
            Timing::MemberLocal => self.cron.next_local_after(previous),
        }
    }

    /// The first occurrence whose trigger is at or after `now` (a new or resumed schedule: no
    /// backfill), with its trigger instant.
    pub fn first_after(&self, now: DateTime<Utc>) -> Option<(NaiveDateTime, DateTime<Utc>)> {
        let local = match self.timing {
            Timing::Zone(tz) => first_local_after_instant(&self.cron, tz, now)?,
            Timing::MemberLocal => {
                let earliest =
                    now.naive_utc() + Duration::hours(EARLIEST_OFFSET_HOURS) - Duration::seconds(1);
                self.cron.next_local_after(earliest)?
            }
        };
        Some((local, self.trigger_at(local)))
    }

    /// Plans every occurrence from `next_local` whose trigger is at or before `now`.
    /// At most one is delivered: the latest one still within the grace period.
    pub fn plan(&self, next_local: NaiveDateTime, now: DateTime<Utc>) -> Plan {
        let mut firings = Vec::new();
        let mut cursor = Some(next_local);
        while let Some(local) = cursor {
            if self.trigger_at(local) > now || firings.len() >= MAX_FIRINGS_PER_TICK {
                break;
            }
            firings.push(self.firing(local, now));
            cursor = self.next_after(local);
        }
        keep_only_the_latest_delivery(&mut firings);
        let next = cursor.map(|local| (local, self.trigger_at(local)));
        Plan { firings, next }
    }

    fn firing(&self, local: NaiveDateTime, now: DateTime<Utc>) -> Firing {
        let due_at = self.trigger_at(local);
        let last_due = self.last_due_at(local);
        let kind = if last_due + self.grace < now {
            FiringKind::Missed
        } else {
            FiringKind::Deliver
        };
        Firing {
            local,
            due_at,
            closes_at: last_due + self.window,
            kind,
        }
    }
}

/// When one member is asked in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberTimes {
    /// The prompt is sent at or after this instant.
    pub due_at: DateTime<Utc>,
    /// Their window closes.
    pub closes_at: DateTime<Utc>,
    /// Their reminder, if the schedule has one.
    pub remind_at: Option<DateTime<Utc>>,
}

/// Never more than one catch-up: every deliverable firing but the last becomes missed.
fn keep_only_the_latest_delivery(firings: &mut [Firing]) {
    let Some(last) = firings.iter().rposition(|f| f.kind == FiringKind::Deliver) else {
        return;
    };
    for firing in &mut firings[..last] {
        firing.kind = FiringKind::Missed;
    }
}
