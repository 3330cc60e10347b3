//! Reading rounds and deliveries back: participation views for admins and recaps.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{DeliveryId, MemberId, RoundId, ScheduleId, TeamId};
use crate::domain::state::{DeliveryStatus, RoundStatus};

/// A round as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundView {
    /// The round.
    pub id: RoundId,
    /// Its schedule (`None` for one-off or removed schedules).
    pub schedule_id: Option<ScheduleId>,
    /// The local wall-clock occurrence.
    pub occurrence_local: NaiveDateTime,
    /// Due instant.
    pub due_at: DateTime<Utc>,
    /// Closing instant.
    pub closes_at: DateTime<Utc>,
    /// Open, closed or missed.
    pub status: RoundStatus,
}

/// A delivery as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryView {
    /// The delivery.
    pub id: DeliveryId,
    /// Its round.
    pub round_id: RoundId,
    /// Who was asked.
    pub member_id: MemberId,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// Failed attempts.
    pub attempts: i64,
    /// The next attempt.
    pub next_attempt_at: DateTime<Utc>,
    /// The last error kept.
    pub last_error: Option<String>,
    /// The platform's message id once sent.
    pub platform_message_id: Option<String>,
    /// When the reminder went out.
    pub reminded_at: Option<DateTime<Utc>>,
}

impl Store {
    /// A team's rounds, oldest first.
    pub async fn rounds_of_team(&self, team: TeamId) -> Result<Vec<RoundView>, StoreError> {
        let sql = "SELECT id, schedule_id, occurrence_local, due_at, closes_at, status FROM rounds
                   WHERE team_id = $1 ORDER BY due_at, id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(team.0).fetch_all(pool).await?;
            rows.iter().map(round_from).collect()
        })
    }

    /// A team's deliveries, by round then member.
    pub async fn deliveries_of_team(&self, team: TeamId) -> Result<Vec<DeliveryView>, StoreError> {
        let sql = "SELECT d.id, d.round_id, d.member_id, d.status, d.due_at, d.attempts, d.next_attempt_at,
                          d.last_error, d.platform_message_id, d.reminded_at
                   FROM deliveries d JOIN rounds r ON r.id = d.round_id
                   WHERE r.team_id = $1 ORDER BY r.due_at, d.round_id, d.member_id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(team.0).fetch_all(pool).await?;
            rows.iter().map(delivery_from).collect()
        })
    }
}

fn round_from(row: &impl RowExt) -> Result<RoundView, StoreError> {
    Ok(RoundView {
        id: RoundId(row.int("id")?),
        schedule_id: row.opt_int("schedule_id")?.map(ScheduleId),
        occurrence_local: row.local("occurrence_local")?,
        due_at: row.instant("due_at")?,
        closes_at: row.instant("closes_at")?,
        status: row.word("status")?,
    })
}

fn delivery_from(row: &impl RowExt) -> Result<DeliveryView, StoreError> {
    Ok(DeliveryView {
        id: DeliveryId(row.int("id")?),
        round_id: RoundId(row.int("round_id")?),
        member_id: MemberId(row.int("member_id")?),
        status: row.word("status")?,
        due_at: row.instant("due_at")?,
        attempts: row.int("attempts")?,
        next_attempt_at: row.instant("next_attempt_at")?,
        last_error: row.opt_text("last_error")?,
        platform_message_id: row.opt_text("platform_message_id")?,
        reminded_at: row.opt_instant("reminded_at")?,
    })
}
