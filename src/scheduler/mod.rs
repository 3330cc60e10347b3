//! The scheduler: a loop around one testable step, [`Scheduler::tick`], which opens the rounds
//! that are due (or records them as missed after downtime), closes rounds whose window ended and
//! prunes the ids of requests handled long ago.

pub mod planner;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::domain::ids::RoundId;
use crate::service::clock::Clock;
use crate::store::{Store, StoreError, TickReport};

/// Most schedules one transaction claims.
pub const TICK_BATCH: i64 = 250;
/// Transactions a tick runs at once.
pub const TICK_LANES: usize = 4;

/// What one step did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TickOutcome {
    /// Rounds opened and recorded, deliveries created.
    pub fired: TickReport,
    /// Rounds whose window closed in this step (each reported by exactly one scheduler).
    pub closed: Vec<RoundId>,
    /// Deliveries that ended unanswered.
    pub missed_deliveries: u64,
}

/// Told about each round that closes (the recap work posts digests from here).
pub trait RoundClosed: Send + Sync {
    /// Called once per closed round, after the close is committed.
    fn round_closed(&self, round: RoundId);
}

/// Opens and closes rounds.
#[derive(Clone)]
pub struct Scheduler {
    store: Store,
    clock: Arc<dyn Clock>,
    interval: Duration,
    on_close: Option<Arc<dyn RoundClosed>>,
}

impl Scheduler {
    /// A scheduler ticking every `interval` (plus up to 20% jitter).
    pub fn new(store: Store, clock: Arc<dyn Clock>, interval: Duration) -> Self {
        Scheduler {
            store,
            clock,
            interval,
            on_close: None,
        }
    }

    /// Reports closed rounds to `handler`.
    pub fn on_round_closed(mut self, handler: Arc<dyn RoundClosed>) -> Self {
        self.on_close = Some(handler);
        self
    }

    /// One step: fire every due schedule (in batches) and close ended rounds.
    pub async fn tick(&self) -> Result<TickOutcome, StoreError> {
        let now = self.clock.now();
        let mut outcome = TickOutcome::default();
        loop {
            let reports = self.fire_lanes(now).await?;
            for report in &reports {
                record_metrics(report);
                outcome.fired.schedules += report.schedules;
                outcome.fired.rounds_opened += report.rounds_opened;
                outcome.fired.rounds_missed += report.rounds_missed;
                outcome.fired.deliveries += report.deliveries;
            }
            if reports.iter().all(|r| r.schedules < TICK_BATCH as usize) {
                break;
            }
        }
        let (closed, missed) = self.store.close_ended_rounds(now).await?;
        metrics::counter!("hoego_rounds_closed_total").increment(closed.len() as u64);
        if let Some(handler) = &self.on_close {
            closed.iter().for_each(|round| handler.round_closed(*round));
        }
        outcome.closed = closed;
        outcome.missed_deliveries = missed;
        // The ids of requests handled more than a day ago are no use any more.
        self.store.prune_handled_requests(now).await?;
        Ok(outcome)
    }

    /// Fires due schedules in [`TICK_LANES`] concurrent transactions, each claiming its own
    /// batch (PostgreSQL's `SKIP LOCKED` keeps them disjoint; SQLite takes them in turn).
    async fn fire_lanes(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<TickReport>, StoreError> {
        let mut lanes = tokio::task::JoinSet::new();
        for _ in 0..TICK_LANES {
            let store = self.store.clone();
            lanes.spawn(async move {
                let planner = |s: &_, p: &[_]| planner::plan(s, p, now);
                store.tick_schedules(now, TICK_BATCH, &planner).await
            });
        }
        let mut reports = Vec::new();
        while let Some(joined) = lanes.join_next().await {
            reports.push(joined.expect("a scheduler lane panicked")?);
        }
        Ok(reports)
    }

    /// Ticks until `stop` turns true; a failed tick is logged and retried next time.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            match self.tick().await {
                Ok(outcome) if outcome != TickOutcome::default() => {
                    tracing::info!(?outcome.fired, closed = outcome.closed.len(), "scheduler tick");
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(error = %error, "scheduler tick failed; retrying next tick")
                }
            }
            let jitter = self.interval.mul_f64(rand::random::<f64>() * 0.2);
            tokio::select! {
                () = tokio::time::sleep(self.interval + jitter) => {}
                _ = stop.wait_for(|stopped| *stopped) => return,
            }
        }
    }
}

fn record_metrics(report: &TickReport) {
    metrics::counter!("hoego_rounds_created_total", "status" => "open")
        .increment(report.rounds_opened as u64);
    metrics::counter!("hoego_rounds_created_total", "status" => "missed")
        .increment(report.rounds_missed as u64);
    metrics::counter!("hoego_deliveries_created_total").increment(report.deliveries as u64);
}
