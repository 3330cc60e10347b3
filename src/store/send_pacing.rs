//! The sending rate of a platform account shared by the replicas on PostgreSQL: a row per
//! account holds the next free slot, and each request books one atomically (one `UPDATE …
//! RETURNING`), so N replicas together keep the configured rate instead of N times it. Times
//! are the database's own (`now()`), so the replicas' clocks need not agree. SQLite serves one
//! running hoego, which paces itself in memory; these calls refuse there.

use std::time::Duration;

use super::{Pool, Store, StoreError};

/// Books the next slot no earlier than `$3` seconds from now and moves the account on by `$2`
/// seconds; the seconds to wait for the slot.
const BOOK: &str = "INSERT INTO send_pacing AS p (account, next_at)
    VALUES ($1, now() + make_interval(secs => $3) + make_interval(secs => $2))
    ON CONFLICT (account) DO UPDATE
      SET next_at = greatest(p.next_at, now() + make_interval(secs => $3))
                    + make_interval(secs => $2)
    RETURNING EXTRACT(EPOCH FROM (next_at - make_interval(secs => $2) - now()))::float8";

/// Holds every replica's sends back for `$2` seconds from now.
const HOLD: &str = "INSERT INTO send_pacing AS p (account, next_at)
    VALUES ($1, now() + make_interval(secs => $2))
    ON CONFLICT (account) DO UPDATE SET next_at = greatest(p.next_at, excluded.next_at)";

/// The seconds until the account's next free slot (0 when it is free now).
const WAIT: &str = "SELECT greatest(EXTRACT(EPOCH FROM (next_at - now())), 0)::float8
    FROM send_pacing WHERE account = $1";

impl Store {
    /// Books one request of `account`'s shared rate (one every `interval`), no earlier than
    /// `not_before` from now; how long to wait until it may go.
    pub async fn book_send_slot(
        &self,
        account: &str,
        interval: Duration,
        not_before: Duration,
    ) -> Result<Duration, StoreError> {
        let pool = self.shared_pacing()?;
        let wait: f64 = sqlx::query_scalar(BOOK)
            .bind(account)
            .bind(interval.as_secs_f64())
            .bind(not_before.as_secs_f64())
            .fetch_one(pool)
            .await?;
        Ok(Duration::from_secs_f64(wait.max(0.0)))
    }

    /// Holds every replica's requests of `account` back for `pause` (the platform said to slow
    /// down).
    pub async fn hold_send_slots(&self, account: &str, pause: Duration) -> Result<(), StoreError> {
        let pool = self.shared_pacing()?;
        sqlx::query(HOLD)
            .bind(account)
            .bind(pause.as_secs_f64())
            .execute(pool)
            .await?;
        Ok(())
    }

    /// How long `account`'s next request would wait for the shared rate or a back-off, without
    /// booking anything.
    pub async fn send_slot_wait(&self, account: &str) -> Result<Duration, StoreError> {
        let pool = self.shared_pacing()?;
        let wait: Option<f64> = sqlx::query_scalar(WAIT)
            .bind(account)
            .fetch_optional(pool)
            .await?;
        Ok(Duration::from_secs_f64(wait.unwrap_or(0.0).max(0.0)))
    }

    fn shared_pacing(&self) -> Result<&sqlx::PgPool, StoreError> {
        match &self.pool {
            Pool::Postgres(pool) => Ok(pool),
            Pool::Sqlite(_) => Err(StoreError::Refused(
                "shared pacing needs PostgreSQL; SQLite paces its one replica in memory".into(),
            )),
        }
    }
}
