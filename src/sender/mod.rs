//! The sender: a loop around one testable step, [`Sender::step`], which leases due deliveries,
//! sends their prompts through the platform's [`Messenger`], and records the outcome; and sends
//! the one reminder of each delivery that is due one.

mod pacing;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::watch;
use tracing::Instrument;

use crate::clock::Clock;
use crate::config::SenderSettings;
use crate::service::messenger::{Destination, Messenger, SendError};
use crate::service::prompts;
use crate::store::{ClaimedDelivery, Store, StoreError};

pub use pacing::Pacer;

/// Most deliveries one step leases.
pub const BATCH: i64 = 200;

/// What one step did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepOutcome {
    /// Prompts sent and recorded.
    pub sent: usize,
    /// Deliveries put back because the platform asked us to wait.
    pub rate_limited: usize,
    /// Failed attempts that will be retried.
    pub retried: usize,
    /// Deliveries that ended failed or undeliverable.
    pub given_up: usize,
    /// Reminders sent.
    pub reminders: usize,
}

/// Sends prompts and reminders.
#[derive(Clone)]
pub struct Sender {
    store: Store,
    clock: Arc<dyn Clock>,
    messenger: Arc<dyn Messenger>,
    settings: SenderSettings,
    pacer: Arc<Pacer>,
}

impl Sender {
    /// A sender pacing itself by `settings` and the messenger's per-channel interval.
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        messenger: Arc<dyn Messenger>,
        settings: SenderSettings,
    ) -> Self {
        let pacer = Arc::new(Pacer::new(
            settings.rate_per_second,
            messenger.channel_interval(),
        ));
        Sender {
            store,
            clock,
            messenger,
            settings,
            pacer,
        }
    }

    /// One step: lease a batch, send each, record each; then the reminders that are due.
    pub async fn step(&self) -> Result<StepOutcome, StoreError> {
        let now = self.clock.now();
        let lease = now
            + chrono::Duration::from_std(self.settings.lease)
                .unwrap_or(chrono::Duration::seconds(60));
        let claimed = self.store.claim_deliveries(now, lease, BATCH).await?;
        let mut outcome = StepOutcome::default();
        for delivery in &claimed {
            let span =
                tracing::info_span!("delivery", id = %delivery.id, round = %delivery.round_id);
            self.deliver(delivery, &mut outcome)
                .instrument(span)
                .await?;
        }
        for delivery in self.store.claim_reminders(self.clock.now(), BATCH).await? {
            self.remind(&delivery).await;
            outcome.reminders += 1;
        }
        Ok(outcome)
    }

    async fn deliver(
        &self,
        delivery: &ClaimedDelivery,
        outcome: &mut StepOutcome,
    ) -> Result<(), StoreError> {
        let message = match prompts::prompt(delivery) {
            Ok(message) => message,
            Err(problem) => {
                tracing::error!(%problem, "prompt cannot be built");
                self.store
                    .give_up_delivery(delivery.id, self.clock.now(), false, &problem)
                    .await?;
                outcome.given_up += 1;
                return Ok(());
            }
        };
        self.pacer.wait(&channel_key(&message.to)).await;
        let result = self.messenger.send(&message).await;
        let now = self.clock.now();
        match result {
            Ok(sent) => {
                let dm = matches!(message.to, Destination::Direct { .. });
                self.store
                    .record_sent(delivery.id, now, &sent.channel_id, &sent.message_id, dm)
                    .await?;
                metrics::counter!("hoego_deliveries_sent_total").increment(1);
                metrics::histogram!("hoego_delivery_lag_seconds")
                    .record(lag_seconds(delivery.due_at, now));
                outcome.sent += 1;
            }
            Err(SendError::RateLimited { retry_after }) => {
                self.pacer.back_off(retry_after).await;
                let at = now + chrono::Duration::from_std(retry_after).unwrap_or_default();
                self.store
                    .retry_delivery(delivery.id, at, false, None)
                    .await?;
                metrics::counter!("hoego_deliveries_rate_limited_total").increment(1);
                outcome.rate_limited += 1;
            }
            Err(SendError::Undeliverable(reason)) => {
                tracing::warn!(%reason, "delivery undeliverable");
                self.store
                    .give_up_delivery(delivery.id, now, true, &reason)
                    .await?;
                metrics::counter!("hoego_deliveries_failed_total", "reason" => "undeliverable")
                    .increment(1);
                outcome.given_up += 1;
            }
            Err(SendError::Failed(reason)) => self.failed(delivery, now, &reason, outcome).await?,
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
                .retry_delivery(delivery.id, at, true, Some(reason))
                .await?;
            outcome.retried += 1;
        }
        Ok(())
    }

    async fn remind(&self, delivery: &ClaimedDelivery) {
        let message = prompts::reminder(delivery);
        self.pacer.wait(&channel_key(&message.to)).await;
        match self.messenger.send(&message).await {
            Ok(_) => metrics::counter!("hoego_reminders_sent_total").increment(1),
            // Reminders are marked before sending so they are never sent twice; a failed one is
            // not retried.
            Err(error) => tracing::warn!(delivery = %delivery.id, %error, "reminder not sent"),
        }
    }

    /// Steps until `stop` turns true, resting `idle` when there was nothing to send.
    pub async fn run(self, idle: Duration, mut stop: watch::Receiver<bool>) {
        loop {
            let busy = match self.step().await {
                Ok(outcome) => outcome != StepOutcome::default(),
                Err(error) => {
                    tracing::warn!(error = %error, "sender step failed; retrying");
                    false
                }
            };
            if *stop.borrow() {
                return;
            }
            if !busy {
                tokio::select! {
                    () = tokio::time::sleep(idle) => {}
                    _ = stop.wait_for(|stopped| *stopped) => return,
                }
            }
        }
    }
}

/// Exponential backoff with ±20% jitter: 10 s, 20 s, 40 s ... at most 15 minutes.
pub fn backoff(attempts: i64) -> chrono::Duration {
    let base = 10.0 * 2f64.powi(attempts.clamp(1, 20) as i32 - 1);
    let jittered = base.min(900.0) * (0.8 + 0.4 * rand::random::<f64>());
    chrono::Duration::milliseconds((jittered * 1000.0) as i64)
}

fn lag_seconds(due: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    (now - due).num_milliseconds().max(0) as f64 / 1000.0
}

fn channel_key(to: &Destination) -> String {
    match to {
        Destination::Direct {
            user_id,
            dm_channel,
        } => dm_channel
            .clone()
            .unwrap_or_else(|| format!("user:{user_id}")),
        Destination::Channel { channel_id, .. } => channel_id.clone(),
    }
}
