//! The written summary's rows: a team's opt-in, and checked summaries cached by the hash of
//! their request's inputs, with the members each one cites (forget-me deletes those).

use chrono::{DateTime, Utc};

use super::rows::{BeginWrite, RowExt};
use super::{Dialect, Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, TeamId};

/// A summary to keep: what it was written from (its hash), what it says, whom it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRecord {
    /// The team.
    pub team: TeamId,
    /// The hash of the request's inputs.
    pub input_hash: String,
    /// The checked summary (JSON).
    pub body: String,
    /// The members whose answers it cites by name, or the reader whose own recap it is.
    pub cites: Vec<MemberId>,
    /// Whether it cites an anonymous answer (whose author is not recorded).
    pub cites_anonymous: bool,
}

impl Store {
    /// Whether (and since when) the team turned summaries on.
    pub async fn summary_opt_in(&self, team: TeamId) -> Result<Option<DateTime<Utc>>, StoreError> {
        let sql = "SELECT turned_on_at FROM summary_opt_ins WHERE team_id = $1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql).bind(team.0).fetch_optional(pool).await?;
            row.map(|row| row.instant("turned_on_at")).transpose()
        })
    }

    /// Turns the team's summaries on (by `member`, at `now`) or off.
    pub async fn set_summary_opt_in(
        &self,
        team: TeamId,
        member: MemberId,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let on_sql = "INSERT INTO summary_opt_ins (team_id, turned_on_by, turned_on_at)
                      VALUES ($1, $2, $3) ON CONFLICT (team_id) DO NOTHING";
        let off_sql = "DELETE FROM summary_opt_ins WHERE team_id = $1";
        on_pool!(self, |pool| {
            if on {
                let query = sqlx::query(on_sql).bind(team.0).bind(member.0).bind(now);
                query.execute(pool).await?;
            } else {
                sqlx::query(off_sql).bind(team.0).execute(pool).await?;
            }
            Ok(())
        })
    }

    /// The cached summary written from inputs with this hash, if any.
    pub async fn cached_summary(
        &self,
        team: TeamId,
        input_hash: &str,
    ) -> Result<Option<String>, StoreError> {
        let sql = "SELECT body FROM summaries WHERE team_id = $1 AND input_hash = $2";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql)
                .bind(team.0)
                .bind(input_hash)
                .fetch_optional(pool)
                .await?;
            row.map(|row| row.text("body")).transpose()
        })
    }

    /// Counts a summary the team asks the model for at `now`, unless it asked `per_hour` in the
    /// hour before (`false` then, and nothing counted). Counted in the database with the team's
    /// row locked on PostgreSQL (SQLite lets one writer in at a time), so every replica keeps
    /// to one count.
    pub async fn count_summary_request(
        &self,
        team: TeamId,
        per_hour: usize,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let lock_team = "SELECT id FROM teams WHERE id = $1 FOR UPDATE";
        let forget_old = "DELETE FROM summary_requests WHERE team_id = $1 AND asked_at <= $2";
        let count = "SELECT COUNT(*) FROM summary_requests WHERE team_id = $1";
        let insert = "INSERT INTO summary_requests (team_id, asked_at) VALUES ($1, $2)";
        let lock = self.dialect() == Dialect::Postgres;
        let hour_ago = now - chrono::TimeDelta::hours(1);
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            if lock {
                sqlx::query(lock_team)
                    .bind(team.0)
                    .execute(&mut *tx)
                    .await?;
            }
            let old = sqlx::query(forget_old).bind(team.0).bind(hour_ago);
            old.execute(&mut *tx).await?;
            let asked: i64 = sqlx::query_scalar(count)
                .bind(team.0)
                .fetch_one(&mut *tx)
                .await?;
            let within = usize::try_from(asked).unwrap_or(usize::MAX) < per_hour;
            if within {
                let query = sqlx::query(insert).bind(team.0).bind(now);
                query.execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(within)
        })
    }

    /// Keeps a checked summary (a second one for the same inputs is not kept).
    pub async fn keep_summary(
        &self,
        record: &SummaryRecord,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let insert =
            "INSERT INTO summaries (team_id, input_hash, cites_anonymous, body, created_at)
                      VALUES ($1, $2, $3, $4, $5)
                      ON CONFLICT (team_id, input_hash) DO NOTHING RETURNING id";
        let cite = "INSERT INTO summary_members (summary_id, member_id) VALUES ($1, $2)
                    ON CONFLICT DO NOTHING";
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let row = sqlx::query(insert)
                .bind(record.team.0)
                .bind(&record.input_hash)
                .bind(i64::from(record.cites_anonymous))
                .bind(&record.body)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(row) = row {
                let id = row.int("id")?;
                for member in &record.cites {
                    let query = sqlx::query(cite).bind(id).bind(member.0);
                    query.execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// The ids of the team's members shown under `name` (names are how recaps attribute lines).
    pub async fn members_named(
        &self,
        team: TeamId,
        name: &str,
    ) -> Result<Vec<MemberId>, StoreError> {
        let sql = "SELECT id FROM members WHERE team_id = $1 AND display_name = $2";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(name)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| row.int("id").map(MemberId))
                .collect::<Result<Vec<_>, _>>()
        })
    }

    /// How many summaries are cached for the team (for tests and the operator).
    pub async fn cached_summaries(&self, team: TeamId) -> Result<u64, StoreError> {
        let sql = "SELECT COUNT(*) AS n FROM summaries WHERE team_id = $1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql).bind(team.0).fetch_one(pool).await?;
            row.int("n").map(|n| u64::try_from(n).unwrap_or(0))
        })
    }
}
