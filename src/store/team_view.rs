//! The team's view of answers, for digests and team recaps. Privacy is enforced here, in SQL:
//! private answers are never selected, and an anonymous answer's author is never selected.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{RoundId, TeamId, TemplateVersionId};
use crate::domain::visibility::Visibility;

/// An answer as the team may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAnswer {
    /// The round it was given in.
    pub round_id: RoundId,
    /// The round's schedule, or `None` for a one-off round.
    pub schedule_name: Option<String>,
    /// The template version the round asked (to read the question's text).
    pub template_id: TemplateVersionId,
    /// The round's occurrence, local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// The question's id.
    pub question_id: String,
    /// The stored text.
    pub value: String,
    /// `Team` or `Anonymous`; never `Private`.
    pub visibility: Visibility,
    /// The author's display name; `None` for an anonymous answer.
    pub author: Option<String>,
}

impl Store {
    /// The shared answers of the team's rounds due in `[from, to)`: never private ones, and
    /// anonymous ones without their author. Sorted by round and question; within a question,
    /// named answers by author, then anonymous ones by text (so their order reveals nobody).
    pub async fn team_answers(
        &self,
        team: TeamId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<TeamAnswer>, StoreError> {
        let sql = "SELECT r.id AS round_id, s.name AS schedule_name, r.template_id,
                       r.occurrence_local, a.question_id, a.value, a.visibility,
                       CASE WHEN a.visibility = 'anonymous' THEN NULL
                            ELSE m.display_name END AS author
                   FROM answers a
                   JOIN deliveries d ON d.id = a.delivery_id
                   JOIN rounds r ON r.id = d.round_id
                   JOIN members m ON m.id = d.member_id
                   LEFT JOIN schedules s ON s.id = r.schedule_id
                   WHERE r.team_id = $1 AND r.due_at >= $2 AND r.due_at < $3
                     AND a.visibility <> 'private'
                   ORDER BY r.due_at, r.id, a.question_id,
                            CASE WHEN a.visibility = 'anonymous' THEN 1 ELSE 0 END,
                            author, a.value";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?;
            rows.iter().map(team_answer_from).collect()
        })
    }
}

fn team_answer_from(row: &impl RowExt) -> Result<TeamAnswer, StoreError> {
    Ok(TeamAnswer {
        round_id: RoundId(row.int("round_id")?),
        schedule_name: row.opt_text("schedule_name")?,
        template_id: TemplateVersionId(row.int("template_id")?),
        occurrence_local: row.local("occurrence_local")?,
        question_id: row.text("question_id")?,
        value: row.text("value")?,
        visibility: row.word("visibility")?,
        author: row.opt_text("author")?,
    })
}
