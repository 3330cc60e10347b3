//! A member's own data: personal settings and everything they wrote (for export).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::AssertSqlSafe;

use super::decode::Unreadable;
use super::rows::RowExt;
use super::teams::member_from;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{AnswerId, MemberId, TemplateVersionId};
use crate::domain::lang::Lang;
use crate::domain::state::{DeliveryMode, ResolutionStatus};
use crate::domain::team::Member;
use crate::domain::template::Template;
use crate::domain::visibility::Visibility;
use crate::domain::zone::ZoneName;

const MEMBER_COLUMNS: &str =
    "id, team_id, user_id, display_name, time_zone, language, delivery, paused_until";

/// One answer with where it was given and its earlier texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    /// Row id.
    pub id: AnswerId,
    /// The round's occurrence, local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// The round's schedule, or `None` for a one-off round.
    pub schedule_name: Option<String>,
    /// The template version asked.
    pub template_id: TemplateVersionId,
    /// The template's key.
    pub template_key: String,
    /// The question's id.
    pub question_id: String,
    /// The current text.
    pub value: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// First written.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Earlier texts, oldest first.
    pub history: Vec<HistoryRecord>,
}

/// An earlier text of an edited answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRecord {
    /// The text it had.
    pub value: String,
    /// Who could read it then.
    pub visibility: Visibility,
    /// When it was replaced.
    pub replaced_at: DateTime<Utc>,
}

/// A tracked resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionRecord {
    /// What was resolved.
    pub text: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// Where it stands.
    pub status: ResolutionStatus,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Everything a member wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberExport {
    /// Their answers, oldest round first.
    pub answers: Vec<AnswerRecord>,
    /// Their resolutions.
    pub resolutions: Vec<ResolutionRecord>,
    /// The TOML source of every template version their answers refer to.
    pub templates: BTreeMap<TemplateVersionId, String>,
}

impl Store {
    /// Changes a member's zone, language or delivery; `None` leaves a setting as it is.
    pub async fn update_member_settings(
        &self,
        member: MemberId,
        time_zone: Option<ZoneName>,
        language: Option<Lang>,
        delivery: Option<DeliveryMode>,
    ) -> Result<Member, StoreError> {
        let sql = format!(
            "UPDATE members SET time_zone = COALESCE($2, time_zone),
                 language = COALESCE($3, language), delivery = COALESCE($4, delivery)
             WHERE id = $1 RETURNING {MEMBER_COLUMNS}"
        );
        let changed = on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(member.0)
                .bind(time_zone.map(|z| z.name()))
                .bind(language.map(Lang::code))
                .bind(delivery.map(DeliveryMode::as_str))
                .fetch_one(pool)
                .await?;
            member_from(&row)
        });
        self.known.forget();
        changed
    }

    /// Pauses a member until an instant, or resumes them with `None`.
    pub async fn set_paused_until(
        &self,
        member: MemberId,
        until: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE members SET paused_until = $2 WHERE id = $1";
        on_pool!(self, |pool| sqlx::query(sql)
            .bind(member.0)
            .bind(until)
            .execute(pool)
            .await
            .map(|_| ()))?;
        self.known.forget();
        Ok(())
    }

    /// Everything the member wrote: answers with their history, resolutions, and the template
    /// versions needed to read the questions.
    pub async fn member_export(&self, member: MemberId) -> Result<MemberExport, StoreError> {
        let mut export = MemberExport {
            answers: self.member_answers(member).await?,
            resolutions: self.member_resolutions(member).await?,
            templates: BTreeMap::new(),
        };
        let mut history = self.member_history(member).await?;
        for answer in &mut export.answers {
            answer.history = history.remove(&answer.id).unwrap_or_default();
            if let std::collections::btree_map::Entry::Vacant(slot) =
                export.templates.entry(answer.template_id)
            {
                slot.insert(self.template_source(answer.template_id).await?);
            }
        }
        Ok(export)
    }

    /// A stored template version, parsed once per version for everyone who reads it.
    pub async fn template(&self, id: TemplateVersionId) -> Result<Arc<Template>, StoreError> {
        if let Some(known) = self.decode.known_template(id) {
            return Ok(known?);
        }
        let source = self.template_source(id).await?;
        Ok(self.decode.template(id, &source)?)
    }

    /// A stored template version, parsed from `source` (its text) once per version.
    pub fn parsed_template(
        &self,
        id: TemplateVersionId,
        source: &str,
    ) -> Result<Arc<Template>, Unreadable> {
        self.decode.template(id, source)
    }

    /// The stored TOML source of a template version.
    pub async fn template_source(&self, id: TemplateVersionId) -> Result<String, StoreError> {
        let sql = "SELECT source FROM templates WHERE id = $1";
        let source: Option<String> = on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(id.0)
            .fetch_optional(pool)
            .await)?;
        source.ok_or_else(|| StoreError::NotFound(format!("template version {id}")))
    }

    async fn member_answers(&self, member: MemberId) -> Result<Vec<AnswerRecord>, StoreError> {
        let sql = "SELECT a.id, r.occurrence_local, s.name AS schedule_name, t.id AS template_id,
                       t.key AS template_key, a.question_id, a.value, a.visibility, a.created_at,
                       a.updated_at
                   FROM answers a
                   JOIN deliveries d ON d.id = a.delivery_id
                   JOIN rounds r ON r.id = d.round_id
                   JOIN templates t ON t.id = r.template_id
                   LEFT JOIN schedules s ON s.id = r.schedule_id
                   WHERE d.member_id = $1
                   ORDER BY r.occurrence_local, r.id, a.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(member.0).fetch_all(pool).await?;
            rows.iter().map(answer_record_from).collect()
        })
    }

    async fn member_history(
        &self,
        member: MemberId,
    ) -> Result<BTreeMap<AnswerId, Vec<HistoryRecord>>, StoreError> {
        let sql = "SELECT h.answer_id, h.value, h.visibility, h.replaced_at
                   FROM answer_history h
                   JOIN answers a ON a.id = h.answer_id
                   JOIN deliveries d ON d.id = a.delivery_id
                   WHERE d.member_id = $1 ORDER BY h.id";
        let mut history: BTreeMap<AnswerId, Vec<HistoryRecord>> = BTreeMap::new();
        on_pool!(self, |pool| {
            for row in sqlx::query(sql).bind(member.0).fetch_all(pool).await? {
                history
                    .entry(AnswerId(row.int("answer_id")?))
                    .or_default()
                    .push(HistoryRecord {
                        value: row.text("value")?,
                        visibility: row.word("visibility")?,
                        replaced_at: row.instant("replaced_at")?,
                    });
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(history)
    }

    async fn member_resolutions(
        &self,
        member: MemberId,
    ) -> Result<Vec<ResolutionRecord>, StoreError> {
        let sql = "SELECT text, visibility, status, created_at FROM resolutions
                   WHERE member_id = $1 ORDER BY created_at, position, id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(member.0).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(ResolutionRecord {
                        text: row.text("text")?,
                        visibility: row.word("visibility")?,
                        status: row.word("status")?,
                        created_at: row.instant("created_at")?,
                    })
                })
                .collect()
        })
    }
}

fn answer_record_from(row: &impl RowExt) -> Result<AnswerRecord, StoreError> {
    Ok(AnswerRecord {
        id: AnswerId(row.int("id")?),
        occurrence_local: row.local("occurrence_local")?,
        schedule_name: row.opt_text("schedule_name")?,
        template_id: TemplateVersionId(row.int("template_id")?),
        template_key: row.text("template_key")?,
        question_id: row.text("question_id")?,
        value: row.text("value")?,
        visibility: row.word("visibility")?,
        created_at: row.instant("created_at")?,
        updated_at: row.instant("updated_at")?,
        history: Vec::new(),
    })
}
