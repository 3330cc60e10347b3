//! What the sender does when a prompt was not sent: wait out a rate limit without counting an
//! attempt, back off and retry a failure (whose prompt may have been posted all the same: it
//! stays marked in flight, so the next attempt asks the platform first), or give up.

use chrono::{DateTime, Utc};

use super::{Sender, StepOutcome};
use crate::domain::state::DeliveryMode;
use crate::service::i18n::t;
use crate::service::messenger::SendError;
use crate::store::{ClaimedDelivery, StoreError};

impl Sender {
    pub(super) async fn not_sent(
        &self,
        delivery: &ClaimedDelivery,
        error: SendError,
        outcome: &mut StepOutcome,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        match error {
            SendError::RateLimited { retry_after } => {
                self.pacer.back_off(retry_after).await;
                let at = now + chrono::Duration::from_std(retry_after).unwrap_or_default();
                // A refused post is settled: nothing was posted.
                self.store
                    .retry_delivery(delivery.id, at, (false, true), None)
                    .await?;
                metrics::counter!("hoego_deliveries_rate_limited_total").increment(1);
                outcome.rate_limited += 1;
            }
            SendError::Undeliverable(reason) => {
                tracing::warn!(%reason, "delivery undeliverable");
                self.store
                    .give_up_delivery(delivery.id, now, true, &reason)
                    .await?;
                self.tell_once(delivery).await?;
                metrics::counter!("hoego_deliveries_failed_total", "reason" => "undeliverable")
                    .increment(1);
                outcome.given_up += 1;
            }
            SendError::Failed(reason) => self.failed(delivery, now, &reason, outcome).await?,
        }
        Ok(())
    }

    /// Tells a member whose DMs are closed, once, in the schedule's channel (when it has one)
    /// that prompts cannot reach them.
    async fn tell_once(&self, delivery: &ClaimedDelivery) -> Result<(), StoreError> {
        let Some(channel) = &delivery.channel_id else {
            return Ok(());
        };
        if delivery.delivery != DeliveryMode::Dm
            || self.store.other_undeliverable(delivery.id).await? > 0
        {
            return Ok(());
        }
        let text = t(delivery.language, "reminder.dms_closed", &[]);
        if let Err(error) = self
            .messenger
            .notice(channel, &delivery.user_id, delivery.language, &text)
            .await
        {
            tracing::warn!(error = %error, "cannot tell the member their DMs are closed");
        }
        Ok(())
    }

    async fn failed(
        &self,
        delivery: &ClaimedDelivery,
        now: DateTime<Utc>,
        reason: &str,
        outcome: &mut StepOutcome,
    ) -> Result<(), StoreError> {
        let attempts = delivery.attempts + 1;
        if attempts >= i64::from(self.settings.max_attempts) {
            tracing::warn!(%reason, attempts, "delivery failed for good");
            self.store
                .give_up_delivery(delivery.id, now, false, reason)
                .await?;
            metrics::counter!("hoego_deliveries_failed_total", "reason" => "attempts").increment(1);
            outcome.given_up += 1;
        } else {
            let at = now + backoff(attempts);
            tracing::info!(%reason, attempts, retry_at = %at, "delivery failed; will retry");
            self.store
                .retry_delivery(delivery.id, at, (true, false), Some(reason))
                .await?;
            outcome.retried += 1;
        }
        Ok(())
    }

    /// A delivery whose template cannot be read will never send: it fails at once.
    pub(super) async fn unreadable(
        &self,
        delivery: &ClaimedDelivery,
        problem: &str,
        outcome: &mut StepOutcome,
    ) -> Result<(), StoreError> {
        tracing::error!(delivery = %delivery.id, round = %delivery.round_id, %problem,
            "prompt cannot be built");
        self.store
            .give_up_delivery(delivery.id, self.clock.now(), false, problem)
            .await?;
        outcome.given_up += 1;
        Ok(())
    }
}

/// Exponential backoff with ±20% jitter: 10 s, 20 s, 40 s ... at most 15 minutes.
pub fn backoff(attempts: i64) -> chrono::Duration {
    let base = 10.0 * 2f64.powi(attempts.clamp(1, 20) as i32 - 1);
    let jittered = base.min(900.0) * (0.8 + 0.4 * rand::random::<f64>());
    chrono::Duration::milliseconds((jittered * 1000.0) as i64)
}

pub(super) fn lag_seconds(due: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    (now - due).num_milliseconds().max(0) as f64 / 1000.0
}
