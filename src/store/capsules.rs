//! Time capsules: sealed letters stored with the day they open; listed for their author (the
//! export reads the sealed text, nothing else does before the day), read back for the author's
//! recap once opened. Claiming due letters is in `capsule_claims`.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::handled::claim;
use super::rows::{BeginWrite, RowExt};
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{CapsuleId, DeliveryId, MemberId, RequestId, TeamId};

/// A letter to seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCapsule {
    /// The team.
    pub team: TeamId,
    /// Who wrote it.
    pub author: MemberId,
    /// The channel a team letter opens in; `None` for a letter to oneself.
    pub team_channel: Option<String>,
    /// The day it was written, on the author's clock.
    pub written_on: NaiveDate,
    /// The day it opens.
    pub open_on: NaiveDate,
    /// The instant it opens.
    pub opens_at: DateTime<Utc>,
    /// The letter, already checked.
    pub text: String,
    /// The answer it was written as (a year-end question), if it was.
    pub source: Option<(DeliveryId, String)>,
}

/// A stored letter, as its author lists or exports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCapsule {
    /// Row id.
    pub id: CapsuleId,
    /// Whether it is the team's (opened in a channel).
    pub team_wide: bool,
    /// The day it was written.
    pub written_on: NaiveDate,
    /// The day it opens.
    pub open_on: NaiveDate,
    /// The instant it opens.
    pub opens_at: DateTime<Utc>,
    /// The letter.
    pub text: String,
    /// When it was sent back, if it was.
    pub delivered_at: Option<DateTime<Utc>>,
}

pub(super) const COLUMNS: &str = "c.id, c.team_wide, c.written_on, c.open_on, c.opens_at, c.text, \
                       c.delivered_at";

impl Store {
    /// Seals a letter; its id. A letter written as an answer replaces the one that answer made.
    /// A `request` handled already is [`StoreError::HandledElsewhere`] (nothing written).
    pub async fn add_capsule(
        &self,
        capsule: &NewCapsule,
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<CapsuleId, StoreError> {
        let sql = "INSERT INTO capsules (team_id, author_id, team_wide, channel_id, written_on,
                       open_on, opens_at, text, delivery_id, question_id, created_at)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                   ON CONFLICT (delivery_id, question_id) DO UPDATE SET text = excluded.text,
                       open_on = excluded.open_on, opens_at = excluded.opens_at
                   RETURNING id";
        let (delivery, question) = match &capsule.source {
            Some((delivery, question)) => (Some(delivery.0), Some(question.as_str())),
            None => (None, None),
        };
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            claim!(tx, request, now);
            let row = sqlx::query(sql)
                .bind(capsule.team.0)
                .bind(capsule.author.0)
                .bind(capsule.team_channel.is_some())
                .bind(capsule.team_channel.as_deref())
                .bind(capsule.written_on)
                .bind(capsule.open_on)
                .bind(capsule.opens_at)
                .bind(&capsule.text)
                .bind(delivery)
                .bind(question)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let id = CapsuleId(row.int("id")?);
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Deletes `author`'s letter `id`; whether there was one.
    pub async fn delete_capsule(
        &self,
        author: MemberId,
        id: CapsuleId,
    ) -> Result<bool, StoreError> {
        let sql = "DELETE FROM capsules WHERE id = $1 AND author_id = $2";
        on_pool!(self, |pool| {
            let done = sqlx::query(sql)
                .bind(id.0)
                .bind(author.0)
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Where the team's letters open: the digest channel (else the channel) of its year-end
    /// schedule, else of its first schedule by name that has one.
    pub async fn team_letter_channel(&self, team: TeamId) -> Result<Option<String>, StoreError> {
        let sql = "SELECT COALESCE(s.digest_channel_id, s.channel_id) AS channel
                   FROM schedules s JOIN templates tp ON tp.id = s.template_id
                   WHERE s.team_id = $1
                     AND COALESCE(s.digest_channel_id, s.channel_id) IS NOT NULL
                   ORDER BY CASE WHEN tp.key = 'year-end' THEN 0 ELSE 1 END, s.name LIMIT 1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql).bind(team.0).fetch_optional(pool).await?;
            row.map(|row| row.text("channel")).transpose()
        })
    }

    /// Every letter `author` wrote, sealed or opened, by the day they open.
    pub async fn capsules_of(&self, author: MemberId) -> Result<Vec<StoredCapsule>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM capsules c WHERE c.author_id = $1 ORDER BY c.open_on, c.id"
        );
        on_pool!(self, |pool| {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(author.0)
                .fetch_all(pool)
                .await?;
            rows.iter().map(read).collect()
        })
    }

    /// `author`'s own letters opening from `from` to `to` (inclusive) that are open at `now`.
    pub async fn opened_capsules(
        &self,
        author: MemberId,
        (from, to): (NaiveDate, NaiveDate),
        now: DateTime<Utc>,
    ) -> Result<Vec<StoredCapsule>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM capsules c
             WHERE c.author_id = $1 AND NOT c.team_wide AND c.open_on >= $2 AND c.open_on <= $3
               AND c.opens_at <= $4
             ORDER BY c.open_on, c.id"
        );
        on_pool!(self, |pool| {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(author.0)
                .bind(from)
                .bind(to)
                .bind(now)
                .fetch_all(pool)
                .await?;
            rows.iter().map(read).collect()
        })
    }
}

pub(super) fn read<R>(row: &R) -> Result<StoredCapsule, StoreError>
where
    R: RowExt + Row,
    for<'r> NaiveDate: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
{
    let corrupt = |column: &'static str| {
        move |e: sqlx::Error| StoreError::Corrupt {
            column,
            problem: e.to_string(),
        }
    };
    Ok(StoredCapsule {
        id: CapsuleId(row.int("id")?),
        team_wide: row.try_get("team_wide").map_err(corrupt("team_wide"))?,
        written_on: row.try_get("written_on").map_err(corrupt("written_on"))?,
        open_on: row.try_get("open_on").map_err(corrupt("open_on"))?,
        opens_at: row.instant("opens_at")?,
        text: row.text("text")?,
        delivered_at: row.opt_instant("delivered_at")?,
    })
}
