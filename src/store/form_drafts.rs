//! Pages of a form asked in several pieces, kept in the database until the last page submits
//! the whole form (or they expire), so a restart between pages loses nothing typed.

use chrono::{DateTime, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::DeliveryId;

/// The answers of a form's earlier pages, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDraft {
    /// (question id, text) pairs, in the order they were first typed.
    pub answers: Vec<(String, String)>,
    /// When the pages stop being kept.
    pub expires_at: DateTime<Utc>,
}

/// Most forms one member keeps pages of at once.
pub const DRAFTS_PER_MEMBER: i64 = 5;

/// Forgets the drafts of the member of delivery `$1` that have `$2` newer ones: the draft just
/// kept (`$1`) counts as the newest and stays; the others rank by expiry, then by id.
const BOUND: &str = "DELETE FROM form_drafts WHERE delivery_id IN (
      SELECT f.delivery_id FROM form_drafts f JOIN deliveries d ON d.id = f.delivery_id
      WHERE d.member_id = (SELECT member_id FROM deliveries WHERE id = $1)
        AND f.delivery_id <> $1
        AND (SELECT COUNT(*) FROM form_drafts f2 JOIN deliveries d2 ON d2.id = f2.delivery_id
             WHERE d2.member_id = d.member_id
               AND (f2.delivery_id = $1 OR f2.expires_at > f.expires_at
                    OR (f2.expires_at = f.expires_at AND f2.delivery_id > f.delivery_id))) >= $2)";

impl Store {
    /// The kept pages of a delivery's form, expired or not.
    pub async fn form_draft(&self, delivery: DeliveryId) -> Result<Option<FormDraft>, StoreError> {
        let sql = "SELECT answers, expires_at FROM form_drafts WHERE delivery_id = $1";
        let row = on_pool!(self, |pool| {
            let row = sqlx::query(sql)
                .bind(delivery.0)
                .fetch_optional(pool)
                .await?;
            row.map(|row| Ok::<_, StoreError>((row.text("answers")?, row.instant("expires_at")?)))
                .transpose()?
        });
        let Some((answers, expires_at)) = row else {
            return Ok(None);
        };
        let answers = serde_json::from_str(&answers).map_err(|e| StoreError::Corrupt {
            column: "answers",
            problem: e.to_string(),
        })?;
        Ok(Some(FormDraft {
            answers,
            expires_at,
        }))
    }

    /// Keeps `draft` as the pages of a delivery's form (replacing what was kept), forgets every
    /// other draft that expired before `now`, and keeps at most [`DRAFTS_PER_MEMBER`] of the
    /// delivery's member (the ones expiring first go).
    pub async fn keep_form_draft(
        &self,
        delivery: DeliveryId,
        draft: &FormDraft,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let answers = serde_json::to_string(&draft.answers).expect("pairs of strings");
        let upsert =
            "INSERT INTO form_drafts (delivery_id, answers, expires_at) VALUES ($1, $2, $3)
                      ON CONFLICT (delivery_id)
                      DO UPDATE SET answers = excluded.answers, expires_at = excluded.expires_at";
        let purge = "DELETE FROM form_drafts WHERE expires_at < $1";
        on_pool!(self, |pool| {
            sqlx::query(upsert)
                .bind(delivery.0)
                .bind(answers)
                .bind(draft.expires_at)
                .execute(pool)
                .await?;
            sqlx::query(purge).bind(now).execute(pool).await?;
            sqlx::query(BOUND)
                .bind(delivery.0)
                .bind(DRAFTS_PER_MEMBER)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Forgets the kept pages of a delivery's form.
    pub async fn drop_form_draft(&self, delivery: DeliveryId) -> Result<(), StoreError> {
        let sql = "DELETE FROM form_drafts WHERE delivery_id = $1";
        on_pool!(self, |pool| {
            sqlx::query(sql).bind(delivery.0).execute(pool).await?;
            Ok(())
        })
    }
}
