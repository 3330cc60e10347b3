//! A sender's claim on due letters: leased like deliveries (PostgreSQL skips a letter another
//! sender is claiming), recorded sent once the platform took it, so each is sent once across
//! restarts and replicas; given up when the platform will never take it.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::capsules::{COLUMNS, read};
use super::rows::{BeginWrite, RowExt};
use super::{Dialect, Store, StoreError, on_pool};
use crate::domain::ids::CapsuleId;
use crate::domain::lang::Lang;
use crate::domain::zone::ZoneName;

use super::capsules::StoredCapsule;

/// Most sends of one letter tried before it is left unsent (it still shows in recaps).
pub const CAPSULE_ATTEMPTS: i64 = 5;

/// A due letter claimed by a sender, with where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCapsule {
    /// The letter.
    pub letter: StoredCapsule,
    /// The author's platform user id.
    pub user_id: String,
    /// The author's name (a team letter is signed with it).
    pub author_name: String,
    /// The author's cached DM channel.
    pub dm_channel: Option<String>,
    /// The channel a team letter opens in.
    pub channel: Option<String>,
    /// The author's language.
    pub lang: Lang,
    /// The author's zone, or the team's.
    pub zone: ZoneName,
}

impl Store {
    /// Leases to `owner` until `until` up to `limit` letters due at `now` that no one has sent
    /// or holds, and returns them. PostgreSQL skips letters another sender is claiming.
    pub async fn claim_capsules(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueCapsule>, StoreError> {
        let claim = claim_sql(self.dialect());
        let details = format!(
            "SELECT {COLUMNS}, c.channel_id, m.user_id, m.display_name, m.dm_channel_id, m.language,
                    m.time_zone AS member_zone, t.time_zone AS team_zone
             FROM capsules c JOIN members m ON m.id = c.author_id JOIN teams t ON t.id = c.team_id
             WHERE c.id = $1"
        );
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let ids = sqlx::query(claim)
                .bind(now)
                .bind(owner)
                .bind(until)
                .bind(limit)
                .bind(CAPSULE_ATTEMPTS)
                .fetch_all(&mut *tx)
                .await?;
            let mut due = Vec::with_capacity(ids.len());
            for id in &ids {
                let row = sqlx::query(sqlx::AssertSqlSafe(details.clone()))
                    .bind(id.int("id")?)
                    .fetch_one(&mut *tx)
                    .await?;
                due.push(read_due(&row)?);
            }
            tx.commit().await?;
            due.sort_by_key(|d| (d.letter.opens_at, d.letter.id));
            Ok(due)
        })
    }

    /// Records the letter `id` as sent at `now`, if `owner` still holds it: whether it did.
    pub async fn capsule_delivered(
        &self,
        id: CapsuleId,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE capsules SET delivered_at = $3, leased_by = NULL, lease_until = NULL
                   WHERE id = $1 AND leased_by = $2 AND delivered_at IS NULL";
        on_pool!(self, |pool| {
            let done = sqlx::query(sql)
                .bind(id.0)
                .bind(owner)
                .bind(now)
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Gives up sending the letter `id` (the platform will never take it).
    pub async fn capsule_undeliverable(&self, id: CapsuleId) -> Result<(), StoreError> {
        let sql = "UPDATE capsules SET attempts = $2, leased_by = NULL, lease_until = NULL
                   WHERE id = $1 AND delivered_at IS NULL";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(id.0)
                .bind(CAPSULE_ATTEMPTS)
                .execute(pool)
                .await
                .map(|_| ())
        })
        .map_err(Into::into)
    }
}

/// Leases (`$2` owner, `$3` until) up to `$4` letters due at `$1` tried fewer than `$5` times.
fn claim_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "UPDATE capsules SET leased_by = $2, lease_until = $3, attempts = attempts + 1
             WHERE id IN (SELECT id FROM capsules
                          WHERE delivered_at IS NULL AND opens_at <= $1 AND attempts < $5
                            AND (lease_until IS NULL OR lease_until < $1)
                          ORDER BY opens_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
             RETURNING id"
        }
        Dialect::Sqlite => {
            "UPDATE capsules SET leased_by = $2, lease_until = $3, attempts = attempts + 1
             WHERE id IN (SELECT id FROM capsules
                          WHERE delivered_at IS NULL AND opens_at <= $1 AND attempts < $5
                            AND (lease_until IS NULL OR lease_until < $1)
                          ORDER BY opens_at, id LIMIT $4)
             RETURNING id"
        }
    }
}

fn read_due<R>(row: &R) -> Result<DueCapsule, StoreError>
where
    R: RowExt + Row,
    for<'r> NaiveDate: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let team_zone = row
        .opt_zone("team_zone")?
        .ok_or_else(|| StoreError::Corrupt {
            column: "team_zone",
            problem: "no zone".into(),
        })?;
    Ok(DueCapsule {
        letter: read(row)?,
        user_id: row.text("user_id")?,
        author_name: row.text("display_name")?,
        dm_channel: row.opt_text("dm_channel_id")?,
        channel: row.opt_text("channel_id")?,
        lang: row.lang("language")?,
        zone: row.opt_zone("member_zone")?.unwrap_or(team_zone),
    })
}
