//! Mandalarts (with their checks and ratings) and letters for an export. A Mandalart goes with
//! the answer that holds it (one not in the export is left out); letters only into a member's
//! own export, sealed ones with their text, as they are the author's own.

use chrono::{Datelike, NaiveDate};
use sqlx::Row;

use super::{Index, Scope};
use crate::domain::import::Dataset;
use crate::domain::import::dataset::{AnswerRef, LetterRecord, MandalartRecord, RatingRecord};
use crate::domain::mandalart::Grid;
use crate::domain::mandalart::follow::{ActionStatus, Marks};
use crate::store::rows::RowExt;
use crate::store::{Store, StoreError, on_pool};

const PLANS: &str = "SELECT m.answer_id, p.user_id, m.plan_year, a.value
    FROM mandalarts m JOIN answers a ON a.id = m.answer_id JOIN members p ON p.id = m.member_id
    WHERE p.team_id = $1 AND ($2 IS NULL OR m.member_id = $2)
    ORDER BY p.user_id, m.plan_year, m.answer_id";
const CHECKS: &str = "SELECT c.answer_id, c.goal, c.action, c.status, c.checked_at
    FROM mandalart_checks c JOIN mandalarts m ON m.answer_id = c.answer_id
    JOIN members p ON p.id = m.member_id
    WHERE p.team_id = $1 AND ($2 IS NULL OR m.member_id = $2)";
const RATINGS: &str = "SELECT r.answer_id, r.goal, r.round_id, r.rating, r.rated_at,
        o.occurrence_local
    FROM mandalart_ratings r JOIN mandalarts m ON m.answer_id = r.answer_id
    JOIN members p ON p.id = m.member_id JOIN rounds o ON o.id = r.round_id
    WHERE p.team_id = $1 AND ($2 IS NULL OR m.member_id = $2)
    ORDER BY r.rated_at, r.round_id, r.goal";
const LETTERS: &str = "SELECT p.user_id, c.team_wide, c.channel_id, c.written_on, c.open_on,
        c.opens_at, c.text, c.delivered_at, c.created_at
    FROM capsules c JOIN members p ON p.id = c.author_id
    WHERE c.team_id = $1 AND c.author_id = $2 ORDER BY c.open_on, c.id";

impl Store {
    /// The Mandalarts of the export's answers, each with its checks and ratings.
    pub(super) async fn mandalart_records(
        &self,
        scope: Scope,
        data: &Dataset,
        index: &Index,
    ) -> Result<Vec<MandalartRecord>, StoreError> {
        let mut out: Vec<(i64, MandalartRecord)> = Vec::new();
        on_pool!(self, |pool| {
            let bound = |sql: &'static str| sqlx::query(sql).bind(scope.team).bind(scope.member);
            for row in bound(PLANS).fetch_all(pool).await? {
                let answer_id = row.int("answer_id")?;
                let (Some(&(round, delivery, answer)), Some(grid)) = (
                    index.answers.get(&answer_id),
                    Grid::from_storage(&row.text("value")?),
                ) else {
                    continue;
                };
                let question_id = data.rounds[round].deliveries[delivery].answers[answer]
                    .question_id
                    .clone();
                let year = i32::try_from(row.int("plan_year")?).unwrap_or(0);
                let at = AnswerRef { round, question_id };
                let user = row.text("user_id")?;
                let record = MandalartRecord::new(&user, at, year, &grid, &Marks::default());
                out.push((answer_id, record));
            }
            for row in bound(CHECKS).fetch_all(pool).await? {
                let (g, a) = (slot(row.int("goal")?), slot(row.int("action")?));
                let plan = find(&mut out, row.int("answer_id")?);
                if let (Some(plan), Some(g), Some(a)) = (plan, g, a) {
                    let status: ActionStatus = row.word("status")?;
                    let action = &mut plan.goals[g].actions[a];
                    action.status = crate::domain::import::dataset::CheckWord::of(Some(status));
                    action.checked_at = Some(row.instant("checked_at")?);
                }
            }
            for row in bound(RATINGS).fetch_all(pool).await? {
                let goal = slot(row.int("goal")?);
                let round = index.rounds.get(&row.int("round_id")?).copied();
                let plan = find(&mut out, row.int("answer_id")?);
                let (Some(plan), Some(goal), Some(round)) = (plan, goal, round) else {
                    continue;
                };
                plan.goals[goal].ratings.push(RatingRecord {
                    quarter: quarter(row.local("occurrence_local")?.date()),
                    round,
                    rating: u8::try_from(row.int("rating")?).unwrap_or(0),
                    rated_at: row.instant("rated_at")?,
                });
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(out.into_iter().map(|(_, record)| record).collect())
    }

    /// The member's letters (none for a team's export).
    pub(super) async fn letter_records(
        &self,
        scope: Scope,
    ) -> Result<Vec<LetterRecord>, StoreError> {
        let Some(member) = scope.member else {
            return Ok(Vec::new());
        };
        let corrupt = |column: &'static str| {
            move |e: sqlx::Error| StoreError::Corrupt {
                column,
                problem: e.to_string(),
            }
        };
        on_pool!(self, |pool| {
            let rows = sqlx::query(LETTERS)
                .bind(scope.team)
                .bind(member)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    let opened_at = row.opt_instant("delivered_at")?;
                    Ok(LetterRecord {
                        member: row.text("user_id")?,
                        team_wide: row.try_get("team_wide").map_err(corrupt("team_wide"))?,
                        channel_id: row.opt_text("channel_id")?,
                        written_on: row.try_get("written_on").map_err(corrupt("written_on"))?,
                        open_on: row.try_get("open_on").map_err(corrupt("open_on"))?,
                        opens_at: row.instant("opens_at")?,
                        sealed: opened_at.is_none(),
                        opened_at,
                        text: row.text("text")?,
                        created_at: row.instant("created_at")?,
                    })
                })
                .collect()
        })
    }
}

/// The record of the grid held by `answer`, if it is exported.
fn find(plans: &mut [(i64, MandalartRecord)], answer: i64) -> Option<&mut MandalartRecord> {
    plans
        .iter_mut()
        .find(|(id, _)| *id == answer)
        .map(|(_, p)| p)
}

/// A stored sub-goal or action number (from 1) as a 0-based position, if it is one of eight.
fn slot(stored: i64) -> Option<usize> {
    usize::try_from(stored - 1).ok().filter(|&n| n < 8)
}

/// `2027-Q2`.
fn quarter(date: NaiveDate) -> String {
    format!("{}-Q{}", date.year(), date.month0() / 3 + 1)
}
