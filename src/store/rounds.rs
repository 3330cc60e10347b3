//! Rounds and their deliveries.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Store, StoreError, on_pool};
use crate::domain::ids::{DeliveryId, MemberId, RoundId, ScheduleId, TeamId, TemplateVersionId};

/// A round to create.
#[derive(Debug, Clone)]
pub struct NewRound {
    /// The team.
    pub team_id: TeamId,
    /// The schedule, or `None` for a one-off round.
    pub schedule_id: Option<ScheduleId>,
    /// The template version asked.
    pub template_id: TemplateVersionId,
    /// The occurrence as local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// When it is due (the earliest delivery).
    pub due_at: DateTime<Utc>,
    /// When its window closes (the latest delivery).
    pub closes_at: DateTime<Utc>,
}

/// A delivery to create.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    /// The round.
    pub round_id: RoundId,
    /// Who is asked.
    pub member_id: MemberId,
    /// When the prompt is due in the member's zone.
    pub due_at: DateTime<Utc>,
    /// When the member's window closes.
    pub closes_at: DateTime<Utc>,
    /// When the reminder is due, if any.
    pub remind_at: Option<DateTime<Utc>>,
}

/// One round, open: the statement every single-round write uses (a scheduled tick writes its
/// batches in `scheduling_pg`/`scheduling_sqlite`, an import in `import::rounds`).
pub(super) const INSERT_ROUND: &str =
    "INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at, closes_at,
                         created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

/// One pending delivery, first attempted when it is due.
pub(super) const INSERT_DELIVERY: &str =
    "INSERT INTO deliveries (round_id, member_id, due_at, closes_at, remind_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $3) RETURNING id";

impl Store {
    /// Inserts a round; the database refuses a second one for the same (schedule, occurrence)
    /// with [`StoreError::Conflict`].
    pub async fn insert_round(
        &self,
        round: &NewRound,
        now: DateTime<Utc>,
    ) -> Result<RoundId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(INSERT_ROUND)
                .bind(round.team_id.0)
                .bind(round.schedule_id.map(|s| s.0))
                .bind(round.template_id.0)
                .bind(round.occurrence_local)
                .bind(round.due_at)
                .bind(round.closes_at)
                .bind(now)
                .fetch_one(pool)
                .await
        })?;
        Ok(RoundId(id))
    }

    /// Inserts a delivery; the database refuses a second one for the same (round, member) with
    /// [`StoreError::Conflict`].
    pub async fn insert_delivery(&self, delivery: &NewDelivery) -> Result<DeliveryId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(INSERT_DELIVERY)
                .bind(delivery.round_id.0)
                .bind(delivery.member_id.0)
                .bind(delivery.due_at)
                .bind(delivery.closes_at)
                .bind(delivery.remind_at)
                .fetch_one(pool)
                .await
        })?;
        Ok(DeliveryId(id))
    }
}
