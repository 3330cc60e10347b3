//! Reading a member's Mandalart: the grid they answered for a year (the latest answer when a
//! year was planned twice), or their latest one; and its follow-through: each action's status.

use chrono::{DateTime, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::MemberId;
use crate::domain::mandalart::follow::{ActionRef, ActionStatus, Marks};

/// A member's Mandalart as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMandalart {
    /// The answer that holds it (the grid's key for its follow-through).
    pub answer_id: i64,
    /// The year it plans.
    pub year: i32,
    /// The grid's stored form ([`crate::domain::mandalart::Grid::to_storage`]).
    pub grid: String,
}

impl Store {
    /// The member's Mandalart for `year`, or their latest when `year` is `None`.
    pub async fn mandalart(
        &self,
        member: MemberId,
        year: Option<i32>,
    ) -> Result<Option<StoredMandalart>, StoreError> {
        let sql = "SELECT m.answer_id, m.plan_year, a.value FROM mandalarts m
                   JOIN answers a ON a.id = m.answer_id
                   WHERE m.member_id = $1 AND (m.plan_year = $2 OR $3)
                   ORDER BY m.plan_year DESC, a.updated_at DESC, a.id DESC LIMIT 1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql)
                .bind(member.0)
                .bind(i64::from(year.unwrap_or(0)))
                .bind(year.is_none())
                .fetch_optional(pool)
                .await?;
            row.map(|row| {
                Ok(StoredMandalart {
                    answer_id: row.int("answer_id")?,
                    year: i32::try_from(row.int("plan_year")?).unwrap_or(0),
                    grid: row.text("value")?,
                })
            })
            .transpose()
        })
    }

    /// Records where an action of the grid held by `answer` stands (replacing its last status).
    pub async fn check_mandalart_action(
        &self,
        answer: i64,
        at: ActionRef,
        status: ActionStatus,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO mandalart_checks (answer_id, goal, action, status, checked_at)
                   VALUES ($1, $2, $3, $4, $5)
                   ON CONFLICT (answer_id, goal, action)
                   DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(answer)
                .bind(number(at.goal))
                .bind(number(at.action))
                .bind(status.as_str())
                .bind(now)
                .execute(pool)
                .await?;
            Ok(())
        })
    }

    /// The follow-through of the grid held by `answer`: each checked action's status.
    pub async fn mandalart_marks(&self, answer: i64) -> Result<Marks, StoreError> {
        let sql = "SELECT goal, action, status FROM mandalart_checks WHERE answer_id = $1";
        let mut marks = Marks::default();
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(answer).fetch_all(pool).await?;
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
fn number(position: usize) -> i32 {
    i32::try_from(position + 1).unwrap_or(i32::MAX)
}

/// A stored number from 1 as a 0-based position, if it is one of the eight.
fn index(stored: i64) -> Option<usize> {
    usize::try_from(stored - 1).ok().filter(|&n| n < 8)
}
