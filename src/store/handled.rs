//! Requests handled once: a state change made for a person's request (a Discord interaction, a
//! Slack view submission or block action) claims the request's id in the same transaction, so
//! the same request seen again — by another replica on an overlapping shard, or delivered again
//! by the platform — finds the id taken and changes nothing. The claim is the transaction's
//! first statement: on PostgreSQL a second claim of the same id waits for the first
//! transaction and finds the row when it commits (or takes it when it rolls back); SQLite has
//! one writer at a time anyway. Ids older than [`KEPT_FOR`] are pruned.

use chrono::{DateTime, Utc};

use super::tx::{Arg, Tx};
use super::{Store, StoreError, on_pool};
use crate::domain::ids::RequestId;

/// How long a handled request's id is kept: far longer than any platform delivers a request
/// again (Discord's interaction token lives 15 minutes; Slack retries within minutes).
pub const KEPT_FOR: chrono::Duration = chrono::Duration::days(1);

/// Claims a request id; touches no row when it was claimed already.
pub(super) const CLAIM: &str = "INSERT INTO handled_requests (id, handled_at) VALUES ($1, $2)
    ON CONFLICT (id) DO NOTHING";

/// Claims `request` (when there is one) in the open sqlx transaction `$tx`, or returns
/// [`StoreError::HandledElsewhere`] from the enclosing function when it was claimed already.
macro_rules! claim {
    ($tx:expr, $request:expr, $now:expr) => {
        if let Some(request) = $request {
            let claimed = sqlx::query($crate::store::handled::CLAIM)
                .bind(request.as_str())
                .bind($now)
                .execute(&mut *$tx)
                .await?
                .rows_affected();
            if claimed == 0 {
                return Err($crate::store::StoreError::HandledElsewhere);
            }
        }
    };
}
pub(crate) use claim;

/// Claims `request` (when there is one) in `tx`; false when it was claimed already.
pub(super) async fn claim_in(
    tx: &mut Tx,
    request: Option<&RequestId>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let Some(request) = request else {
        return Ok(true);
    };
    let args = [Arg::Text(request.as_str().to_owned()), Arg::Instant(now)];
    Ok(tx.execute(CLAIM, &args).await? == 1)
}

impl Store {
    /// Runs the one write statement `sql` with `args` in a transaction that first claims
    /// `request`; the rows the statement touched, or [`StoreError::HandledElsewhere`] (nothing
    /// written) when the request was claimed already.
    pub(super) async fn execute_once(
        &self,
        request: Option<&RequestId>,
        now: DateTime<Utc>,
        sql: &str,
        args: &[Arg],
    ) -> Result<u64, StoreError> {
        let mut tx = Tx::begin(&self.pool).await?;
        if !claim_in(&mut tx, request, now).await? {
            return Err(StoreError::HandledElsewhere);
        }
        let touched = tx.execute(sql, args).await?;
        tx.commit().await?;
        Ok(touched)
    }

    /// Whether a state change for `request` has been committed (here or by another replica).
    /// Only reads.
    pub async fn was_handled(&self, request: &RequestId) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM handled_requests WHERE id = $1";
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(request.as_str())
            .fetch_one(pool)
            .await)?;
        Ok(count > 0)
    }

    /// Forgets the ids of requests handled before `now` - [`KEPT_FOR`]; how many.
    pub async fn prune_handled_requests(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let sql = "DELETE FROM handled_requests WHERE handled_at < $1";
        let pruned = on_pool!(self, |pool| sqlx::query(sql)
            .bind(now - KEPT_FOR)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(pruned)
    }
}
