//! Files a member sent to import from chat, kept from the dry run until they confirm it (or the
//! files expire), so a restart in between loses nothing and a Confirm imports exactly what the
//! dry run showed. Deleted with the member.

use chrono::{DateTime, TimeDelta, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, PendingImportId};

/// How long an expired pending import is still recognised as expired (rather than unknown)
/// before it is purged.
const RECOGNISED_AFTER_EXPIRY: TimeDelta = TimeDelta::days(1);

/// A kept import: its files (name and text) and when it stops being kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingImport {
    /// Its id (what the Confirm button names).
    pub id: PendingImportId,
    /// The files as sent: name and text.
    pub files: Vec<(String, String)>,
    /// When the Confirm button stops working.
    pub expires_at: DateTime<Utc>,
}

impl Store {
    /// Keeps `files` for `member` until `expires_at` and returns the row id; purges pending
    /// imports that expired more than a day before `now`.
    pub async fn keep_pending_import(
        &self,
        member: MemberId,
        files: &[(String, String)],
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<PendingImportId, StoreError> {
        let files = serde_json::to_string(files).expect("pairs of strings");
        let insert = "INSERT INTO pending_imports (member_id, files, created_at, expires_at)
                      VALUES ($1, $2, $3, $4) RETURNING id";
        let purge = "DELETE FROM pending_imports WHERE expires_at < $1";
        on_pool!(self, |pool| {
            sqlx::query(purge)
                .bind(now - RECOGNISED_AFTER_EXPIRY)
                .execute(pool)
                .await?;
            let row = sqlx::query(insert)
                .bind(member.0)
                .bind(&files)
                .bind(now)
                .bind(expires_at)
                .fetch_one(pool)
                .await?;
            row.int("id").map(PendingImportId)
        })
    }

    /// The member's pending import `id`, expired or not; `None` when it is not theirs or gone.
    pub async fn pending_import(
        &self,
        id: PendingImportId,
        member: MemberId,
    ) -> Result<Option<PendingImport>, StoreError> {
        let sql = "SELECT files, expires_at FROM pending_imports WHERE id = $1 AND member_id = $2";
        let row = on_pool!(self, |pool| {
            let row = sqlx::query(sql)
                .bind(id.0)
                .bind(member.0)
                .fetch_optional(pool)
                .await?;
            row.map(|row| Ok::<_, StoreError>((row.text("files")?, row.instant("expires_at")?)))
                .transpose()?
        });
        let Some((files, expires_at)) = row else {
            return Ok(None);
        };
        let files = serde_json::from_str(&files).map_err(|e| StoreError::Corrupt {
            column: "files",
            problem: e.to_string(),
        })?;
        Ok(Some(PendingImport {
            id,
            files,
            expires_at,
        }))
    }

    /// Deletes the member's pending import `id`; whether it was there (a second Confirm, or a
    /// Confirm racing a Cancel, finds it gone).
    pub async fn drop_pending_import(
        &self,
        id: PendingImportId,
        member: MemberId,
    ) -> Result<bool, StoreError> {
        let sql = "DELETE FROM pending_imports WHERE id = $1 AND member_id = $2";
        on_pool!(self, |pool| {
            let done = sqlx::query(sql)
                .bind(id.0)
                .bind(member.0)
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// How many pending imports the member has (forget-me deletes them with the member).
    pub async fn pending_import_count(&self, member: MemberId) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) AS n FROM pending_imports WHERE member_id = $1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql).bind(member.0).fetch_one(pool).await?;
            row.int("n")
        })
    }
}
