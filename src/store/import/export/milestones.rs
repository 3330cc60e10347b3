//! Milestones for an export: a team's all; a member's their own and the team's (which cut their
//! recap's periods too; one someone else added carries no author), in an order that does not
//! depend on row ids.

use sqlx::Row;

use super::{Index, Scope};
use crate::domain::import::Dataset;
use crate::domain::import::dataset::{AnswerRef, MilestoneRecord};
use crate::store::rows::RowExt;
use crate::store::{Store, StoreError, on_pool};

impl Store {
    pub(super) async fn milestone_records(
        &self,
        scope: Scope,
        data: &Dataset,
        index: &Index,
    ) -> Result<Vec<MilestoneRecord>, StoreError> {
        let sql = "SELECT m.author_id, p.user_id, m.team_wide, m.on_date, m.text, m.visibility, m.answer_id,
                       m.created_at
                   FROM milestones m JOIN members p ON p.id = m.author_id
                   WHERE m.team_id = $1 AND ($2 IS NULL OR m.team_wide OR m.author_id = $2)
                   ORDER BY m.on_date, p.user_id, m.team_wide, m.text, m.created_at, m.id";
        let corrupt = |column: &'static str| {
            move |e: sqlx::Error| StoreError::Corrupt {
                column,
                problem: e.to_string(),
            }
        };
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    let answer = row
                        .opt_int("answer_id")?
                        .and_then(|id| index.answers.get(&id));
                    let author_id = row.int("author_id")?;
                    let theirs = scope.member.is_none_or(|me| me == author_id);
                    Ok(MilestoneRecord {
                        author: theirs.then(|| row.text("user_id")).transpose()?,
                        team_wide: row.try_get("team_wide").map_err(corrupt("team_wide"))?,
                        date: row.try_get("on_date").map_err(corrupt("on_date"))?,
                        text: row.text("text")?,
                        visibility: row.word("visibility")?,
                        answer: answer.map(|(round, delivery, answer)| AnswerRef {
                            round: *round,
                            question_id: data.rounds[*round].deliveries[*delivery].answers[*answer]
                                .question_id
                                .clone(),
                        }),
                        created_at: row.instant("created_at")?,
                    })
                })
                .collect()
        })
    }
}
