//! Reading a member's Mandalart: the grid they answered for a year (the latest answer when a
//! year was planned twice), or their latest one.

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::MemberId;

/// A member's Mandalart as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMandalart {
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
        let sql = "SELECT m.plan_year, a.value FROM mandalarts m
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
                    year: i32::try_from(row.int("plan_year")?).unwrap_or(0),
                    grid: row.text("value")?,
                })
            })
            .transpose()
        })
    }
}
