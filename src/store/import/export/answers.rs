//! Answers with their earlier texts, and resolutions with their follow-ups, for an export.

use std::collections::HashMap;

use sqlx::Row;

use super::{Index, Scope};
use crate::domain::import::Dataset;
use crate::domain::import::dataset::{
    AnswerItem, AnswerRef, FollowUpRecord, HistoryItem, ResolutionRecord,
};
use crate::store::rows::RowExt;
use crate::store::{Store, StoreError, on_pool};

impl Store {
    pub(super) async fn fill_answers(
        &self,
        scope: Scope,
        data: &mut Dataset,
        index: &mut Index,
    ) -> Result<(), StoreError> {
        let sql = "SELECT a.id, a.delivery_id, a.question_id, a.value, a.visibility, a.created_at,
                       a.updated_at
                   FROM answers a JOIN deliveries d ON d.id = a.delivery_id
                   JOIN rounds r ON r.id = d.round_id
                   WHERE r.team_id = $1 AND ($2 IS NULL OR d.member_id = $2) ORDER BY a.id";
        let history = "SELECT h.answer_id, h.value, h.visibility, h.replaced_at
                       FROM answer_history h JOIN answers a ON a.id = h.answer_id
                       JOIN deliveries d ON d.id = a.delivery_id JOIN rounds r ON r.id = d.round_id
                       WHERE r.team_id = $1 AND ($2 IS NULL OR d.member_id = $2) ORDER BY h.id";
        on_pool!(self, |pool| {
            for row in sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                let (round, delivery) = index.deliveries[&row.int("delivery_id")?];
                let list = &mut data.rounds[round].deliveries[delivery].answers;
                index
                    .answers
                    .insert(row.int("id")?, (round, delivery, list.len()));
                list.push(AnswerItem {
                    question_id: row.text("question_id")?,
                    value: row.text("value")?,
                    visibility: row.word("visibility")?,
                    created_at: row.instant("created_at")?,
                    updated_at: row.instant("updated_at")?,
                    history: Vec::new(),
                });
            }
            for row in sqlx::query(history)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                let (round, delivery, answer) = index.answers[&row.try_get::<i64, _>(0)?];
                data.rounds[round].deliveries[delivery].answers[answer]
                    .history
                    .push(HistoryItem {
                        value: row.text("value")?,
                        visibility: row.word("visibility")?,
                        replaced_at: row.instant("replaced_at")?,
                    });
            }
            Ok::<(), StoreError>(())
        })
    }

    pub(super) async fn resolution_records(
        &self,
        scope: Scope,
        data: &Dataset,
        index: &Index,
    ) -> Result<Vec<ResolutionRecord>, StoreError> {
        let sql = "SELECT r.id, m.user_id, r.answer_id, r.position, r.text, r.visibility, r.status,
                       r.created_at, r.updated_at
                   FROM resolutions r JOIN members m ON m.id = r.member_id
                   WHERE m.team_id = $1 AND ($2 IS NULL OR m.id = $2)
                   ORDER BY m.user_id, r.created_at, r.position, r.id";
        let follow_ups = "SELECT f.resolution_id, f.round_id, f.status, f.note, f.created_at
                          FROM resolution_followups f JOIN resolutions r ON r.id = f.resolution_id
                          JOIN members m ON m.id = r.member_id
                          WHERE m.team_id = $1 AND ($2 IS NULL OR m.id = $2)
                          ORDER BY f.created_at, f.id";
        let mut out = Vec::new();
        let mut by_id = HashMap::new();
        on_pool!(self, |pool| {
            for row in sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                by_id.insert(row.int("id")?, out.len());
                let answer = row
                    .opt_int("answer_id")?
                    .and_then(|id| index.answers.get(&id));
                out.push(ResolutionRecord {
                    member: row.text("user_id")?,
                    answer: answer.map(|(round, delivery, answer)| AnswerRef {
                        round: *round,
                        question_id: data.rounds[*round].deliveries[*delivery].answers[*answer]
                            .question_id
                            .clone(),
                    }),
                    position: i32::try_from(row.int("position")?).unwrap_or(i32::MAX),
                    text: row.text("text")?,
                    visibility: row.word("visibility")?,
                    status: row.word("status")?,
                    created_at: row.instant("created_at")?,
                    updated_at: row.instant("updated_at")?,
                    follow_ups: Vec::new(),
                });
            }
            for row in sqlx::query(follow_ups)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                let resolution = by_id[&row.int("resolution_id")?];
                let round = row
                    .opt_int("round_id")?
                    .and_then(|id| index.rounds.get(&id).copied());
                out[resolution].follow_ups.push(FollowUpRecord {
                    round,
                    status: row.word("status")?,
                    note: row.text("note")?,
                    created_at: row.instant("created_at")?,
                });
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }
}
