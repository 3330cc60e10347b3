//! Milestones: a member's own turning points and the team's, stored with their date, text and
//! who may see them; listed for one reader (the team's and their own), removed, shared.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::handled::claim;
use super::rows::{BeginWrite, RowExt};
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RequestId, TeamId};
use crate::domain::visibility::Visibility;

/// A milestone to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMilestone {
    /// The team it belongs to.
    pub team: TeamId,
    /// Who added it.
    pub author: MemberId,
    /// Whether it is the whole team's (seen by every member) rather than the author's own.
    pub team_wide: bool,
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened, already checked (not empty, at most 200 characters).
    pub text: String,
    /// Who may see it: `Private` or `Team` (a team-wide one is always `Team`).
    pub visibility: Visibility,
}

/// A stored milestone as a reader lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMilestone {
    /// Row id.
    pub id: i64,
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    pub text: String,
    /// Whether it is the whole team's.
    pub team_wide: bool,
    /// Who may see it.
    pub visibility: Visibility,
    /// Who added it.
    pub author: MemberId,
    /// Their display name.
    pub author_name: String,
}

/// The columns a [`StoredMilestone`] is read from, and the join that names the author.
macro_rules! select_milestones {
    ($where:literal) => {
        concat!(
            "SELECT m.id, m.on_date, m.text, m.team_wide, m.visibility, m.author_id,
                    p.display_name
             FROM milestones m JOIN members p ON p.id = m.author_id WHERE ",
            $where,
            " ORDER BY m.on_date, m.id"
        )
    };
}

impl Store {
    /// Stores a milestone and returns its id. A `request` handled already is
    /// [`StoreError::HandledElsewhere`] (nothing written).
    pub async fn add_milestone(
        &self,
        milestone: &NewMilestone,
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO milestones
                       (team_id, author_id, team_wide, on_date, text, visibility, created_at)
                   VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            claim!(tx, request, now);
            let row = sqlx::query(sql)
                .bind(milestone.team.0)
                .bind(milestone.author.0)
                .bind(milestone.team_wide)
                .bind(milestone.date)
                .bind(&milestone.text)
                .bind(milestone.visibility.as_str())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let id = row.int("id")?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// The milestones `reader` may see in `team`: the team's and their own, by date.
    pub async fn visible_milestones(
        &self,
        team: TeamId,
        reader: MemberId,
    ) -> Result<Vec<StoredMilestone>, StoreError> {
        let sql = select_milestones!("m.team_id = $1 AND (m.team_wide OR m.author_id = $2)");
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(reader.0)
                .fetch_all(pool)
                .await?;
            rows.iter().map(read).collect()
        })
    }

    /// The team's milestones only (what every member sees), by date.
    pub async fn team_milestones(&self, team: TeamId) -> Result<Vec<StoredMilestone>, StoreError> {
        let sql = select_milestones!("m.team_id = $1 AND m.team_wide");
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(team.0).fetch_all(pool).await?;
            rows.iter().map(read).collect()
        })
    }

    /// Deletes a milestone; whether it was there.
    pub async fn remove_milestone(&self, id: i64) -> Result<bool, StoreError> {
        let sql = "DELETE FROM milestones WHERE id = $1";
        on_pool!(self, |pool| {
            let done = sqlx::query(sql).bind(id).execute(pool).await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Changes who may see a member's own milestone; whether it was there.
    pub async fn set_milestone_visibility(
        &self,
        id: i64,
        visibility: Visibility,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE milestones SET visibility = $2 WHERE id = $1 AND NOT team_wide";
        on_pool!(self, |pool| {
            let done = sqlx::query(sql)
                .bind(id)
                .bind(visibility.as_str())
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        })
    }
}

fn read<R>(row: &R) -> Result<StoredMilestone, StoreError>
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
    Ok(StoredMilestone {
        id: row.int("id")?,
        date: row.try_get("on_date").map_err(corrupt("on_date"))?,
        text: row.text("text")?,
        team_wide: row.try_get("team_wide").map_err(corrupt("team_wide"))?,
        visibility: row.word("visibility")?,
        author: MemberId(row.int("author_id")?),
        author_name: row.text("display_name")?,
    })
}
