//! Schedule administration: listing, finding, pausing, removing, participants, template
//! versions.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::decode::{Decoders, Unreadable};
use super::rows::{BeginWrite, RowExt};
use super::teams::member_from;
use super::tx::Arg;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{MemberId, RequestId, ScheduleId, TeamId, TemplateVersionId};
use crate::domain::recap::digest::DigestGrouping;
use crate::domain::schedule::CronSpec;
use crate::domain::state::ScheduleState;
use crate::domain::team::Member;
use crate::domain::zone::ZoneName;

/// A schedule as listed to people.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSummary {
    /// The schedule.
    pub id: ScheduleId,
    /// Its name.
    pub name: String,
    /// The template key it asks.
    pub template_key: String,
    /// The template version.
    pub template_id: TemplateVersionId,
    /// The crontab expression, or the stored text that cannot be read.
    pub cron: Result<CronSpec, Unreadable>,
    /// Its zone (`None` for member-local), or the stored text that cannot be read.
    pub time_zone: Result<Option<ZoneName>, Unreadable>,
    /// Channel for threads and digests.
    pub channel_id: Option<String>,
    /// Active or paused.
    pub state: ScheduleState,
    /// How its round digests are grouped.
    pub digest_group: DigestGrouping,
    /// The next occurrence.
    pub next_local: Option<NaiveDateTime>,
    /// When it fires.
    pub next_due_at: Option<DateTime<Utc>>,
    /// Answer window, seconds.
    pub window_secs: i64,
    /// Reminder point, percent.
    pub reminder_percent: i64,
    /// How many participants.
    pub participants: i64,
    /// Deliveries the platform refused (e.g. DMs closed).
    pub undeliverable: i64,
}

impl ScheduleSummary {
    /// Its expression and zone (`None` for member-local), or an error naming the stored value
    /// that cannot be read.
    pub fn timing(&self) -> Result<(CronSpec, Option<ZoneName>), StoreError> {
        let cron = self.cron.clone()?;
        Ok((cron, self.time_zone.clone()?))
    }
}

const SUMMARY: &str =
    "SELECT s.id, s.name, tp.key AS template_key, s.template_id, s.cron, s.time_zone,
        s.channel_id, s.state, s.digest_group, s.next_local, s.next_due_at, s.window_secs, s.reminder_percent,
        (SELECT COUNT(*) FROM schedule_participants sp WHERE sp.schedule_id = s.id) AS participants,
        (SELECT COUNT(*) FROM deliveries d JOIN rounds r ON r.id = d.round_id
          WHERE r.schedule_id = s.id AND d.status = 'undeliverable') AS undeliverable
     FROM schedules s JOIN templates tp ON tp.id = s.template_id";

impl Store {
    /// The team's schedules by name.
    pub async fn schedules(&self, team: TeamId) -> Result<Vec<ScheduleSummary>, StoreError> {
        let sql = format!("{SUMMARY} WHERE s.team_id = $1 ORDER BY s.name");
        on_pool!(self, |pool| {
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(team.0)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| summary_from(row, &self.decode))
                .collect()
        })
    }

    /// A team's schedule by name.
    pub async fn schedule_named(
        &self,
        team: TeamId,
        name: &str,
    ) -> Result<Option<ScheduleSummary>, StoreError> {
        let sql = format!("{SUMMARY} WHERE s.team_id = $1 AND s.name = $2");
        on_pool!(self, |pool| {
            let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(team.0)
                .bind(name)
                .fetch_optional(pool)
                .await?;
            row.as_ref()
                .map(|row| summary_from(row, &self.decode))
                .transpose()
        })
    }

    /// Pauses or resumes a schedule; resuming sets the next occurrence (no backfill).
    pub async fn set_schedule_state(
        &self,
        id: ScheduleId,
        state: ScheduleState,
        next: Option<(NaiveDateTime, DateTime<Utc>)>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE schedules SET state = $2, next_local = COALESCE($3, next_local),
                          next_due_at = COALESCE($4, next_due_at) WHERE id = $1";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(id.0)
                .bind(state.as_str())
                .bind(next.map(|n| n.0))
                .bind(next.map(|n| n.1))
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Removes a schedule; its past rounds and their answers stay (detached from it).
    pub async fn remove_schedule(&self, id: ScheduleId) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE rounds SET schedule_id = NULL WHERE schedule_id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM schedules WHERE id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        })?;
        Ok(())
    }

    /// Adds a participant; returns false when they already were one. A `request` handled
    /// already is [`StoreError::HandledElsewhere`] (nothing written).
    pub async fn add_participant(
        &self,
        schedule: ScheduleId,
        member: MemberId,
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<bool, StoreError> {
        let sql = "INSERT INTO schedule_participants (schedule_id, member_id, added_at) VALUES ($1, $2, $3)
                   ON CONFLICT (schedule_id, member_id) DO NOTHING";
        let args = [Arg::Int(schedule.0), Arg::Int(member.0), Arg::Instant(now)];
        Ok(self.execute_once(request, now, sql, &args).await? == 1)
    }

    /// Removes a participant; returns false when they were not one. A `request` handled
    /// already is [`StoreError::HandledElsewhere`] (nothing written).
    pub async fn remove_participant(
        &self,
        schedule: ScheduleId,
        member: MemberId,
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<bool, StoreError> {
        let sql = "DELETE FROM schedule_participants WHERE schedule_id = $1 AND member_id = $2";
        let args = [Arg::Int(schedule.0), Arg::Int(member.0)];
        Ok(self.execute_once(request, now, sql, &args).await? == 1)
    }

    /// A schedule's participants.
    pub async fn participants_of(&self, schedule: ScheduleId) -> Result<Vec<Member>, StoreError> {
        let sql = "SELECT m.id, m.team_id, m.user_id, m.display_name, m.time_zone, m.language, m.delivery,
                          m.paused_until
                   FROM schedule_participants sp JOIN members m ON m.id = sp.member_id
                   WHERE sp.schedule_id = $1 ORDER BY m.id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(schedule.0).fetch_all(pool).await?;
            rows.iter().map(member_from).collect()
        })
    }

    /// A team member by display name (case-insensitive) or platform user id.
    pub async fn find_member(
        &self,
        team: TeamId,
        name_or_id: &str,
    ) -> Result<Option<Member>, StoreError> {
        let sql = "SELECT id, team_id, user_id, display_name, time_zone, language, delivery, paused_until
                   FROM members WHERE team_id = $1 AND (user_id = $2 OR LOWER(display_name) = LOWER($2))
                   ORDER BY id LIMIT 1";
        on_pool!(self, |pool| {
            let row = sqlx::query(sql)
                .bind(team.0)
                .bind(name_or_id)
                .fetch_optional(pool)
                .await?;
            row.as_ref().map(member_from).transpose()
        })
    }

    /// The team's newest stored version of a template whose source is `source`, stored anew
    /// when the text changed.
    pub async fn template_version(
        &self,
        team: TeamId,
        key: &str,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<TemplateVersionId, StoreError> {
        let sql = "SELECT id FROM templates WHERE team_id = $1 AND key = $2 AND source = $3
                   ORDER BY id DESC LIMIT 1";
        let found: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(sql)
                .bind(team.0)
                .bind(key)
                .bind(source)
                .fetch_optional(pool)
                .await
        })?;
        match found {
            Some(id) => Ok(TemplateVersionId(id)),
            None => self.save_template(team, key, source, now).await,
        }
    }
}

fn summary_from(row: &impl RowExt, decode: &Decoders) -> Result<ScheduleSummary, StoreError> {
    Ok(ScheduleSummary {
        id: ScheduleId(row.int("id")?),
        name: row.text("name")?,
        template_key: row.text("template_key")?,
        template_id: TemplateVersionId(row.int("template_id")?),
        cron: decode.cron("schedules.cron", &row.text("cron")?),
        time_zone: decode.opt_zone("schedules.time_zone", row.opt_text("time_zone")?.as_deref()),
        channel_id: row.opt_text("channel_id")?,
        state: row.word("state")?,
        digest_group: row.word("digest_group")?,
        next_local: row.opt_local("next_local")?,
        next_due_at: row.opt_instant("next_due_at")?,
        window_secs: row.int("window_secs")?,
        reminder_percent: row.int("reminder_percent")?,
        participants: row.int("participants")?,
        undeliverable: row.int("undeliverable")?,
    })
}
