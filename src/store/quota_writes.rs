//! Writes held to a team's quota: a new schedule (with its first participants) and a run-now
//! round are counted and written in one transaction, with the team's row locked on PostgreSQL
//! (SQLite's `BEGIN IMMEDIATE` already lets one writer in at a time), so two requests at once,
//! from one process or several, cannot both pass the limit.

use chrono::{DateTime, Utc};

use super::handled::claim;
use super::rounds::INSERT_DELIVERY;
use super::rows::BeginWrite;
use super::schedules::INSERT_SCHEDULE;
use super::{Dialect, NewRound, NewSchedule, PlannedDelivery, Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RequestId, RoundId, ScheduleId};

/// What a write held to a quota did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within<T> {
    /// Written.
    Done(T),
    /// Refused, nothing written: the team already has `count` (schedules, or run-now rounds
    /// since the start of the span, the oldest of them opened at `oldest`).
    Full {
        /// How many the team has.
        count: i64,
        /// When the oldest counted one was made (run-now rounds only).
        oldest: Option<DateTime<Utc>>,
    },
}

const LOCK_TEAM: &str = "SELECT id FROM teams WHERE id = $1 FOR UPDATE";

const COUNT_SCHEDULES: &str = "SELECT COUNT(*) FROM schedules WHERE team_id = $1";

const INSERT_PARTICIPANT: &str =
    "INSERT INTO schedule_participants (schedule_id, member_id, added_at) VALUES ($1, $2, $3)
     ON CONFLICT (schedule_id, member_id) DO NOTHING";

const COUNT_RUN_NOW: &str = "SELECT COUNT(*), MIN(created_at) FROM rounds
     WHERE team_id = $1 AND run_now AND created_at > $2";

const INSERT_RUN_NOW_ROUND: &str =
    "INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at, closes_at,
                         created_at, run_now)
     VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE) RETURNING id";

impl Store {
    /// Creates `schedule` with `participants`, unless its team has `limit` schedules already.
    /// A name the team uses already is [`StoreError::Conflict`], and a `request` handled
    /// already is [`StoreError::HandledElsewhere`]; nothing is written then.
    pub async fn create_schedule_within(
        &self,
        schedule: &NewSchedule,
        participants: &[MemberId],
        limit: i64,
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<Within<ScheduleId>, StoreError> {
        let lock = self.dialect() == Dialect::Postgres;
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            claim!(tx, request, now);
            if lock {
                sqlx::query(LOCK_TEAM)
                    .bind(schedule.team_id.0)
                    .execute(&mut *tx)
                    .await?;
            }
            let count: i64 = sqlx::query_scalar(COUNT_SCHEDULES)
                .bind(schedule.team_id.0)
                .fetch_one(&mut *tx)
                .await?;
            if count >= limit {
                return Ok(Within::Full {
                    count,
                    oldest: None,
                });
            }
            let id: i64 = sqlx::query_scalar(INSERT_SCHEDULE)
                .bind(schedule.team_id.0)
                .bind(&schedule.name)
                .bind(schedule.template_id.0)
                .bind(&schedule.cron)
                .bind(&schedule.time_zone)
                .bind(&schedule.channel_id)
                .bind(&schedule.digest_channel_id)
                .bind(schedule.window_secs)
                .bind(schedule.reminder_percent)
                .bind(schedule.grace_secs)
                .bind(schedule.next_local)
                .bind(schedule.next_due_at)
                .bind(now)
                .bind(schedule.digest_group.as_str())
                .fetch_one(&mut *tx)
                .await?;
            for member in participants {
                sqlx::query(INSERT_PARTICIPANT)
                    .bind(id)
                    .bind(member.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(Within::Done(ScheduleId(id)))
        })
    }

    /// Opens a run-now round with its deliveries, unless its team opened `limit` run-now rounds
    /// after `since`. A second round of one schedule for the same instant is
    /// [`StoreError::Conflict`], and a `request` handled already is
    /// [`StoreError::HandledElsewhere`]; nothing is written then.
    pub async fn open_run_now_round(
        &self,
        round: &NewRound,
        deliveries: &[PlannedDelivery],
        (limit, since): (i64, DateTime<Utc>),
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<Within<RoundId>, StoreError> {
        let lock = self.dialect() == Dialect::Postgres;
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            claim!(tx, request, now);
            if lock {
                sqlx::query(LOCK_TEAM)
                    .bind(round.team_id.0)
                    .execute(&mut *tx)
                    .await?;
            }
            let (count, oldest): (i64, Option<DateTime<Utc>>) = sqlx::query_as(COUNT_RUN_NOW)
                .bind(round.team_id.0)
                .bind(since)
                .fetch_one(&mut *tx)
                .await?;
            if count >= limit {
                return Ok(Within::Full { count, oldest });
            }
            let id: i64 = sqlx::query_scalar(INSERT_RUN_NOW_ROUND)
                .bind(round.team_id.0)
                .bind(round.schedule_id.map(|s| s.0))
                .bind(round.template_id.0)
                .bind(round.occurrence_local)
                .bind(round.due_at)
                .bind(round.closes_at)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            for delivery in deliveries {
                sqlx::query(INSERT_DELIVERY)
                    .bind(id)
                    .bind(delivery.member_id.0)
                    .bind(delivery.due_at)
                    .bind(delivery.closes_at)
                    .bind(delivery.remind_at)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(Within::Done(RoundId(id)))
        })
    }
}
