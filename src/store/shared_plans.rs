//! Members' Mandalarts as their team may read them: each member's latest grid for a year, only
//! when that grid's answer is shared with the team. A private grid (or one a member has made
//! private since) is never returned.

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RoundId, TeamId};
use crate::domain::visibility::Visibility;

/// A member's Mandalart shared with their team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedGrid {
    /// Whose it is.
    pub member: MemberId,
    /// Their display name.
    pub name: String,
    /// The round it was answered in (a team view shows only rounds its reader may read).
    pub round: RoundId,
    /// The year it plans.
    pub year: i32,
    /// The grid's stored form.
    pub grid: String,
}

impl Store {
    /// The Mandalarts of `team`'s members shared with the team: for each member (or only
    /// `member`), their latest grid for `year` (their latest of any year without one), when
    /// it is shared; by name.
    pub async fn shared_mandalarts(
        &self,
        team: TeamId,
        member: Option<MemberId>,
        year: Option<i32>,
    ) -> Result<Vec<SharedGrid>, StoreError> {
        let sql = "SELECT m.member_id, p.display_name, d.round_id, m.plan_year, a.value,
                          a.visibility
                   FROM mandalarts m
                   JOIN answers a ON a.id = m.answer_id
                   JOIN deliveries d ON d.id = a.delivery_id
                   JOIN members p ON p.id = m.member_id
                   WHERE p.team_id = $1 AND (m.member_id = $2 OR $3)
                     AND (m.plan_year = $4 OR $5)
                   ORDER BY LOWER(p.display_name), m.member_id,
                            m.plan_year DESC, a.updated_at DESC, a.id DESC";
        let rows: Vec<(SharedGrid, Visibility)> = on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(member.map_or(0, |m| m.0))
                .bind(member.is_none())
                .bind(i64::from(year.unwrap_or(0)))
                .bind(year.is_none())
                .fetch_all(pool)
                .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let grid = SharedGrid {
                    member: MemberId(row.int("member_id")?),
                    name: row.text("display_name")?,
                    round: RoundId(row.int("round_id")?),
                    year: i32::try_from(row.int("plan_year")?).unwrap_or(0),
                    grid: row.text("value")?,
                };
                out.push((grid, row.word("visibility")?));
            }
            Ok::<_, StoreError>(out)
        })?;
        let mut latest: Vec<(SharedGrid, Visibility)> = Vec::new();
        for (grid, visibility) in rows {
            if latest.last().is_none_or(|(l, _)| l.member != grid.member) {
                latest.push((grid, visibility));
            }
        }
        Ok(latest
            .into_iter()
            .filter(|(_, visibility)| *visibility == Visibility::Team)
            .map(|(grid, _)| grid)
            .collect())
    }
}
