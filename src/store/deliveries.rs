//! The sender's side of deliveries: claim due ones with a lease, then record what happened.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::json;

use super::decode::{Decoders, Unreadable};
use super::deliveries_sql as sql;
use super::rows::{BeginWrite, RowExt};
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{DeliveryId, MemberId, RoundId, TeamId, TemplateVersionId};
use crate::domain::lang::Lang;
use crate::domain::state::DeliveryMode;
use crate::domain::template::Template;
use crate::domain::zone::ZoneName;

/// A prompt the platform accepted, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRecord {
    /// The delivery.
    pub id: DeliveryId,
    /// Where it landed.
    pub channel_id: String,
    /// The platform's message id.
    pub message_id: String,
    /// Whether it was a DM (its channel is cached on the member).
    pub dm: bool,
}

/// A delivery leased to one sender, with what its prompt needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimedDelivery {
    /// The delivery.
    pub id: DeliveryId,
    /// Its round.
    pub round_id: RoundId,
    /// The round's team (the sender takes turns between teams).
    pub team_id: TeamId,
    /// Who is asked.
    pub member_id: MemberId,
    /// Failed attempts so far.
    pub attempts: i64,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// When the member's window closes.
    pub closes_at: DateTime<Utc>,
    /// The member's platform user id.
    pub user_id: String,
    /// The member's cached DM channel.
    pub dm_channel_id: Option<String>,
    /// The member's language.
    pub language: Lang,
    /// DM or thread.
    pub delivery: DeliveryMode,
    /// The member's zone, else the team's (for showing times), or the stored value that
    /// cannot be read.
    pub zone: Result<ZoneName, Unreadable>,
    /// The team's name.
    pub team_name: String,
    /// The schedule's name (`None` for a one-off round).
    pub schedule_name: Option<String>,
    /// The schedule's channel, for thread delivery.
    pub channel_id: Option<String>,
    /// The stored template version.
    pub template_id: TemplateVersionId,
    /// The template's key, e.g. `weekly`.
    pub template_key: String,
    /// The template version, parsed (once per version), or why it cannot be read.
    pub template: Result<Arc<Template>, Unreadable>,
    /// The round's local wall-clock occurrence.
    pub occurrence_local: NaiveDateTime,
    /// Whether an earlier lease of it ran out: its sender may have sent the prompt and died
    /// before recording it, so the platform is asked before sending again.
    pub stranded: bool,
    /// Where the prompt landed (for reminders).
    pub platform_channel_id: Option<String>,
    /// The prompt's message id (for reminders).
    pub platform_message_id: Option<String>,
}

impl Store {
    /// Leases up to `limit` due pending deliveries until `lease_until` to the sender `owner`,
    /// taking turns between teams: each team's first due delivery, then each team's second, and
    /// so on, so that one team's backlog cannot fill the batch. A delivery whose send began and
    /// was never settled (marked by [`Store::mark_sending`]) comes back
    /// [`ClaimedDelivery::stranded`].
    pub async fn claim_deliveries(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>, StoreError> {
        let (pick, lease) = (sql::pick(self.dialect()), sql::lease(self.dialect()));
        let details = sql::details(self.dialect());
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let picked = sqlx::query(pick)
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
            let mut ids = Vec::new();
            let mut stranded = HashSet::new();
            for row in &picked {
                let id = row.int("id")?;
                if row.opt_instant("sending_at")?.is_some() {
                    stranded.insert(id);
                }
                ids.push(id);
            }
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let ids = json!(ids).to_string();
            sqlx::query(lease)
                .bind(&ids)
                .bind(lease_until)
                .bind(owner)
                .execute(&mut *tx)
                .await?;
            let rows = sqlx::query(details).bind(ids).fetch_all(&mut *tx).await?;
            tx.commit().await?;
            rows.iter()
                .map(|row| {
                    let mut claimed = claimed_from(row, &self.decode)?;
                    claimed.stranded = stranded.contains(&claimed.id.0);
                    Ok(claimed)
                })
                .collect()
        })
    }

    /// Marks up to `limit` sent deliveries whose reminder is due as reminded, and returns them.
    /// Marked before sending: a reminder is never sent twice.
    pub async fn claim_reminders(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>, StoreError> {
        self.claim_and_read(sql::claim_reminders(self.dialect()), now, now, limit)
            .await
    }

    /// Runs a claiming statement (`$1` now, `$2` stamp, `$3` limit) returning ids, then reads
    /// the claimed deliveries, in one transaction.
    async fn claim_and_read(
        &self,
        claim: &'static str,
        now: DateTime<Utc>,
        stamp: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>, StoreError> {
        let details = sql::details(self.dialect());
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let ids: Vec<i64> = sqlx::query_scalar(claim)
                .bind(now)
                .bind(stamp)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let rows = sqlx::query(details)
                .bind(json!(ids).to_string())
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            rows.iter()
                .map(|row| claimed_from(row, &self.decode))
                .collect()
        })
    }

    /// Records a batch of sent prompts in one transaction and caches members' DM channels.
    /// Deliveries no longer pending (closed meanwhile) are left as they are; returns how many
    /// were recorded.
    pub async fn record_sent(
        &self,
        now: DateTime<Utc>,
        sent: &[SentRecord],
    ) -> Result<u64, StoreError> {
        if sent.is_empty() {
            return Ok(0);
        }
        let dialect = self.dialect();
        let all = json!(sent.iter().map(|r| json!({"id": r.id.0, "channel_id": r.channel_id, "message_id": r.message_id})).collect::<Vec<_>>()).to_string();
        let dms = json!(
            sent.iter()
                .filter(|r| r.dm)
                .map(|r| json!({"id": r.id.0, "channel_id": r.channel_id}))
                .collect::<Vec<_>>()
        )
        .to_string();
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let recorded = sqlx::query(sql::record_sent(dialect))
                .bind(all)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(sql::cache_dm_channels(dialect))
                .bind(dms)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(recorded)
        })
    }

    /// Puts a delivery back for a later attempt. `count_attempt` is false for rate limits;
    /// `settled` says the prompt is known not to be posted (the platform refused it), else a send
    /// marked in flight stays so and the next attempt asks the platform first.
    pub async fn retry_delivery(
        &self,
        id: DeliveryId,
        at: DateTime<Utc>,
        (count_attempt, settled): (bool, bool),
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let sql =
            "UPDATE deliveries SET next_attempt_at = $2, lease_until = NULL, leased_by = NULL,
                          attempts = attempts + $3, last_error = COALESCE($4, last_error),
                          sending_at = CASE WHEN $5 = 1 THEN NULL ELSE sending_at END
                   WHERE id = $1 AND status = 'pending'";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(id.0)
                .bind(at)
                .bind(i32::from(count_attempt))
                .bind(error)
                .bind(i32::from(settled))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Ends a delivery that will not be sent: `failed` (attempts exhausted) or `undeliverable`.
    pub async fn give_up_delivery(
        &self,
        id: DeliveryId,
        now: DateTime<Utc>,
        undeliverable: bool,
        error: &str,
    ) -> Result<(), StoreError> {
        let status = if undeliverable {
            "undeliverable"
        } else {
            "failed"
        };
        let sql = "UPDATE deliveries SET status = $2, finished_at = $3, lease_until = NULL,
                          leased_by = NULL, sending_at = NULL, last_error = $4,
                          attempts = attempts + 1
                   WHERE id = $1 AND status = 'pending'";
        on_pool!(self, |pool| {
            sqlx::query(sql)
                .bind(id.0)
                .bind(status)
                .bind(now)
                .bind(error)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// How many of the member's other deliveries (besides `id`, of the same member) ended
    /// undeliverable: none means they have not been told yet that their DMs are closed.
    pub async fn other_undeliverable(&self, id: DeliveryId) -> Result<i64, StoreError> {
        let sql =
            "SELECT COUNT(*) FROM deliveries d JOIN deliveries me ON me.member_id = d.member_id
                   WHERE me.id = $1 AND d.id <> me.id AND d.status = 'undeliverable'";
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(sql)
            .bind(id.0)
            .fetch_one(pool)
            .await)?;
        Ok(count)
    }
}

fn claimed_from(row: &impl RowExt, decode: &Decoders) -> Result<ClaimedDelivery, StoreError> {
    let member_zone = row.opt_text("member_zone")?;
    let team_zone = row.text("team_zone")?;
    Ok(ClaimedDelivery {
        id: DeliveryId(row.int("id")?),
        round_id: RoundId(row.int("round_id")?),
        team_id: TeamId(row.int("team_id")?),
        member_id: MemberId(row.int("member_id")?),
        attempts: row.int("attempts")?,
        due_at: row.instant("due_at")?,
        closes_at: row.instant("closes_at")?,
        user_id: row.text("user_id")?,
        dm_channel_id: row.opt_text("dm_channel_id")?,
        language: row.lang("language")?,
        delivery: row.word("delivery")?,
        zone: match member_zone {
            Some(zone) => decode.zone("members.time_zone", &zone),
            None => decode.zone("teams.time_zone", &team_zone),
        },
        team_name: row.text("team_name")?,
        schedule_name: row.opt_text("schedule_name")?,
        channel_id: row.opt_text("channel_id")?,
        template_id: TemplateVersionId(row.int("template_id")?),
        template_key: row.text("template_key")?,
        template: decode.template(
            TemplateVersionId(row.int("template_id")?),
            &row.text("template_source")?,
        ),
        occurrence_local: row.local("occurrence_local")?,
        stranded: false,
        platform_channel_id: row.opt_text("platform_channel_id")?,
        platform_message_id: row.opt_text("platform_message_id")?,
    })
}
