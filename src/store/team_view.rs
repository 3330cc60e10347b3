//! The team's view of answers, for digests and team recaps. Privacy is enforced here, in SQL:
//! private answers are never selected, and an anonymous answer's author is never selected.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RoundId, ScheduleId, TeamId, TemplateVersionId};
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
    /// The author; `None` for an anonymous answer (the link never leaves the store then).
    pub author_id: Option<MemberId>,
    /// Whether the round is still open (its anonymous answers are not shown to the team yet).
    pub round_open: bool,
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
                       r.status AS round_status,
                       CASE WHEN a.visibility = 'anonymous' THEN NULL
                            ELSE m.display_name END AS author,
                       CASE WHEN a.visibility = 'anonymous' THEN NULL
                            ELSE d.member_id END AS author_id
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

impl Store {
    /// The team's rounds due in `[from, to)` that `member` may read in a team view: those of
    /// the schedules they take part in, and those they were asked in; with `channel`, only
    /// those of schedules whose digest channel it is.
    pub async fn rounds_visible_to(
        &self,
        team: TeamId,
        member: MemberId,
        channel: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<HashSet<RoundId>, StoreError> {
        let sql = "SELECT r.id FROM rounds r
                   WHERE r.team_id = $1 AND r.due_at >= $2 AND r.due_at < $3
                     AND (EXISTS (SELECT 1 FROM deliveries d
                                  WHERE d.round_id = r.id AND d.member_id = $4)
                          OR EXISTS (SELECT 1 FROM schedule_participants p
                                     WHERE p.schedule_id = r.schedule_id AND p.member_id = $4))
                     AND (CAST($5 AS TEXT) IS NULL
                          OR EXISTS (SELECT 1 FROM schedules s
                                     WHERE s.id = r.schedule_id AND s.digest_channel_id = $5))";
        on_pool!(self, |pool| {
            let ids: Vec<i64> = sqlx::query_scalar(sql)
                .bind(team.0)
                .bind(from)
                .bind(to)
                .bind(member.0)
                .bind(channel)
                .fetch_all(pool)
                .await?;
            Ok(ids.into_iter().map(RoundId).collect())
        })
    }
}

impl Store {
    /// The team's schedules with a digest channel that `member` does not take part in, with
    /// that channel (a member who reads it may see their team views).
    pub async fn digest_channels_apart_from(
        &self,
        team: TeamId,
        member: MemberId,
    ) -> Result<Vec<(ScheduleId, String)>, StoreError> {
        let sql = "SELECT s.id, s.digest_channel_id FROM schedules s
                   WHERE s.team_id = $1 AND s.digest_channel_id IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM schedule_participants p
                                     WHERE p.schedule_id = s.id AND p.member_id = $2)
                   ORDER BY s.id";
        on_pool!(self, |pool| {
            let rows: Vec<(i64, String)> = sqlx::query_as(sql)
                .bind(team.0)
                .bind(member.0)
                .fetch_all(pool)
                .await?;
            Ok(rows
                .into_iter()
                .map(|(id, channel)| (ScheduleId(id), channel))
                .collect())
        })
    }

    /// The rounds of `schedule` due in `[from, to)`.
    pub async fn rounds_of_schedule(
        &self,
        schedule: ScheduleId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<RoundId>, StoreError> {
        let sql = "SELECT id FROM rounds WHERE schedule_id = $1 AND due_at >= $2 AND due_at < $3";
        on_pool!(self, |pool| {
            let ids: Vec<i64> = sqlx::query_scalar(sql)
                .bind(schedule.0)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?;
            Ok(ids.into_iter().map(RoundId).collect())
        })
    }

    /// Whether `channel` is the digest channel of one of the team's schedules.
    pub async fn is_digest_channel(&self, team: TeamId, channel: &str) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM schedules WHERE team_id = $1 AND digest_channel_id = $2";
        on_pool!(self, |pool| {
            let count: i64 = sqlx::query_scalar(sql)
                .bind(team.0)
                .bind(channel)
                .fetch_one(pool)
                .await?;
            Ok(count > 0)
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
        author_id: row.opt_int("author_id")?.map(MemberId),
        round_open: row.text("round_status")? == "open",
    })
}
