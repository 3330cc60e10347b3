//! Closing rounds whose answer window ended: open deliveries become missed, the round closed.

use chrono::{DateTime, Utc};

use super::rows::{BeginWrite, RowExt};
use super::{Store, StoreError, on_pool};
use crate::domain::ids::RoundId;

impl Store {
    /// Marks ended deliveries missed and closes ended rounds, returning the rounds this call
    /// closed (a round is returned by exactly one caller, however many run at once) and how many
    /// deliveries were missed.
    pub async fn close_ended_rounds(
        &self,
        now: DateTime<Utc>,
    ) -> Result<(Vec<RoundId>, u64), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let missed = sqlx::query(
                "UPDATE deliveries SET status = 'missed', finished_at = $1, lease_until = NULL
                 WHERE status IN ('pending', 'sent') AND closes_at <= $1",
            )
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let rows = sqlx::query(
                "UPDATE rounds SET status = 'closed', closed_at = $1
                 WHERE status = 'open' AND closes_at <= $1 RETURNING id",
            )
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            let closed = rows
                .iter()
                .map(|r| r.int("id").map(RoundId))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((closed, missed))
        })
    }
}
