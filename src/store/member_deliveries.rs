//! A member's deliveries as the conversation use cases see them: which rounds they may answer
//! now, one delivery with its round and template, and marking a delivery skipped.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::AssertSqlSafe;

use super::decode::{Decoders, Unreadable};
use super::rows::RowExt;
use super::tx::Arg;
use super::{Pool, Store, StoreError, on_pool};
use crate::domain::ids::{
    DeliveryId, MemberId, RequestId, RoundId, ScheduleId, TeamId, TemplateVersionId,
};
use crate::domain::state::{DeliveryStatus, RoundStatus};
use crate::domain::template::Template;

/// One member's delivery together with its round and the template version the round asks.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryRound {
    /// The delivery.
    pub delivery_id: DeliveryId,
    /// Who was asked.
    pub member_id: MemberId,
    /// The round.
    pub round_id: RoundId,
    /// The delivery's state.
    pub status: DeliveryStatus,
    /// The round's state.
    pub round_status: RoundStatus,
    /// When this member's window closes.
    pub closes_at: DateTime<Utc>,
    /// The round's occurrence as local wall-clock time (placeholders come from its date).
    pub occurrence_local: NaiveDateTime,
    /// The schedule's name, or `None` for a one-off round.
    pub schedule_name: Option<String>,
    /// The stored template version.
    pub template_id: TemplateVersionId,
    /// The template's key (`weekly`).
    pub template_key: String,
    /// The template version as stored when the round was made, parsed (once per version), or
    /// why it cannot be read.
    pub template: Result<Arc<Template>, Unreadable>,
}

impl DeliveryRound {
    /// Whether answers are still taken at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.round_status == RoundStatus::Open
            && self.closes_at > now
            && self.status != DeliveryStatus::Missed
    }

    /// The name people use for the round: its schedule's, or its template's for a one-off.
    pub fn name(&self) -> &str {
        self.schedule_name.as_deref().unwrap_or(&self.template_key)
    }
}

const DELIVERY_ROUND: &str = "SELECT d.id AS delivery_id, d.member_id, d.round_id, d.status,
        r.status AS round_status, d.closes_at, r.occurrence_local, s.name AS schedule_name,
        t.id AS template_id, t.key AS template_key, t.source AS template_source
    FROM deliveries d
    JOIN rounds r ON r.id = d.round_id
    JOIN templates t ON t.id = r.template_id
    LEFT JOIN schedules s ON s.id = r.schedule_id";

impl Store {
    /// The member's deliveries that take answers at `now` (due, round open, window not
    /// closed), most recent occurrence first.
    pub async fn open_deliveries(
        &self,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<Vec<DeliveryRound>, StoreError> {
        let sql = format!(
            "{DELIVERY_ROUND}
             WHERE d.member_id = $1 AND r.status = 'open' AND d.closes_at > $2
               AND d.due_at <= $2 AND d.status <> 'missed'
             ORDER BY r.occurrence_local DESC, d.id DESC"
        );
        on_pool!(self, |pool| {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(member.0)
                .bind(now)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| delivery_round_from(row, &self.decode))
                .collect()
        })
    }

    /// The member's most recent delivery that is already due, open or not (to say "that round
    /// closed" rather than "nothing to answer").
    pub async fn latest_delivery(
        &self,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<Option<DeliveryRound>, StoreError> {
        let sql = format!(
            "{DELIVERY_ROUND} WHERE d.member_id = $1 AND d.due_at <= $2
             ORDER BY d.due_at DESC, d.id DESC LIMIT 1"
        );
        on_pool!(self, |pool| {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(member.0)
                .bind(now)
                .fetch_optional(pool)
                .await?;
            row.as_ref()
                .map(|row| delivery_round_from(row, &self.decode))
                .transpose()
        })
    }

    /// One delivery with its round, or `None` when there is no such delivery.
    pub async fn delivery_round(
        &self,
        delivery: DeliveryId,
    ) -> Result<Option<DeliveryRound>, StoreError> {
        // Read together with the others asked meanwhile (see `read_batch`).
        let (pool, decode) = (self.pool.clone(), self.decode.clone());
        let read = move |ids| read_rounds(pool.clone(), decode.clone(), ids);
        if let Some(found) = self.batched.rounds.get(delivery, read).await {
            return Ok(found);
        }
        // The set-based read failed: this delivery alone, to meet its own error.
        let alone = read_rounds(self.pool.clone(), self.decode.clone(), vec![delivery]);
        Ok(alone.await?.remove(&delivery))
    }

    /// Marks an open delivery skipped; `false` when it is no longer open (closed meanwhile). A
    /// `request` handled already is [`StoreError::HandledElsewhere`] (nothing written).
    pub async fn skip_delivery(
        &self,
        delivery: DeliveryId,
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE deliveries SET status = 'skipped', finished_at = $2
                   WHERE id = $1 AND closes_at > $2 AND status <> 'missed'
                     AND EXISTS (SELECT 1 FROM rounds r
                                 WHERE r.id = deliveries.round_id AND r.status = 'open')";
        let args = [Arg::Int(delivery.0), Arg::Instant(now)];
        Ok(self.execute_once(request, now, sql, &args).await? == 1)
    }

    /// Whether the team has any schedule (the console offers to set one up when not).
    pub async fn team_has_schedules(&self, team: TeamId) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM schedules WHERE team_id = $1";
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(team.0)
            .fetch_one(pool)
            .await)?;
        Ok(count > 0)
    }

    /// The name of one of the team's schedules (for a Join button carrying its id).
    pub async fn schedule_name_of(
        &self,
        team: TeamId,
        schedule: ScheduleId,
    ) -> Result<Option<String>, StoreError> {
        let sql = "SELECT name FROM schedules WHERE team_id = $1 AND id = $2";
        let name: Option<String> = on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(team.0)
            .bind(schedule.0)
            .fetch_optional(pool)
            .await)?;
        Ok(name)
    }
}

/// The deliveries `ids` with their rounds, with one statement, by id: the ids bound as one
/// array on PostgreSQL, as a JSON array on SQLite.
async fn read_rounds(
    pool: Pool,
    decode: Arc<Decoders>,
    ids: Vec<DeliveryId>,
) -> Result<HashMap<DeliveryId, DeliveryRound>, StoreError> {
    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
    match &pool {
        Pool::Postgres(pool) => {
            let sql = format!("{DELIVERY_ROUND} WHERE d.id = ANY($1)");
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(ids)
                .fetch_all(pool)
                .await?;
            by_id(&rows, &decode)
        }
        Pool::Sqlite(pool) => {
            let sql = format!("{DELIVERY_ROUND} WHERE d.id IN (SELECT value FROM json_each($1))");
            let json = serde_json::to_string(&ids).unwrap_or_default();
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(json)
                .fetch_all(pool)
                .await?;
            by_id(&rows, &decode)
        }
    }
}

/// Each row's delivery and round, by delivery.
fn by_id(
    rows: &[impl RowExt],
    decode: &Decoders,
) -> Result<HashMap<DeliveryId, DeliveryRound>, StoreError> {
    rows.iter()
        .map(|row| delivery_round_from(row, decode).map(|round| (round.delivery_id, round)))
        .collect()
}

fn delivery_round_from(row: &impl RowExt, decode: &Decoders) -> Result<DeliveryRound, StoreError> {
    Ok(DeliveryRound {
        delivery_id: DeliveryId(row.int("delivery_id")?),
        member_id: MemberId(row.int("member_id")?),
        round_id: RoundId(row.int("round_id")?),
        status: row.word("status")?,
        round_status: row.word("round_status")?,
        closes_at: row.instant("closes_at")?,
        occurrence_local: row.local("occurrence_local")?,
        schedule_name: row.opt_text("schedule_name")?,
        template_id: TemplateVersionId(row.int("template_id")?),
        template_key: row.text("template_key")?,
        template: decode.template(
            TemplateVersionId(row.int("template_id")?),
            &row.text("template_source")?,
        ),
    })
}

impl Store {
    /// The team (external id and name) of a delivery made to `user_id` on `platform`, for a
    /// button pressed or a form submitted where the platform names no team (a DM).
    pub async fn team_of_delivery(
        &self,
        platform: crate::domain::state::Platform,
        user_id: &str,
        delivery: DeliveryId,
    ) -> Result<Option<(String, String)>, StoreError> {
        let sql = "SELECT t.external_id, t.name FROM deliveries d
                   JOIN members m ON m.id = d.member_id
                   JOIN teams t ON t.id = m.team_id
                   WHERE d.id = $1 AND m.user_id = $2 AND t.platform = $3";
        let row: Option<(String, String)> = on_pool!(self, |pool| sqlx::query_as(sql)
            .bind(delivery.0)
            .bind(user_id)
            .bind(platform.as_str())
            .fetch_optional(pool)
            .await)?;
        Ok(row)
    }
}
