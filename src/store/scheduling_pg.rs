//! The scheduler tick on PostgreSQL: two statements in one transaction. The first claims due
//! schedules (`FOR UPDATE SKIP LOCKED`, so replicas and lanes take disjoint sets), one row per
//! participant; the second writes the whole plan at once: rounds, the deliveries of the
//! rounds it created, and the schedules' advance, as data-modifying CTEs over typed arrays.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::StoreError;
use super::decode::Decoders;
use super::rows::RowExt;
use super::scheduling::{
    DueSchedule, Participant, Planner, TickReport, due_from, participant_from,
};
use super::scheduling_batch::Batch;

const CLAIM: &str = "
WITH due AS (
    SELECT s.id, s.team_id, s.template_id, s.cron, s.time_zone, s.window_secs,
           s.reminder_percent, s.grace_secs, s.next_local, s.next_due_at
    FROM schedules s
    WHERE s.state = 'active' AND s.next_due_at <= $1
    ORDER BY s.next_due_at LIMIT $2
    FOR UPDATE SKIP LOCKED
)
SELECT due.*, t.time_zone AS team_zone, m.id AS member_id, m.time_zone AS member_zone,
       m.paused_until
FROM due JOIN teams t ON t.id = due.team_id
LEFT JOIN schedule_participants sp ON sp.schedule_id = due.id
LEFT JOIN members m ON m.id = sp.member_id
ORDER BY due.next_due_at, due.id, m.id";

const WRITE: &str = "
WITH new_rounds AS (
    INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at, closes_at,
                        status, closed_at, created_at)
    SELECT x.team_id, x.schedule_id, x.template_id, x.local, x.due_at, x.closes_at,
           CASE WHEN x.missed THEN 'missed' ELSE 'open' END, CASE WHEN x.missed THEN $1 END, $1
    FROM UNNEST($2::bigint[], $3::bigint[], $4::bigint[], $5::timestamp[], $6::timestamptz[],
                $7::timestamptz[], $8::boolean[])
         AS x(schedule_id, team_id, template_id, local, due_at, closes_at, missed)
    ON CONFLICT (schedule_id, occurrence_local) DO NOTHING
    RETURNING id, schedule_id, occurrence_local, status
), new_deliveries AS (
    INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, remind_at,
                            next_attempt_at, finished_at)
    SELECT r.id, x.member_id, CASE WHEN x.missed THEN 'missed' ELSE 'pending' END, x.due_at,
           x.closes_at, x.remind_at, x.due_at, CASE WHEN x.missed THEN $1 END
    FROM UNNEST($9::bigint[], $10::timestamp[], $11::bigint[], $12::timestamptz[],
                $13::timestamptz[], $14::timestamptz[], $15::boolean[])
         AS x(schedule_id, local, member_id, due_at, closes_at, remind_at, missed)
    JOIN new_rounds r ON r.schedule_id = x.schedule_id AND r.occurrence_local = x.local
    ON CONFLICT (round_id, member_id) DO NOTHING
    RETURNING 1
), advance AS (  -- runs though unreferenced, as every data-modifying CTE does
    UPDATE schedules s SET next_local = x.next_local, next_due_at = x.next_due_at
    FROM UNNEST($16::bigint[], $17::timestamp[], $18::timestamp[], $19::timestamptz[])
         AS x(id, from_local, next_local, next_due_at)
    WHERE s.id = x.id AND s.next_local = x.from_local
)
SELECT (SELECT COUNT(*) FROM new_rounds WHERE status = 'open') AS opened,
       (SELECT COUNT(*) FROM new_rounds WHERE status = 'missed') AS missed,
       (SELECT COUNT(*) FROM new_deliveries) AS deliveries";

/// Runs one tick over at most `limit` due schedules in one transaction.
pub(super) async fn tick(
    pool: &PgPool,
    decode: &Decoders,
    now: DateTime<Utc>,
    limit: i64,
    planner: Planner<'_>,
) -> Result<TickReport, StoreError> {
    let mut tx = pool.begin().await?;
    let rows = sqlx::query(CLAIM)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    if rows.is_empty() {
        return Ok(TickReport::default());
    }
    let mut due: Vec<DueSchedule> = Vec::new();
    let mut participants: HashMap<i64, Vec<Participant>> = HashMap::new();
    for row in &rows {
        let id = row.int("id")?;
        if due.last().is_none_or(|last| last.id.0 != id) {
            due.push(due_from(row, decode)?);
        }
        if row.opt_int("member_id")?.is_some() {
            let participant = participant_from(row, "member_zone", decode)?;
            participants.entry(id).or_default().push(participant);
        }
    }
    let batch = Batch::plan(&due, &participants, planner);
    let report = write(&mut tx, now, &batch).await?;
    tx.commit().await?;
    Ok(report)
}

async fn write(
    tx: &mut sqlx::PgConnection,
    now: DateTime<Utc>,
    batch: &Batch<'_>,
) -> Result<TickReport, StoreError> {
    let (r, d, a) = (
        batch.round_columns(),
        batch.delivery_columns(),
        batch.advance_columns(),
    );
    let row = sqlx::query(WRITE)
        .bind(now)
        .bind(r.schedule_id)
        .bind(r.team_id)
        .bind(r.template_id)
        .bind(r.local)
        .bind(r.due_at)
        .bind(r.closes_at)
        .bind(r.missed)
        .bind(d.schedule_id)
        .bind(d.local)
        .bind(d.member_id)
        .bind(d.due_at)
        .bind(d.closes_at)
        .bind(d.remind_at)
        .bind(d.missed)
        .bind(a.id)
        .bind(a.from_local)
        .bind(a.next_local)
        .bind(a.next_due_at)
        .fetch_one(tx)
        .await?;
    Ok(TickReport {
        schedules: batch.schedules(),
        rounds_opened: count(row.int("opened")?),
        rounds_missed: count(row.int("missed")?),
        deliveries: count(row.int("deliveries")?),
    })
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}
