//! Keeping hold of leased deliveries while a step works through them: the leases still held are
//! renewed as the step goes, and a prompt is sent only once it is marked in flight under a lease
//! this sender still holds, long enough to cover the request.

use std::time::Duration;

use super::{Sender, StepOutcome};
use crate::store::{ClaimedDelivery, StoreError};

/// A back-off after which the leases are renewed before sending on.
const LONG_WAIT: Duration = Duration::from_secs(1);

impl Sender {
    /// Extends every lease this sender still holds by a whole lease from now.
    pub(super) async fn renew(&self) -> Result<(), StoreError> {
        let until = self.clock.now() + self.lease();
        let renewed = self.store.renew_delivery_leases(&self.owner, until).await?;
        metrics::counter!("hoego_sender_lease_renewals_total").increment(1);
        tracing::debug!(renewed, "sender leases renewed");
        Ok(())
    }

    /// Whether `delivery` may be sent now: marked in flight under this sender's lease, renewed
    /// for a whole lease; when another sender holds it now, it is left alone. A wait the
    /// platform imposed on every send (a back-off) is waited out before marking, renewing the
    /// leases after it, so that no marked prompt waits while its lease runs.
    pub(super) async fn hold(
        &self,
        delivery: &ClaimedDelivery,
        outcome: &mut StepOutcome,
    ) -> Result<bool, StoreError> {
        let wait = self.pacer.global_wait().await;
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
            if wait >= LONG_WAIT {
                self.renew().await?;
            }
        }
        let (now, lease) = (self.clock.now(), self.lease());
        let held = self
            .store
            .mark_sending(delivery.id, &self.owner, now, now + lease)
            .await?;
        if !held {
            tracing::info!("lease taken over by another sender; not sending");
            metrics::counter!("hoego_deliveries_lease_lost_total").increment(1);
            outcome.lost += 1;
        }
        Ok(held)
    }
}
