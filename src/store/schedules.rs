//! Templates (stored versions) and schedules.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Store, StoreError, on_pool};
use crate::domain::ids::{ScheduleId, TeamId, TemplateVersionId};
use crate::domain::recap::digest::DigestGrouping;

/// Inserts one schedule row, returning its id (the quota-held write uses it too).
pub(super) const INSERT_SCHEDULE: &str =
    "INSERT INTO schedules (team_id, name, template_id, cron, time_zone, channel_id,
                digest_channel_id, window_secs, reminder_percent, grace_secs, next_local,
                next_due_at, created_at, digest_group)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING id";

/// A schedule to create.
#[derive(Debug, Clone)]
pub struct NewSchedule {
    /// The team.
    pub team_id: TeamId,
    /// Unique name within the team.
    pub name: String,
    /// The template version it asks.
    pub template_id: TemplateVersionId,
    /// 5-field crontab expression.
    pub cron: String,
    /// IANA zone, or `None` for member-local.
    pub time_zone: Option<String>,
    /// Channel for threads, if any.
    pub channel_id: Option<String>,
    /// Channel for digests, if any.
    pub digest_channel_id: Option<String>,
    /// How its round digests are grouped.
    pub digest_group: DigestGrouping,
    /// Answer window in seconds.
    pub window_secs: i64,
    /// Reminder point in percent of the window, 0 for none.
    pub reminder_percent: i16,
    /// Catch-up grace period in seconds.
    pub grace_secs: i64,
    /// First occurrence (local wall-clock time).
    pub next_local: Option<NaiveDateTime>,
    /// When the scheduler acts on it.
    pub next_due_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Stores a version of a template's source for a team.
    pub async fn save_template(
        &self,
        team_id: TeamId,
        key: &str,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<TemplateVersionId, StoreError> {
        let sql = "INSERT INTO templates (team_id, key, source, created_at)
                   VALUES ($1, $2, $3, $4) RETURNING id";
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(sql)
                .bind(team_id.0)
                .bind(key)
                .bind(source)
                .bind(now)
                .fetch_one(pool)
                .await
        })?;
        Ok(TemplateVersionId(id))
    }

    /// Creates a schedule; a second schedule with the same name in a team is a conflict.
    pub async fn create_schedule(
        &self,
        schedule: &NewSchedule,
        now: DateTime<Utc>,
    ) -> Result<ScheduleId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(INSERT_SCHEDULE)
                .bind(schedule.team_id.0)
                .bind(&schedule.name)
                .bind(schedule.template_id.0)
                .bind(&schedule.cron)
                .bind(&schedule.time_zone)
                .bind(&schedule.channel_id)
                .bind(&schedule.digest_channel_id)
                .bind(schedule.window_secs)
                .bind(schedule.reminder_percent)
                .bind(schedule.grace_secs)
                .bind(schedule.next_local)
                .bind(schedule.next_due_at)
                .bind(now)
                .bind(schedule.digest_group.as_str())
                .fetch_one(pool)
                .await
        })?;
        Ok(ScheduleId(id))
    }
}
