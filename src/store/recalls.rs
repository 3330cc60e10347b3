//! What "then vs now" reads: a member's earlier answers to one question of a template, for a
//! recall to pick the round held about a year or a quarter before.

use chrono::NaiveDateTime;

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RoundId, TeamId};
use crate::domain::template::Recall;
use crate::domain::visibility::Visibility;

/// One of a member's answers to a recalled question, in another round of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierAnswer {
    /// The round it was given in.
    pub round_id: RoundId,
    /// The round's occurrence, local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// The stored text.
    pub value: String,
    /// Who may read it.
    pub visibility: Visibility,
}

impl Store {
    /// The member's answers to `question` in rounds of the template `key` (any schedule of
    /// their team, one-off rounds too) other than `except`, oldest first.
    pub async fn earlier_answers(
        &self,
        member: MemberId,
        key: &str,
        question: &str,
        except: RoundId,
    ) -> Result<Vec<EarlierAnswer>, StoreError> {
        let sql = "SELECT r.id AS round_id, r.occurrence_local, a.value, a.visibility
                   FROM deliveries d
                   JOIN rounds r ON r.id = d.round_id
                   JOIN templates t ON t.id = r.template_id
                   JOIN answers a ON a.delivery_id = d.id
                   WHERE d.member_id = $1 AND t.key = $2 AND a.question_id = $3 AND r.id <> $4
                   ORDER BY r.due_at, r.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(member.0)
                .bind(key)
                .bind(question)
                .bind(except.0)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(EarlierAnswer {
                        round_id: RoundId(row.int("round_id")?),
                        occurrence_local: row.local("occurrence_local")?,
                        value: row.text("value")?,
                        visibility: row.word("visibility")?,
                    })
                })
                .collect()
        })
    }

    /// The answers of every member of `team` to `question` in rounds of the template `key`, by
    /// member, each member's oldest first: [`Store::earlier_answers`] of them all at once, for a
    /// team's recap that recalls many members' earlier answers.
    pub async fn team_earlier_answers(
        &self,
        team: TeamId,
        key: &str,
        question: &str,
    ) -> Result<Vec<(MemberId, EarlierAnswer)>, StoreError> {
        let sql = "SELECT d.member_id, r.id AS round_id, r.occurrence_local, a.value, a.visibility
                   FROM members m
                   JOIN deliveries d ON d.member_id = m.id
                   JOIN rounds r ON r.id = d.round_id
                   JOIN templates t ON t.id = r.template_id
                   JOIN answers a ON a.delivery_id = d.id
                   WHERE m.team_id = $1 AND t.key = $2 AND a.question_id = $3
                   ORDER BY d.member_id, r.due_at, r.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(key)
                .bind(question)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    let answer = EarlierAnswer {
                        round_id: RoundId(row.int("round_id")?),
                        occurrence_local: row.local("occurrence_local")?,
                        value: row.text("value")?,
                        visibility: row.word("visibility")?,
                    };
                    Ok((MemberId(row.int("member_id")?), answer))
                })
                .collect()
        })
    }

    /// The member's answer that `recall` shows in `round` of the template `key`, held at
    /// `occurrence`: in their round of the template held nearest to a year (or a quarter)
    /// before, if they answered the question there ([`crate::domain::template::Ago::nearest`]).
    pub async fn recalled(
        &self,
        (member, key): (MemberId, &str),
        (round, occurrence): (RoundId, NaiveDateTime),
        recall: &Recall,
    ) -> Result<Option<EarlierAnswer>, StoreError> {
        let question = recall.question.as_str();
        let earlier = self.earlier_answers(member, key, question, round).await?;
        let dated = earlier.into_iter().map(|a| (a.occurrence_local, a));
        Ok(recall.ago.nearest(occurrence, dated).map(|(_, a)| a))
    }
}
