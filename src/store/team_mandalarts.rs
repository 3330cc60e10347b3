//! A team's own Mandalart: one grid per team and year, written by its admins, and where each
//! of its actions stands.

use chrono::{DateTime, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::mandalart::follow::{ActionRef, ActionStatus, Marks};

/// A team's Mandalart as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTeamGrid {
    /// The year it plans.
    pub year: i32,
    /// The grid's stored form ([`crate::domain::mandalart::Grid::to_storage`]).
    pub grid: String,
}

impl Store {
    /// The team's Mandalart for `year`, or its latest when `year` is `None`.
    pub async fn team_mandalart(
        &self,
        team: TeamId,
        year: Option<i32>,
    ) -> Result<Option<StoredTeamGrid>, StoreError> {
        let sql = "SELECT plan_year, grid FROM team_mandalarts
                   WHERE team_id = $1 AND (plan_year = $2 OR $3)
                   ORDER BY plan_year DESC LIMIT 1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql)
                .bind(team.0)
                .bind(i64::from(year.unwrap_or(0)))
                .bind(year.is_none())
                .fetch_optional(pool)
                .await?;
            row.map(|row| {
                Ok(StoredTeamGrid {
                    year: i32::try_from(row.int("plan_year")?).unwrap_or(0),
                    grid: row.text("grid")?,
                })
            })
            .transpose()
        })
    }

    /// Writes the team's Mandalart for `year` (replacing the grid kept so far; its checks stay).
    pub async fn save_team_mandalart(
        &self,
        team: TeamId,
        year: i32,
        grid: &str,
        by: MemberId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO team_mandalarts (team_id, plan_year, grid, written_by, updated_at)
                   VALUES ($1, $2, $3, $4, $5)
                   ON CONFLICT (team_id, plan_year) DO UPDATE SET grid = excluded.grid,
                       written_by = excluded.written_by, updated_at = excluded.updated_at";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(team.0)
                .bind(i64::from(year))
                .bind(grid)
                .bind(by.0)
                .bind(now)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Records where an action of the team's Mandalart for `year` stands.
    pub async fn check_team_mandalart(
        &self,
        team: TeamId,
        year: i32,
        at: ActionRef,
        status: ActionStatus,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO team_mandalart_checks
                       (team_id, plan_year, goal, action, status, checked_at)
                   VALUES ($1, $2, $3, $4, $5, $6)
                   ON CONFLICT (team_id, plan_year, goal, action)
                   DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(team.0)
                .bind(i64::from(year))
                .bind(position(at.goal))
                .bind(position(at.action))
                .bind(status.as_str())
                .bind(now)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// Where each checked action of the team's Mandalart for `year` stands (no ratings: those
    /// are a member's).
    pub async fn team_mandalart_marks(&self, team: TeamId, year: i32) -> Result<Marks, StoreError> {
        let sql = "SELECT goal, action, status FROM team_mandalart_checks
                   WHERE team_id = $1 AND plan_year = $2";
        let mut marks = Marks::default();
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(i64::from(year))
                .fetch_all(pool)
                .await?;
            for row in &rows {
                let (goal, action) = (index(row.int("goal")?), index(row.int("action")?));
                let status: ActionStatus = row.word("status")?;
                if let (Some(goal), Some(action)) = (goal, action) {
                    marks.statuses[goal][action] = Some(status);
                }
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(marks)
    }
}

/// A 0-based position as stored: from 1.
fn position(at: usize) -> i32 {
    i32::try_from(at + 1).unwrap_or(i32::MAX)
}

/// A stored number from 1 as a 0-based position, if it is one of the eight.
fn index(stored: i64) -> Option<usize> {
    usize::try_from(stored - 1).ok().filter(|&n| n < 8)
}
