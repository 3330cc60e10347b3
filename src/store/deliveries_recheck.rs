//! Putting back a delivery that may already be on the platform (its earlier lease ran out, so
//! the sender that held it may have posted it): it stays stranded, so whichever sender takes it
//! next asks the platform again before posting.

use chrono::{DateTime, Utc};

use super::{Store, StoreError, on_pool};
use crate::domain::ids::DeliveryId;

impl Store {
    /// Puts a stranded delivery back for a later attempt at `at`, leased until that same
    /// instant, its send still marked in flight: the claim then hands it back stranded.
    /// `count_attempt` is false for rate limits.
    pub async fn recheck_delivery(
        &self,
        id: DeliveryId,
        at: DateTime<Utc>,
        count_attempt: bool,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE deliveries SET next_attempt_at = $2, lease_until = $2,
                          attempts = attempts + $3, last_error = COALESCE($4, last_error)
                   WHERE id = $1 AND status = 'pending'";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(id.0)
                .bind(at)
                .bind(i32::from(count_attempt))
                .bind(error)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }
}
