//! A member's tracked resolutions: listing them in a stable order and recording a follow-up.

use chrono::{DateTime, Utc};

use super::handled::claim;
use super::rows::BeginWrite;
use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RequestId, ResolutionId, RoundId};
use crate::domain::state::ResolutionStatus;
use crate::domain::visibility::Visibility;

/// A resolution as its owner lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionItem {
    /// Row id.
    pub id: ResolutionId,
    /// What was resolved.
    pub text: String,
    /// Where it stands.
    pub status: ResolutionStatus,
    /// The note of its latest follow-up, if any.
    pub note: Option<String>,
}

/// A resolution still to follow up, for a quarterly round's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenResolution {
    /// Row id.
    pub id: ResolutionId,
    /// What was resolved.
    pub text: String,
    /// Who may read it (its follow-up keeps the same).
    pub visibility: Visibility,
}

impl Store {
    /// The member's resolutions set before `before` that are neither done nor dropped, oldest
    /// first.
    pub async fn open_resolutions(
        &self,
        member: MemberId,
        before: DateTime<Utc>,
    ) -> Result<Vec<OpenResolution>, StoreError> {
        let sql = "SELECT id, text, visibility FROM resolutions
                   WHERE member_id = $1 AND created_at < $2
                     AND status IN ('open', 'on_track', 'changed')
                   ORDER BY created_at, position, id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(member.0)
                .bind(before)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(OpenResolution {
                        id: ResolutionId(row.int("id")?),
                        text: row.text("text")?,
                        visibility: row.word("visibility")?,
                    })
                })
                .collect()
        })
    }

    /// The follow-ups the member gave in `round`: resolution, status, note.
    pub async fn round_follow_ups(
        &self,
        member: MemberId,
        round: RoundId,
    ) -> Result<Vec<(ResolutionId, ResolutionStatus, String)>, StoreError> {
        let sql = "SELECT f.resolution_id, f.status, f.note FROM resolution_followups f
                   JOIN resolutions r ON r.id = f.resolution_id
                   WHERE r.member_id = $1 AND f.round_id = $2 ORDER BY f.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(member.0)
                .bind(round.0)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok((
                        ResolutionId(row.int("resolution_id")?),
                        row.word("status")?,
                        row.text("note")?,
                    ))
                })
                .collect()
        })
    }

    /// The member's resolutions, oldest first (the numbering `resolutions set <n>` uses).
    pub async fn resolution_items(
        &self,
        member: MemberId,
    ) -> Result<Vec<ResolutionItem>, StoreError> {
        let sql = "SELECT r.id, r.text, r.status,
                       (SELECT f.note FROM resolution_followups f WHERE f.resolution_id = r.id
                        ORDER BY f.id DESC LIMIT 1) AS note
                   FROM resolutions r WHERE r.member_id = $1
                   ORDER BY r.created_at, r.position, r.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(member.0).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(ResolutionItem {
                        id: ResolutionId(row.int("id")?),
                        text: row.text("text")?,
                        status: row.word("status")?,
                        note: row.opt_text("note")?.filter(|n| !n.is_empty()),
                    })
                })
                .collect()
        })
    }

    /// Records how a resolution is going: its new status, and a follow-up with the note. A
    /// `request` handled already is [`StoreError::HandledElsewhere`] (nothing written).
    pub async fn follow_up_resolution(
        &self,
        resolution: ResolutionId,
        (status, note): (ResolutionStatus, &str),
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<(), StoreError> {
        let update = "UPDATE resolutions SET status = $2, updated_at = $3 WHERE id = $1";
        let follow_up = "INSERT INTO resolution_followups (resolution_id, status, note, created_at)
                         VALUES ($1, $2, $4, $3)";
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            claim!(tx, request, now);
            for sql in [update, follow_up] {
                sqlx::query(sql)
                    .bind(resolution.0)
                    .bind(status.as_str())
                    .bind(now)
                    .bind(note)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }
}
