//! Before sending a stranded delivery again (its earlier lease ran out: the sender holding it
//! may have posted the prompt and died before recording it), ask the platform whether the
//! prompt is already there, and record it instead of posting a second one.
//!
//! A look-up that fails does not send blindly: the delivery is put back still stranded (a rate
//! limit waits without counting an attempt; another failure counts one and backs off), so the
//! next attempt asks again. Only the last attempt, whose look-up failed too, sends without
//! knowing — counted in `hoego_deliveries_sent_unchecked_total` and logged — because holding a
//! prompt back for good (e.g. an app not yet granted the scope to read its DMs) loses it
//! for certain, where sending risks a duplicate.

use super::{Sender, StepOutcome};
use crate::service::messenger::{Outgoing, SendError, Sent};
use crate::store::{ClaimedDelivery, StoreError};

/// What the platform said about a stranded delivery's prompt.
pub(super) enum LookedUp {
    /// It is there: record it.
    Posted(Sent),
    /// It is not there (or this is the last attempt and nobody could tell): send it.
    Absent,
    /// Nobody could tell; the delivery is put back, still stranded.
    PutBack,
}

impl Sender {
    /// Whether `message`, the prompt of the stranded `delivery`, is already on the platform.
    pub(super) async fn look_up(
        &self,
        delivery: &ClaimedDelivery,
        message: &Outgoing,
        outcome: &mut StepOutcome,
    ) -> Result<LookedUp, StoreError> {
        let now = self.clock.now();
        match self.messenger.find_sent(message, &*self.pacer).await {
            Ok(Some(posted)) => Ok(LookedUp::Posted(posted)),
            Ok(None) => Ok(LookedUp::Absent),
            Err(SendError::RateLimited { retry_after }) => {
                self.pacer.back_off(retry_after).await;
                let at = now + chrono::Duration::from_std(retry_after).unwrap_or_default();
                self.store
                    .recheck_delivery(delivery.id, at, false, None)
                    .await?;
                metrics::counter!("hoego_deliveries_rate_limited_total").increment(1);
                outcome.rate_limited += 1;
                Ok(LookedUp::PutBack)
            }
            // The conversation cannot be read at all (gone, or closed to the bot): the prompt
            // cannot be in it either, and the send will meet the same wall and say so.
            Err(SendError::Undeliverable(reason)) => {
                tracing::info!(%reason, "the stranded prompt's conversation cannot be read");
                Ok(LookedUp::Absent)
            }
            Err(SendError::Failed(reason)) => {
                let attempts = delivery.attempts + 1;
                if attempts >= i64::from(self.settings.max_attempts) {
                    tracing::warn!(%reason, attempts,
                        "cannot look up whether a stranded prompt was sent, on its last attempt; sending it unchecked");
                    metrics::counter!("hoego_deliveries_sent_unchecked_total").increment(1);
                    return Ok(LookedUp::Absent);
                }
                let at = now + super::backoff(attempts);
                tracing::info!(%reason, attempts, retry_at = %at,
                    "cannot look up whether a stranded prompt was sent; asking again later");
                let error = format!("look-up failed: {reason}");
                self.store
                    .recheck_delivery(delivery.id, at, true, Some(&error))
                    .await?;
                outcome.retried += 1;
                Ok(LookedUp::PutBack)
            }
        }
    }
}
