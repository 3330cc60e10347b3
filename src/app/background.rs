//! Starting and stopping the background loops — the scheduler, the sender, and the listener for
//! forget-me in other processes — around a platform's [`Messenger`].

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::supervise::supervise;
use crate::config::{SchedulerSettings, SenderSettings};
use crate::platform::Connection;
use crate::scheduler::{RoundClosed, Scheduler};
use crate::sender::Sender;
use crate::service::Service;
use crate::service::digest::DigestPoster;
use crate::service::messenger::Messenger;

/// How long an idle sender rests before looking for due deliveries again.
pub const SENDER_IDLE: Duration = Duration::from_secs(1);

/// The running loops, each supervised (restarted after a panic); stop them with
/// [`Background::stop`].
pub struct Background {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    health: Vec<(&'static str, Connection)>,
}

impl Background {
    /// Starts one scheduler and one sender on the service's store and clock.
    pub fn spawn(
        service: &Service,
        messenger: Arc<dyn Messenger>,
        scheduler: &SchedulerSettings,
        sender: &SenderSettings,
        on_close: Option<Arc<dyn RoundClosed>>,
    ) -> Background {
        let (stop, stopped) = watch::channel(false);
        let (store, clock) = (service.store.clone(), service.clock.clone());
        let mut loop_scheduler =
            Scheduler::new(store.clone(), clock.clone(), scheduler.tick_interval);
        if let Some(handler) = on_close {
            loop_scheduler = loop_scheduler.on_round_closed(handler);
        }
        let loop_sender = Sender::new(store, clock, messenger, sender.clone());
        let health = vec![
            ("scheduler", Connection::default()),
            ("sender", Connection::default()),
        ];
        let until = stopped.clone();
        let scheduler = supervise(
            "scheduler",
            health[0].1.clone(),
            stopped.clone(),
            move || loop_scheduler.clone().run(until.clone()),
        );
        let until = stopped.clone();
        let sender = supervise("sender", health[1].1.clone(), stopped.clone(), move || {
            loop_sender.clone().run(SENDER_IDLE, until.clone())
        });
        // Forget-me in another process sharing the database: forget the person here too.
        let (listener, until) = (service.clone(), stopped.clone());
        let forgetting = supervise("forgetting", Connection::default(), stopped, move || {
            let (listener, until) = (listener.clone(), until.clone());
            async move { listener.listen_for_forgotten(until).await }
        });
        Background {
            stop,
            tasks: vec![scheduler, sender, forgetting],
            health,
        }
    }

    /// Each loop by name, up unless it panicked lately (for `/readyz`).
    pub fn health(&self) -> Vec<(&'static str, Connection)> {
        self.health.clone()
    }

    /// Asks the loops to stop and waits for them to finish their current step.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

/// One scheduler tick and one sender step, run on demand (a scripted console runs them after
/// each line so prompts appear in order).
pub struct Steps {
    scheduler: Scheduler,
    sender: Sender,
    digests: Option<DigestPoster>,
}

impl Steps {
    /// The steps of a scheduler and a sender built like [`Background::spawn`]'s.
    pub fn new(
        service: &Service,
        messenger: Arc<dyn Messenger>,
        scheduler: &SchedulerSettings,
        sender: &SenderSettings,
    ) -> Steps {
        let (store, clock) = (service.store.clone(), service.clock.clone());
        Steps {
            scheduler: Scheduler::new(store.clone(), clock.clone(), scheduler.tick_interval),
            sender: Sender::new(store, clock, messenger, sender.clone()),
            digests: None,
        }
    }

    /// Posts the digest of each round a step closes, before the step returns (so a scripted
    /// console prints it in order).
    pub fn with_digests(mut self, digests: DigestPoster) -> Steps {
        self.digests = Some(digests);
        self
    }

    /// Opens and closes due rounds, then sends due prompts and reminders.
    pub async fn run_once(&self) {
        match self.scheduler.tick().await {
            Ok(outcome) => {
                if let Some(digests) = &self.digests {
                    for round in outcome.closed {
                        digests.post(round).await;
                    }
                }
            }
            Err(error) => tracing::warn!(error = %error, "scheduler step failed"),
        }
        if let Err(error) = self.sender.step().await {
            tracing::warn!(error = %error, "sender step failed");
        }
    }
}
