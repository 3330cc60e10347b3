//! A global rate shared by the replicas of one platform account through PostgreSQL: each
//! request books its slot in the database (see `store::send_pacing`), and a platform's "slow
//! down" holds back every replica. When the database cannot book (unreachable for a moment),
//! the pacer falls back to its own in-memory rate for that request.

use std::time::Duration;

use crate::store::Store;

/// The account's rate as the replicas share it.
#[derive(Debug, Clone)]
pub struct SharedRate {
    store: Store,
    account: String,
}

impl SharedRate {
    /// The shared rate of `account` (e.g. `slack`, `discord`) in `store`.
    pub fn new(store: Store, account: impl Into<String>) -> Self {
        SharedRate {
            store,
            account: account.into(),
        }
    }

    /// Books the next slot, one `interval` after the last one booked by any replica and no
    /// earlier than `not_before` from now; how long to wait for it, or `None` when the
    /// database could not book it.
    pub(super) async fn book(&self, interval: Duration, not_before: Duration) -> Option<Duration> {
        let booked = self
            .store
            .book_send_slot(&self.account, interval, not_before)
            .await;
        booked
            .inspect_err(|error| {
                tracing::warn!(error = %error, "cannot book a shared send slot; pacing alone")
            })
            .ok()
    }

    /// Holds every replica's sends back for `pause`.
    pub(super) async fn hold(&self, pause: Duration) {
        if let Err(error) = self.store.hold_send_slots(&self.account, pause).await {
            tracing::warn!(error = %error, "cannot share a back-off with the other replicas");
        }
    }

    /// How long the next request would wait for the shared rate or a back-off.
    pub(super) async fn wait(&self) -> Duration {
        (self.store.send_slot_wait(&self.account).await).unwrap_or(Duration::ZERO)
    }
}
