//! The scheduler tick as one transaction: claim due schedules, let a pure planner decide their
//! rounds and deliveries, write them (skipping any that already exist), and advance each
//! schedule. A crash anywhere rolls the whole tick back; replicas claim disjoint schedules on
//! PostgreSQL, and the unique keys stop a second round or delivery whatever happens.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::rows::{BeginWrite, RowExt, instant_text, local_text};
use super::scheduling_sql as sql;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, ScheduleId, TeamId, TemplateVersionId};

/// A schedule whose next occurrence is due.
#[derive(Debug, Clone)]
pub struct DueSchedule {
    /// The schedule.
    pub id: ScheduleId,
    /// Its team.
    pub team_id: TeamId,
    /// The template version its rounds ask.
    pub template_id: TemplateVersionId,
    /// The crontab expression as stored.
    pub cron: String,
    /// Its zone, or `None` for member-local.
    pub time_zone: Option<String>,
    /// The team's zone (for members without one).
    pub team_zone: String,
    /// Answer window, seconds.
    pub window_secs: i64,
    /// Reminder point, percent.
    pub reminder_percent: i64,
    /// Catch-up grace, seconds.
    pub grace_secs: i64,
    /// The occurrence the schedule stands at.
    pub next_local: NaiveDateTime,
}

/// A participant of a due schedule.
#[derive(Debug, Clone)]
pub struct Participant {
    /// The member.
    pub member_id: MemberId,
    /// Their zone, if set.
    pub time_zone: Option<String>,
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
        let dialect = self.dialect();
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let rows = sqlx::query(sql::claim_due(dialect))
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
            let due: Vec<DueSchedule> = rows.iter().map(due_from).collect::<Result<_, _>>()?;
            if due.is_empty() {
                return Ok(TickReport::default());
            }
            let ids = json!(due.iter().map(|s| s.id.0).collect::<Vec<_>>()).to_string();
            let rows = sqlx::query(sql::participants(dialect))
                .bind(ids)
                .fetch_all(&mut *tx)
                .await?;
            let mut by_schedule: HashMap<i64, Vec<Participant>> = HashMap::new();
            for row in &rows {
                by_schedule
                    .entry(row.int("schedule_id")?)
                    .or_default()
                    .push(participant_from(row)?);
            }
            let batch = Batch::plan(&due, &by_schedule, planner);
            let created = sqlx::query(sql::insert_rounds(dialect))
                .bind(batch.rounds_json())
                .bind(now)
                .fetch_all(&mut *tx)
                .await?;
            let mut created_ids = HashMap::new();
            for row in &created {
                created_ids.insert(
                    (row.int("schedule_id")?, row.local("occurrence_local")?),
                    row.int("id")?,
                );
            }
            let deliveries = batch.deliveries_json(&created_ids);
            sqlx::query(sql::insert_deliveries(dialect))
                .bind(deliveries.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(sql::advance(dialect))
                .bind(batch.advances_json())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(batch.report(&created_ids, deliveries.1))
        })
    }
}

/// The planner's output for every claimed schedule.
struct Batch<'a> {
    planned: Vec<(&'a DueSchedule, Vec<PlannedRound>, Advance)>,
}

impl<'a> Batch<'a> {
    fn plan(
        due: &'a [DueSchedule],
        participants: &HashMap<i64, Vec<Participant>>,
        planner: Planner<'_>,
    ) -> Self {
        let planned = due
            .iter()
            .map(|schedule| {
                let members = participants
                    .get(&schedule.id.0)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let (rounds, advance) = planner(schedule, members);
                (schedule, rounds, advance)
            })
            .collect();
        Batch { planned }
    }

    fn rounds_json(&self) -> String {
        let rounds: Vec<Value> = self
            .planned
            .iter()
            .flat_map(|(s, rounds, _)| rounds.iter().map(move |r| (s, r)))
            .map(|(s, r)| {
                json!({
                    "team_id": s.team_id.0, "schedule_id": s.id.0, "template_id": s.template_id.0,
                    "occurrence_local": local_text(r.local), "due_at": instant_text(r.due_at),
                    "closes_at": instant_text(r.closes_at),
                    "status": if r.missed { "missed" } else { "open" },
                })
            })
            .collect();
        Value::Array(rounds).to_string()
    }

    /// Deliveries of the rounds this tick created (and how many).
    fn deliveries_json(&self, created: &HashMap<(i64, NaiveDateTime), i64>) -> (String, usize) {
        let mut rows = Vec::new();
        for (schedule, rounds, _) in &self.planned {
            for round in rounds {
                let Some(round_id) = created.get(&(schedule.id.0, round.local)) else {
                    continue;
                };
                rows.extend(round.deliveries.iter().map(|d| {
                    json!({
                        "round_id": round_id, "member_id": d.member_id.0,
                        "status": if d.missed { "missed" } else { "pending" },
                        "due_at": instant_text(d.due_at), "closes_at": instant_text(d.closes_at),
                        "remind_at": d.remind_at.map(instant_text),
                    })
                }));
            }
        }
        let count = rows.len();
        (Value::Array(rows).to_string(), count)
    }

    fn advances_json(&self) -> String {
        let rows: Vec<Value> = self
            .planned
            .iter()
            .map(|(s, _, a)| {
                json!({
                    "id": s.id.0, "from_local": local_text(s.next_local),
                    "next_local": a.next_local.map(local_text), "next_due_at": a.next_due_at.map(instant_text),
                })
            })
            .collect();
        Value::Array(rows).to_string()
    }

    fn report(
        &self,
        created: &HashMap<(i64, NaiveDateTime), i64>,
        deliveries: usize,
    ) -> TickReport {
        let mut report = TickReport {
            schedules: self.planned.len(),
            deliveries,
            ..TickReport::default()
        };
        for (schedule, rounds, _) in &self.planned {
            for round in rounds
                .iter()
                .filter(|r| created.contains_key(&(schedule.id.0, r.local)))
            {
                if round.missed {
                    report.rounds_missed += 1;
                } else {
                    report.rounds_opened += 1;
                }
            }
        }
        report
    }
}

fn due_from(row: &impl RowExt) -> Result<DueSchedule, StoreError> {
    Ok(DueSchedule {
        id: ScheduleId(row.int("id")?),
        team_id: TeamId(row.int("team_id")?),
        template_id: TemplateVersionId(row.int("template_id")?),
        cron: row.text("cron")?,
        time_zone: row.opt_text("time_zone")?,
        team_zone: row.text("team_zone")?,
        window_secs: row.int("window_secs")?,
        reminder_percent: row.int("reminder_percent")?,
        grace_secs: row.int("grace_secs")?,
        next_local: row.local("next_local")?,
    })
}

fn participant_from(row: &impl RowExt) -> Result<Participant, StoreError> {
    Ok(Participant {
        member_id: MemberId(row.int("member_id")?),
        time_zone: row.opt_text("time_zone")?,
        paused_until: row.opt_instant("paused_until")?,
    })
}
