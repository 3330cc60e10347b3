//! A sender's hold on its leased deliveries: renewing the leases it is still working through,
//! and marking a prompt in flight just before its request, under a lease it still holds.

use chrono::{DateTime, Utc};

use super::{Store, StoreError, on_pool};
use crate::domain::ids::DeliveryId;

impl Store {
    /// Extends to `until` the leases `owner` still holds on pending deliveries: how many.
    pub async fn renew_delivery_leases(
        &self,
        owner: &str,
        until: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let sql = "UPDATE deliveries SET lease_until = $2
                   WHERE leased_by = $1 AND status = 'pending'";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(owner)
                .bind(until)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(Into::into)
    }

    /// Marks the delivery `id` in flight at `now` and extends its lease to `until`, if `owner`
    /// still holds it and it is still pending: whether it may be sent. Once marked, a sender
    /// taking it over later (the send never settled) asks the platform before sending again.
    pub async fn mark_sending(
        &self,
        id: DeliveryId,
        owner: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE deliveries SET sending_at = COALESCE(sending_at, $3), lease_until = $4
                   WHERE id = $1 AND leased_by = $2 AND status = 'pending'";
        let marked = on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(id.0)
                .bind(owner)
                .bind(now)
                .bind(until)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(marked == 1)
    }
}
