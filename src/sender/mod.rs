//! The sender: a loop around one testable step, [`Sender::step`], which leases due deliveries
//! (in turns between teams), sends their prompts through the platform's [`Messenger`] paced
//! before every request, puts back those whose channel must wait, and records the outcomes; and
//! sends the one reminder of each delivery that is due one.
//!
//! A lease cannot run out under work: a step claims no more than it can send in half its lease
//! at its pacing ([`batch_size`]), renews the leases it still holds every third of a lease, and
//! sends a prompt only after marking it in flight under a lease it still holds; each sent prompt
//! is recorded as soon as the platform accepts it. A sender that dies leaves at most the prompts
//! it was sending marked in flight: the sender taking them over finds them stranded and asks the
//! platform whether each prompt is already there (see `look_up`), recording the one it finds
//! instead of posting a second.

mod hold;
mod letters;
mod look_up;
mod outcome;
mod pacing;
mod recalls;
mod shared_rate;
mod turns;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tracing::Instrument;

use crate::config::SenderSettings;
use crate::service::clock::Clock;
use crate::service::messenger::{Destination, Messenger, Sent};
use crate::service::prompts;
use crate::store::{ClaimedDelivery, Dialect, SentRecord, Store, StoreError};
use look_up::LookedUp;
use turns::PutBack;

pub use outcome::backoff;
pub use pacing::Pacer;
pub use shared_rate::SharedRate;
pub use turns::in_turns;

/// Most deliveries one step leases.
pub const BATCH: i64 = 200;
/// The share of a lease a step's batch may take at the sender's rate.
const LEASE_SHARE: f64 = 0.5;

/// How many deliveries a step leases: at most [`BATCH`], and no more than `rate_per_second`
/// sends fill in half of `lease` (at least one).
pub fn batch_size(rate_per_second: u32, lease: Duration) -> i64 {
    if rate_per_second == 0 {
        return BATCH;
    }
    let fits = lease.as_secs_f64() * f64::from(rate_per_second) * LEASE_SHARE;
    (fits.floor() as i64).clamp(1, BATCH)
}

/// What one step did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepOutcome {
    /// Prompts sent and recorded.
    pub sent: usize,
    /// Deliveries put back because the platform asked us to wait.
    pub rate_limited: usize,
    /// Deliveries put back because their channel must wait for its interval.
    pub put_back: usize,
    /// Stranded deliveries (an earlier lease ran out) found already posted, recorded without
    /// sending again.
    pub found: usize,
    /// Deliveries not sent because this sender no longer held their lease.
    pub lost: usize,
    /// Failed attempts that will be retried.
    pub retried: usize,
    /// Deliveries that ended failed or undeliverable.
    pub given_up: usize,
    /// Reminders sent.
    pub reminders: usize,
    /// Time capsules opened (letters sent back on their day).
    pub letters: usize,
}

/// Sends prompts and reminders.
#[derive(Clone)]
pub struct Sender {
    store: Store,
    clock: Arc<dyn Clock>,
    messenger: Arc<dyn Messenger>,
    settings: SenderSettings,
    pacer: Arc<Pacer>,
    owner: Arc<str>,
}

impl Sender {
    /// A sender pacing itself by `settings` and the messenger's per-channel interval. On
    /// PostgreSQL the global rate is the messenger's account's, shared with every replica
    /// through the database; SQLite serves one replica, which paces itself in memory.
    pub fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        messenger: Arc<dyn Messenger>,
        settings: SenderSettings,
    ) -> Self {
        let (rate, interval) = (settings.rate_per_second, messenger.channel_interval());
        let pacer = match store.dialect() {
            Dialect::Postgres => {
                let shared = SharedRate::new(store.clone(), messenger.account());
                Pacer::shared(rate, interval, shared)
            }
            Dialect::Sqlite => Pacer::new(rate, interval),
        };
        Sender::with_pacer(store, clock, messenger, settings, pacer)
    }

    /// A sender keeping `pacer` (tests turn pacing off with `Pacer::new(0, Duration::ZERO)`).
    pub fn with_pacer(
        store: Store,
        clock: Arc<dyn Clock>,
        messenger: Arc<dyn Messenger>,
        settings: SenderSettings,
        pacer: Pacer,
    ) -> Self {
        let pacer = Arc::new(pacer);
        let owner = format!("{}-{:08x}", std::process::id(), rand::random::<u32>());
        Sender {
            store,
            clock,
            messenger,
            settings,
            pacer,
            owner: owner.into(),
        }
    }

    /// The name this sender's leases carry.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.settings.lease).unwrap_or(chrono::Duration::seconds(60))
    }

    /// One step: lease a batch, send each (renewing the leases as it goes) and record it; then
    /// the reminders that are due.
    pub async fn step(&self) -> Result<StepOutcome, StoreError> {
        let now = self.clock.now();
        let lease = self.lease();
        let batch = batch_size(self.settings.rate_per_second, self.settings.lease);
        let claimed = self
            .store
            .claim_deliveries(&self.owner, now, now + lease, batch)
            .await?;
        let mut outcome = StepOutcome::default();
        let mut put_back = PutBack::default();
        let mut renew_at = now + lease / 3;
        for delivery in &in_turns(claimed, |d| d.team_id) {
            if self.clock.now() >= renew_at {
                self.renew().await?;
                renew_at = self.clock.now() + lease / 3;
            }
            let span =
                tracing::info_span!("delivery", id = %delivery.id, round = %delivery.round_id);
            self.deliver(delivery, &mut outcome, &mut put_back)
                .instrument(span)
                .await?;
        }
        for delivery in self.store.claim_reminders(self.clock.now(), BATCH).await? {
            self.remind(&delivery).await;
            outcome.reminders += 1;
        }
        outcome.letters = self.open_letters().await?;
        Ok(outcome)
    }

    async fn deliver(
        &self,
        delivery: &ClaimedDelivery,
        outcome: &mut StepOutcome,
        put_back: &mut PutBack,
    ) -> Result<(), StoreError> {
        let (template, zone) = match (&delivery.template, &delivery.zone) {
            (Ok(template), Ok(zone)) => (template, *zone),
            (Err(problem), _) | (_, Err(problem)) => {
                return self
                    .unreadable(delivery, &problem.to_string(), outcome)
                    .await;
            }
        };
        let recalls = self.recalls(delivery, template).await;
        let message = prompts::prompt(delivery, template, zone, &recalls);
        let dm = matches!(message.to, Destination::Direct { .. });
        if delivery.stranded {
            match self.look_up(delivery, &message, outcome).await? {
                LookedUp::Posted(platform) => {
                    self.record(record_of(delivery, platform, dm)).await?;
                    metrics::counter!("hoego_deliveries_found_sent_total").increment(1);
                    outcome.found += 1;
                    return Ok(());
                }
                LookedUp::PutBack => return Ok(()),
                LookedUp::Absent => {}
            }
        }
        let channel = message.to.pace_key();
        let wait = self.channel_wait(channel, put_back).await;
        if !wait.is_zero() {
            return self
                .put_back(delivery, channel, wait, put_back, outcome)
                .await;
        }
        if !self.hold(delivery, outcome).await? {
            return Ok(());
        }
        match self.messenger.send_paced(&message, &*self.pacer).await {
            Ok(platform) => {
                self.record(record_of(delivery, platform, dm)).await?;
                metrics::counter!("hoego_deliveries_sent_total").increment(1);
                metrics::histogram!("hoego_delivery_lag_seconds")
                    .record(outcome::lag_seconds(delivery.due_at, self.clock.now()));
                outcome.sent += 1;
                Ok(())
            }
            Err(error) => self.not_sent(delivery, error, outcome).await,
        }
    }

    /// Records one prompt the platform has, as soon as it is known.
    async fn record(&self, record: SentRecord) -> Result<(), StoreError> {
        let now = self.clock.now();
        self.store
            .record_sent(now, std::slice::from_ref(&record))
            .await?;
        Ok(())
    }

    async fn remind(&self, delivery: &ClaimedDelivery) {
        let zone = match &delivery.zone {
            Ok(zone) => *zone,
            Err(problem) => {
                tracing::error!(delivery = %delivery.id, %problem, "reminder cannot be built");
                return;
            }
        };
        let message = prompts::reminder(delivery, zone);
        match self.messenger.send_paced(&message, &*self.pacer).await {
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

/// What to record for `delivery`, whose prompt the platform has as `platform`.
fn record_of(delivery: &ClaimedDelivery, platform: Sent, dm: bool) -> SentRecord {
    SentRecord {
        id: delivery.id,
        channel_id: platform.channel_id,
        message_id: platform.message_id,
        dm,
    }
}
