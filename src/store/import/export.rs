//! Reading a team (or one member's part of it) as a [`Dataset`], for `hoego export --team` and
//! a member's `export`. Rows come in an order that does not depend on row ids where a natural
//! one exists (members by user id, schedules by name, deliveries by member), and in id order
//! where the order things were written matters (templates, answers, history), so that a
//! dataset written by an import reads back the same.

use std::collections::HashMap;

use crate::domain::ids::{MemberId, TeamId};
use crate::domain::import::Dataset;
use crate::domain::import::dataset::{
    DeliveryRecord, MemberRecord, RoundRecord, TeamRecord, TemplateRecord,
};
use crate::store::rows::RowExt;
use crate::store::{Store, StoreError, on_pool};

mod answers;
mod milestones;
mod plans;
mod schedules;

/// Whose rows to read.
#[derive(Debug, Clone, Copy)]
struct Scope {
    team: i64,
    member: Option<i64>,
}

/// Where read rows went in the dataset.
#[derive(Default)]
struct Index {
    templates: HashMap<i64, usize>,
    rounds: HashMap<i64, usize>,
    deliveries: HashMap<i64, (usize, usize)>,
    answers: HashMap<i64, (usize, usize, usize)>,
}

impl Store {
    /// Everything of a team: members, templates, schedules, rounds with deliveries and answers
    /// (with history), resolutions with follow-ups, milestones.
    pub async fn team_dataset(&self, team: TeamId) -> Result<Dataset, StoreError> {
        self.read_dataset(Scope {
            team: team.0,
            member: None,
        })
        .await
    }

    /// One member's part of their team: their rounds (only their delivery in each), answers,
    /// resolutions, their own milestones, and the template versions asked; no schedules, no one
    /// else.
    pub async fn member_dataset(
        &self,
        team: TeamId,
        member: MemberId,
    ) -> Result<Dataset, StoreError> {
        self.read_dataset(Scope {
            team: team.0,
            member: Some(member.0),
        })
        .await
    }

    async fn read_dataset(&self, scope: Scope) -> Result<Dataset, StoreError> {
        let mut index = Index::default();
        let mut data = Dataset {
            team: Some(self.team_record(scope.team).await?),
            members: self.member_records(scope).await?,
            ..Dataset::default()
        };
        data.templates = self.template_records(scope, &mut index).await?;
        if scope.member.is_none() {
            data.schedules = self.schedule_records(scope.team, &index.templates).await?;
        }
        data.rounds = self.round_records(scope, &mut index).await?;
        self.fill_deliveries(scope, &mut data, &mut index).await?;
        self.fill_answers(scope, &mut data, &mut index).await?;
        data.resolutions = self.resolution_records(scope, &data, &index).await?;
        data.milestones = self.milestone_records(scope, &data, &index).await?;
        data.mandalarts = self.mandalart_records(scope, &data, &index).await?;
        data.letters = self.letter_records(scope).await?;
        Ok(data)
    }

    async fn team_record(&self, team: i64) -> Result<TeamRecord, StoreError> {
        let sql = "SELECT platform, external_id, name, time_zone, created_at, language
                   FROM teams WHERE id = $1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql).bind(team).fetch_optional(pool).await?;
            let row = row.ok_or_else(|| StoreError::NotFound(format!("team {team}")))?;
            Ok(TeamRecord {
                platform: row.word("platform")?,
                external_id: row.text("external_id")?,
                name: row.text("name")?,
                time_zone: row.word("time_zone")?,
                language: row.lang("language")?,
                created_at: row.instant("created_at")?,
            })
        })
    }

    async fn member_records(&self, scope: Scope) -> Result<Vec<MemberRecord>, StoreError> {
        let sql = "SELECT user_id, display_name, time_zone, language, delivery, paused_until,
                       dm_channel_id, created_at
                   FROM members WHERE team_id = $1 AND ($2 IS NULL OR id = $2) ORDER BY user_id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(MemberRecord {
                        user_id: row.text("user_id")?,
                        display_name: row.text("display_name")?,
                        time_zone: row.opt_zone("time_zone")?,
                        language: row.lang("language")?,
                        delivery: row.word("delivery")?,
                        paused_until: row.opt_instant("paused_until")?,
                        dm_channel_id: row.opt_text("dm_channel_id")?,
                        created_at: row.instant("created_at")?,
                    })
                })
                .collect()
        })
    }

    async fn template_records(
        &self,
        scope: Scope,
        index: &mut Index,
    ) -> Result<Vec<TemplateRecord>, StoreError> {
        let sql = "SELECT t.id, t.key, t.source, t.created_at FROM templates t
                   WHERE t.team_id = $1 AND ($2 IS NULL OR EXISTS (
                       SELECT 1 FROM rounds r JOIN deliveries d ON d.round_id = r.id
                       WHERE r.template_id = t.id AND d.member_id = $2))
                   ORDER BY t.id";
        let mut out = Vec::new();
        on_pool!(self, |pool| {
            for row in sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                index.templates.insert(row.int("id")?, out.len());
                out.push(TemplateRecord {
                    key: row.text("key")?,
                    source: row.text("source")?,
                    created_at: row.instant("created_at")?,
                });
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    async fn round_records(
        &self,
        scope: Scope,
        index: &mut Index,
    ) -> Result<Vec<RoundRecord>, StoreError> {
        let sql = "SELECT r.id, s.name, r.template_id, r.occurrence_local, r.due_at, r.closes_at,
                       r.status, r.closed_at, r.created_at
                   FROM rounds r LEFT JOIN schedules s ON s.id = r.schedule_id
                   WHERE r.team_id = $1 AND ($2 IS NULL OR EXISTS (
                       SELECT 1 FROM deliveries d WHERE d.round_id = r.id AND d.member_id = $2))
                   ORDER BY r.due_at, r.occurrence_local, r.id";
        let mut out = Vec::new();
        on_pool!(self, |pool| {
            for row in sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                index.rounds.insert(row.int("id")?, out.len());
                let template = index.templates[&row.int("template_id")?];
                out.push(RoundRecord {
                    schedule: row.opt_text("name")?,
                    template,
                    occurrence_local: row.local("occurrence_local")?,
                    due_at: row.instant("due_at")?,
                    closes_at: row.instant("closes_at")?,
                    status: row.word("status")?,
                    closed_at: row.opt_instant("closed_at")?,
                    created_at: row.instant("created_at")?,
                    deliveries: Vec::new(),
                });
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    async fn fill_deliveries(
        &self,
        scope: Scope,
        data: &mut Dataset,
        index: &mut Index,
    ) -> Result<(), StoreError> {
        let sql =
            "SELECT d.id, d.round_id, m.user_id, d.status, d.due_at, d.closes_at, d.remind_at,
                       d.reminded_at, d.attempts, d.next_attempt_at, d.platform_channel_id,
                       d.platform_message_id, d.last_error, d.sent_at, d.finished_at
                   FROM deliveries d JOIN rounds r ON r.id = d.round_id
                   JOIN members m ON m.id = d.member_id
                   WHERE r.team_id = $1 AND ($2 IS NULL OR d.member_id = $2)
                   ORDER BY d.round_id, m.user_id";
        on_pool!(self, |pool| {
            for row in sqlx::query(sql)
                .bind(scope.team)
                .bind(scope.member)
                .fetch_all(pool)
                .await?
            {
                let round = index.rounds[&row.int("round_id")?];
                let list = &mut data.rounds[round].deliveries;
                index.deliveries.insert(row.int("id")?, (round, list.len()));
                list.push(DeliveryRecord {
                    member: row.text("user_id")?,
                    status: row.word("status")?,
                    due_at: row.instant("due_at")?,
                    closes_at: row.instant("closes_at")?,
                    remind_at: row.opt_instant("remind_at")?,
                    reminded_at: row.opt_instant("reminded_at")?,
                    attempts: i32::try_from(row.int("attempts")?).unwrap_or(i32::MAX),
                    next_attempt_at: row.instant("next_attempt_at")?,
                    platform_channel_id: row.opt_text("platform_channel_id")?,
                    platform_message_id: row.opt_text("platform_message_id")?,
                    last_error: row.opt_text("last_error")?,
                    sent_at: row.opt_instant("sent_at")?,
                    finished_at: row.opt_instant("finished_at")?,
                    answers: Vec::new(),
                });
            }
            Ok::<(), StoreError>(())
        })
    }
}
