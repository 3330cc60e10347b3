//! The scheduler tick as one transaction: claim due schedules, let a pure planner decide their
//! rounds and deliveries, write them (skipping any that already exist), and advance each
//! schedule. A crash anywhere rolls the whole tick back; replicas claim disjoint schedules on
//! PostgreSQL, and the unique keys stop a second round or delivery whatever happens.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::decode::{Decoders, StoredRule, Unreadable};
use super::rows::RowExt;
use super::{Pool, Store, StoreError, scheduling_pg, scheduling_sqlite};
use crate::domain::ids::{MemberId, ScheduleId, TeamId, TemplateVersionId};
use crate::domain::schedule::ScheduleRule;
use crate::domain::zone::ZoneName;

/// A schedule whose next occurrence is due, decoded when read.
#[derive(Debug, Clone)]
pub struct DueSchedule {
    /// The schedule.
    pub id: ScheduleId,
    /// Its team.
    pub team_id: TeamId,
    /// The template version its rounds ask.
    pub template_id: TemplateVersionId,
    /// Its rule and its team's zone, or the stored value that cannot be read.
    pub timing: Result<DueTiming, Unreadable>,
    /// The occurrence the schedule stands at.
    pub next_local: NaiveDateTime,
}

/// A due schedule's decoded timing.
#[derive(Debug, Clone)]
pub struct DueTiming {
    /// Expression, zone or member-local, window, grace and reminder.
    pub rule: ScheduleRule,
    /// The team's zone (for members without one).
    pub team_zone: ZoneName,
}

/// A participant of a due schedule.
#[derive(Debug, Clone)]
pub struct Participant {
    /// The member.
    pub member_id: MemberId,
    /// Their zone if set, or the stored value that cannot be read.
    pub time_zone: Result<Option<ZoneName>, Unreadable>,
    /// Paused until, if paused.
    pub paused_until: Option<DateTime<Utc>>,
}

/// A round the planner wants recorded.
#[derive(Debug, Clone)]
pub struct PlannedRound {
    /// Local wall-clock occurrence.
    pub local: NaiveDateTime,
    /// Due instant.
    pub due_at: DateTime<Utc>,
    /// Closing instant.
    pub closes_at: DateTime<Utc>,
    /// Recorded as missed (nothing sent) rather than open.
    pub missed: bool,
    /// Its deliveries (none for a missed round).
    pub deliveries: Vec<PlannedDelivery>,
}

/// A delivery the planner wants recorded.
#[derive(Debug, Clone)]
pub struct PlannedDelivery {
    /// Who is asked.
    pub member_id: MemberId,
    /// When.
    pub due_at: DateTime<Utc>,
    /// Their window's end.
    pub closes_at: DateTime<Utc>,
    /// Their reminder.
    pub remind_at: Option<DateTime<Utc>>,
    /// Already too late to send (member-local catch-up beyond grace): recorded as missed.
    pub missed: bool,
}

/// Where a schedule goes after this tick.
#[derive(Debug, Clone)]
pub struct Advance {
    /// The next occurrence, or `None` when it never fires again.
    pub next_local: Option<NaiveDateTime>,
    /// When the scheduler acts on it.
    pub next_due_at: Option<DateTime<Utc>>,
}

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Schedules claimed.
    pub schedules: usize,
    /// Open rounds created.
    pub rounds_opened: usize,
    /// Missed rounds recorded.
    pub rounds_missed: usize,
    /// Deliveries created (including ones recorded as missed).
    pub deliveries: usize,
}

/// The planner: pure, given a due schedule and its participants.
pub type Planner<'a> =
    &'a (dyn Fn(&DueSchedule, &[Participant]) -> (Vec<PlannedRound>, Advance) + Sync);

impl Store {
    /// Runs one tick over at most `limit` due schedules in one transaction.
    pub async fn tick_schedules(
        &self,
        now: DateTime<Utc>,
        limit: i64,
        planner: Planner<'_>,
    ) -> Result<TickReport, StoreError> {
        match &self.pool {
            Pool::Postgres(pool) => {
                scheduling_pg::tick(pool, &self.decode, now, limit, planner).await
            }
            Pool::Sqlite(pool) => {
                scheduling_sqlite::tick(pool, &self.decode, now, limit, planner).await
            }
        }
    }
}

/// A claimed schedule, from a row of either backend's claim.
pub(super) fn due_from(row: &impl RowExt, decode: &Decoders) -> Result<DueSchedule, StoreError> {
    let stored = StoredRule {
        cron: row.text("cron")?,
        time_zone: row.opt_text("time_zone")?,
        window_secs: row.int("window_secs")?,
        grace_secs: row.int("grace_secs")?,
        reminder_percent: row.int("reminder_percent")?,
    };
    let team_zone = row.text("team_zone")?;
    let timing = decode.rule(&stored).and_then(|rule| {
        Ok(DueTiming {
            rule,
            team_zone: decode.zone("teams.time_zone", &team_zone)?,
        })
    });
    Ok(DueSchedule {
        id: ScheduleId(row.int("id")?),
        team_id: TeamId(row.int("team_id")?),
        template_id: TemplateVersionId(row.int("template_id")?),
        timing,
        next_local: row.local("next_local")?,
    })
}

/// A participant, from a row naming the member's zone in `zone_column`.
pub(super) fn participant_from(
    row: &impl RowExt,
    zone_column: &'static str,
    decode: &Decoders,
) -> Result<Participant, StoreError> {
    Ok(Participant {
        member_id: MemberId(row.int("member_id")?),
        time_zone: decode.opt_zone("members.time_zone", row.opt_text(zone_column)?.as_deref()),
        paused_until: row.opt_instant("paused_until")?,
    })
}
