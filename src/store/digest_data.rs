//! What a closed round's digest reads: the round, its team and schedule, who was asked and who
//! has not answered, and its shared answers (private ones never; anonymous ones without author).

use chrono::NaiveDateTime;

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{RoundId, TeamId, TemplateVersionId};
use crate::domain::lang::Lang;
use crate::domain::recap::digest::DigestGrouping;
use crate::domain::state::{DeliveryStatus, Platform};

/// What a round's digest needs besides its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestRound {
    /// The team.
    pub team_id: TeamId,
    /// The team's platform.
    pub platform: Platform,
    /// The team's language.
    pub team_lang: Lang,
    /// The schedule's name (`None` for a one-off round).
    pub schedule_name: Option<String>,
    /// Where digests go, if the schedule has a digest channel.
    pub digest_channel_id: Option<String>,
    /// How the schedule's digest is grouped (by question for a one-off round).
    pub digest_group: DigestGrouping,
    /// The template version asked.
    pub template_id: TemplateVersionId,
    /// The round's occurrence.
    pub occurrence_local: NaiveDateTime,
    /// Display names of those asked who did not answer, by name.
    pub not_answered: Vec<String>,
    /// How many were asked.
    pub asked: usize,
}

impl Store {
    /// A round's digest material (its answers come from [`Store::round_team_answers`]).
    pub async fn digest_round(&self, round: RoundId) -> Result<DigestRound, StoreError> {
        let head =
            "SELECT r.team_id, t.platform, t.language, s.name, s.digest_channel_id, s.digest_group,
                        r.template_id,
                        r.occurrence_local
                    FROM rounds r JOIN teams t ON t.id = r.team_id
                    LEFT JOIN schedules s ON s.id = r.schedule_id WHERE r.id = $1";
        let asked = "SELECT m.display_name, d.status FROM deliveries d
                     JOIN members m ON m.id = d.member_id
                     WHERE d.round_id = $1 ORDER BY m.display_name, m.id";
        on_pool!(self, |pool| {
            let row = sqlx::query(head).bind(round.0).fetch_optional(pool).await?;
            let row = row.ok_or_else(|| StoreError::NotFound(format!("round {round}")))?;
            let mut digest = DigestRound {
                team_id: TeamId(row.int("team_id")?),
                platform: row.word("platform")?,
                team_lang: row.lang("language")?,
                schedule_name: row.opt_text("name")?,
                digest_channel_id: row.opt_text("digest_channel_id")?,
                digest_group: match row.opt_text("digest_group")? {
                    Some(word) => word.parse().map_err(|()| StoreError::Corrupt {
                        column: "digest_group",
                        problem: format!("unknown word {word:?}"),
                    })?,
                    None => DigestGrouping::Question,
                },
                template_id: TemplateVersionId(row.int("template_id")?),
                occurrence_local: row.local("occurrence_local")?,
                not_answered: Vec::new(),
                asked: 0,
            };
            for row in sqlx::query(asked).bind(round.0).fetch_all(pool).await? {
                digest.asked += 1;
                if row.word::<DeliveryStatus>("status")? != DeliveryStatus::Answered {
                    digest.not_answered.push(row.text("display_name")?);
                }
            }
            Ok(digest)
        })
    }

    /// A team's name.
    pub async fn team_name(&self, team: TeamId) -> Result<String, StoreError> {
        let sql = "SELECT name FROM teams WHERE id = $1";
        on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(team.0)
            .fetch_one(pool)
            .await
            .map_err(StoreError::from))
    }

    /// One round's shared answers: never private ones, anonymous ones without their author.
    pub async fn round_team_answers(
        &self,
        round: RoundId,
    ) -> Result<Vec<(String, String, Option<String>)>, StoreError> {
        let sql = "SELECT a.question_id, a.value,
                       CASE WHEN a.visibility = 'anonymous' THEN NULL
                            ELSE m.display_name END AS author
                   FROM answers a
                   JOIN deliveries d ON d.id = a.delivery_id
                   JOIN members m ON m.id = d.member_id
                   WHERE d.round_id = $1 AND a.visibility <> 'private'
                   ORDER BY a.question_id,
                            CASE WHEN a.visibility = 'anonymous' THEN 1 ELSE 0 END,
                            author, a.value";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(round.0).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok((
                        row.text("question_id")?,
                        row.text("value")?,
                        row.opt_text("author")?,
                    ))
                })
                .collect()
        })
    }
}
