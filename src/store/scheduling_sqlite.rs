//! The scheduler tick on SQLite: one writer at a time (`BEGIN IMMEDIATE`), batches as JSON
//! arrays read with `json_each`, so a tick of a thousand due schedules is a handful of
//! statements rather than thousands.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::StoreError;
use super::decode::Decoders;
use super::rows::{BeginWrite, RowExt};
use super::scheduling::{
    DueSchedule, Participant, Planner, TickReport, due_from, participant_from,
};
use super::scheduling_batch::Batch;

const CLAIM: &str = "
SELECT s.id, s.team_id, s.template_id, s.cron, s.time_zone, t.time_zone AS team_zone,
       s.window_secs, s.reminder_percent, s.grace_secs, s.next_local
FROM schedules s JOIN teams t ON t.id = s.team_id
WHERE s.state = 'active' AND s.next_due_at <= $1
ORDER BY s.next_due_at LIMIT $2";

const PARTICIPANTS: &str = "
SELECT sp.schedule_id, m.id AS member_id, m.time_zone, m.paused_until
FROM schedule_participants sp JOIN members m ON m.id = sp.member_id
WHERE sp.schedule_id IN (SELECT value FROM json_each($1))
ORDER BY sp.schedule_id, m.id";

const INSERT_ROUNDS: &str = "
INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at, closes_at,
                    status, closed_at, created_at)
SELECT json_extract(value, '$.team_id'), json_extract(value, '$.schedule_id'),
       json_extract(value, '$.template_id'), json_extract(value, '$.occurrence_local'),
       json_extract(value, '$.due_at'), json_extract(value, '$.closes_at'),
       json_extract(value, '$.status'),
       CASE WHEN json_extract(value, '$.status') = 'missed' THEN $2 END, $2
FROM json_each($1) WHERE true
ON CONFLICT (schedule_id, occurrence_local) DO NOTHING
RETURNING id, schedule_id, occurrence_local";

const INSERT_DELIVERIES: &str = "
INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, remind_at,
                        next_attempt_at, finished_at)
SELECT json_extract(value, '$.round_id'), json_extract(value, '$.member_id'),
       json_extract(value, '$.status'), json_extract(value, '$.due_at'),
       json_extract(value, '$.closes_at'), json_extract(value, '$.remind_at'),
       json_extract(value, '$.due_at'),
       CASE WHEN json_extract(value, '$.status') = 'missed' THEN $2 END
FROM json_each($1) WHERE true
ON CONFLICT (round_id, member_id) DO NOTHING";

const ADVANCE: &str = "
UPDATE schedules SET next_local = json_extract(j.value, '$.next_local'),
                     next_due_at = json_extract(j.value, '$.next_due_at')
FROM json_each($1) AS j
WHERE schedules.id = json_extract(j.value, '$.id')
  AND schedules.next_local = json_extract(j.value, '$.from_local')";

/// Runs one tick over at most `limit` due schedules in one transaction.
pub(super) async fn tick(
    pool: &SqlitePool,
    decode: &Decoders,
    now: DateTime<Utc>,
    limit: i64,
    planner: Planner<'_>,
) -> Result<TickReport, StoreError> {
    let mut tx = pool.begin_write().await?;
    let rows = sqlx::query(CLAIM)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    let due: Vec<DueSchedule> = rows
        .iter()
        .map(|row| due_from(row, decode))
        .collect::<Result<_, _>>()?;
    if due.is_empty() {
        return Ok(TickReport::default());
    }
    let ids = json!(due.iter().map(|s| s.id.0).collect::<Vec<_>>()).to_string();
    let rows = sqlx::query(PARTICIPANTS)
        .bind(ids)
        .fetch_all(&mut *tx)
        .await?;
    let mut by_schedule: HashMap<i64, Vec<Participant>> = HashMap::new();
    for row in &rows {
        by_schedule
            .entry(row.int("schedule_id")?)
            .or_default()
            .push(participant_from(row, "time_zone", decode)?);
    }
    let batch = Batch::plan(&due, &by_schedule, planner);
    let created = sqlx::query(INSERT_ROUNDS)
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
    let (deliveries, count) = batch.deliveries_json(&created_ids);
    sqlx::query(INSERT_DELIVERIES)
        .bind(deliveries)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(ADVANCE)
        .bind(batch.advances_json())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(batch.report(&created_ids, count))
}
