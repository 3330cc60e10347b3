//! What recaps read: one member's answers over a range, the team's shared answers, participation
//! rows, and resolutions with their follow-ups. Privacy for team views is enforced in SQL (see
//! also [`Store::team_answers`]).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::Row;

use super::rows::RowExt;
use super::team_view::TeamAnswer;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RoundId, TeamId, TemplateVersionId};
use crate::domain::state::{DeliveryStatus, ResolutionStatus};
use crate::domain::visibility::Visibility;

/// One of a member's own answers, for their recap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnAnswer {
    /// The round.
    pub round_id: RoundId,
    /// The template version the round asked.
    pub template_id: TemplateVersionId,
    /// The round's occurrence, local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// The question's id.
    pub question_id: String,
    /// The stored text.
    pub value: String,
    /// Who may read it.
    pub visibility: Visibility,
}

/// What every answer of a round shares.
struct RoundHead {
    schedule_name: Option<String>,
    template_id: TemplateVersionId,
    occurrence_local: NaiveDateTime,
    due_at: DateTime<Utc>,
    open: bool,
}

/// One delivery, for participation figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryOutcome {
    /// Whose.
    pub member_id: MemberId,
    /// The round.
    pub round_id: RoundId,
    /// The round's occurrence, local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// Where it stands.
    pub status: DeliveryStatus,
}

/// A resolution with its follow-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionHistory {
    /// What was resolved.
    pub text: String,
    /// Where it stands.
    pub status: ResolutionStatus,
    /// When it was set.
    pub created_at: DateTime<Utc>,
    /// Follow-ups, oldest first: when, status, note.
    pub follow_ups: Vec<(DateTime<Utc>, ResolutionStatus, String)>,
}

impl Store {
    /// The member's answers in rounds due in `[from, to)`; with `shared_only`, only the ones
    /// the team may read with their name (`team`), for a recap posted publicly.
    pub async fn own_answers(
        &self,
        member: MemberId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        shared_only: bool,
    ) -> Result<Vec<OwnAnswer>, StoreError> {
        let sql = "SELECT r.id AS round_id, r.template_id, r.occurrence_local, a.question_id,
                       a.value, a.visibility
                   FROM deliveries d
                   JOIN rounds r ON r.id = d.round_id
                   JOIN answers a ON a.delivery_id = d.id
                   WHERE d.member_id = $1 AND r.due_at >= $2 AND r.due_at < $3
                     AND ($4 = 0 OR a.visibility = 'team')
                   ORDER BY r.due_at, r.id, a.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(member.0)
                .bind(from)
                .bind(to)
                .bind(i64::from(shared_only))
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(OwnAnswer {
                        round_id: RoundId(row.int("round_id")?),
                        template_id: TemplateVersionId(row.int("template_id")?),
                        occurrence_local: row.local("occurrence_local")?,
                        question_id: row.text("question_id")?,
                        value: row.text("value")?,
                        visibility: row.word("visibility")?,
                    })
                })
                .collect()
        })
    }

    /// Deliveries of rounds due in `[from, to)`: the member's (`Some`) or the whole team's.
    pub async fn delivery_outcomes(
        &self,
        team: TeamId,
        member: Option<MemberId>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DeliveryOutcome>, StoreError> {
        // Two statements, so each can use its index: (member_id, round_id) for one member,
        // (team_id, due_at) then (round_id, member_id) for the team.
        let sql = match member {
            Some(_) => {
                "SELECT d.member_id, d.round_id, r.occurrence_local, d.status
                 FROM deliveries d JOIN rounds r ON r.id = d.round_id
                 WHERE d.member_id = $4 AND r.team_id = $1 AND r.due_at >= $2 AND r.due_at < $3
                 ORDER BY r.due_at, r.id"
            }
            None => {
                "SELECT d.member_id, d.round_id, r.occurrence_local, d.status
                 FROM rounds r JOIN deliveries d ON d.round_id = r.id
                 WHERE r.team_id = $1 AND r.due_at >= $2 AND r.due_at < $3
                 ORDER BY r.due_at, r.id"
            }
        };
        on_pool!(self, |pool| {
            let mut query = sqlx::query(sql).bind(team.0).bind(from).bind(to);
            if let Some(member) = member {
                query = query.bind(member.0);
            }
            let rows = query.fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(DeliveryOutcome {
                        member_id: MemberId(row.int("member_id")?),
                        round_id: RoundId(row.int("round_id")?),
                        occurrence_local: row.local("occurrence_local")?,
                        status: row.word("status")?,
                    })
                })
                .collect()
        })
    }

    /// The member's resolutions with every follow-up, oldest first.
    pub async fn resolution_histories(
        &self,
        member: MemberId,
    ) -> Result<Vec<ResolutionHistory>, StoreError> {
        let sql = "SELECT r.id, r.text, r.status, r.created_at, f.created_at AS f_at,
                       f.status AS f_status, f.note AS f_note
                   FROM resolutions r
                   LEFT JOIN resolution_followups f ON f.resolution_id = r.id
                   WHERE r.member_id = $1
                   ORDER BY r.created_at, r.position, r.id, f.id";
        let mut out: Vec<(i64, ResolutionHistory)> = Vec::new();
        on_pool!(self, |pool| {
            for row in sqlx::query(sql).bind(member.0).fetch_all(pool).await? {
                let id = row.int("id")?;
                if out.last().is_none_or(|(last, _)| *last != id) {
                    let history = ResolutionHistory {
                        text: row.text("text")?,
                        status: row.word("status")?,
                        created_at: row.instant("created_at")?,
                        follow_ups: Vec::new(),
                    };
                    out.push((id, history));
                }
                if let Some(at) = row.opt_instant("f_at")? {
                    let entry = (at, row.word("f_status")?, row.text("f_note")?);
                    out.last_mut()
                        .expect("pushed above")
                        .1
                        .follow_ups
                        .push(entry);
                }
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(out.into_iter().map(|(_, h)| h).collect())
    }

    /// What [`Store::team_answers`] returns, in the same order, read the fast way for a team's
    /// year (tens of thousands of rows): the rounds and members once each, the answers with
    /// only what varies per row (the author as a member id, NULL when anonymous, so the link
    /// still never leaves SQL), columns read by position, and sorted here (PostgreSQL's sort of
    /// this many rows spilled to disk and cost more than the joins).
    pub async fn team_recap_answers(
        &self,
        team: TeamId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<TeamAnswer>, StoreError> {
        let rounds = self.rounds_between(team, from, to).await?;
        let names = self.member_names(team).await?;
        let sql = "SELECT d.round_id, a.question_id, a.value, a.visibility,
                       CASE WHEN a.visibility = 'anonymous' THEN NULL ELSE d.member_id END
                   FROM answers a
                   JOIN deliveries d ON d.id = a.delivery_id
                   JOIN rounds r ON r.id = d.round_id
                   WHERE r.team_id = $1 AND r.due_at >= $2 AND r.due_at < $3
                     AND a.visibility <> 'private'";
        let mut rows: Vec<(DateTime<Utc>, TeamAnswer)> = on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let round_id: i64 = row.try_get(0)?;
                let author: Option<i64> = row.try_get(4)?;
                let visibility: &str = row.try_get(3)?;
                let Some(round) = rounds.get(&round_id) else {
                    continue;
                };
                out.push((
                    round.due_at,
                    TeamAnswer {
                        round_id: RoundId(round_id),
                        schedule_name: round.schedule_name.clone(),
                        template_id: round.template_id,
                        occurrence_local: round.occurrence_local,
                        question_id: row.try_get(1)?,
                        value: row.try_get(2)?,
                        visibility: visibility.parse().map_err(|_| StoreError::Corrupt {
                            column: "visibility",
                            problem: format!("unknown word {visibility:?}"),
                        })?,
                        author: author.and_then(|id| names.get(&id).cloned()),
                        author_id: author.map(MemberId),
                        round_open: round.open,
                    },
                ));
            }
            Ok::<_, StoreError>(out)
        })?;
        // Within a question: named answers by author, then anonymous ones by text, so their
        // order reveals nobody.
        rows.sort_unstable_by(|(due_a, a), (due_b, b)| {
            (
                due_a,
                a.round_id,
                &a.question_id,
                a.author.is_none(),
                &a.author,
                &a.value,
            )
                .cmp(&(
                    due_b,
                    b.round_id,
                    &b.question_id,
                    b.author.is_none(),
                    &b.author,
                    &b.value,
                ))
        });
        Ok(rows.into_iter().map(|(_, answer)| answer).collect())
    }

    async fn rounds_between(
        &self,
        team: TeamId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<HashMap<i64, RoundHead>, StoreError> {
        let sql = "SELECT r.id, s.name, r.template_id, r.occurrence_local, r.due_at, r.status
                   FROM rounds r LEFT JOIN schedules s ON s.id = r.schedule_id
                   WHERE r.team_id = $1 AND r.due_at >= $2 AND r.due_at < $3";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(team.0)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    let head = RoundHead {
                        schedule_name: row.opt_text("name")?,
                        template_id: TemplateVersionId(row.int("template_id")?),
                        occurrence_local: row.local("occurrence_local")?,
                        due_at: row.instant("due_at")?,
                        open: row.text("status")? == "open",
                    };
                    Ok((row.int("id")?, head))
                })
                .collect()
        })
    }

    async fn member_names(&self, team: TeamId) -> Result<HashMap<i64, String>, StoreError> {
        let sql = "SELECT id, display_name FROM members WHERE team_id = $1";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(team.0).fetch_all(pool).await?;
            rows.iter()
                .map(|row| Ok((row.int("id")?, row.text("display_name")?)))
                .collect()
        })
    }
}
