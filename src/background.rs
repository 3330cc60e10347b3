//! Starting and stopping the background loops — the scheduler and the sender — around a
//! platform's [`Messenger`].

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::{SchedulerSettings, SenderSettings};
use crate::scheduler::{RoundClosed, Scheduler};
use crate::sender::Sender;
use crate::service::messenger::Messenger;
use crate::store::Store;

/// How long an idle sender rests before looking for due deliveries again.
pub const SENDER_IDLE: Duration = Duration::from_secs(1);

/// The running loops; stop them with [`Background::stop`].
pub struct Background {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Background {
    /// Starts one scheduler and one sender.
    pub fn spawn(
        store: Store,
        clock: Arc<dyn Clock>,
        messenger: Arc<dyn Messenger>,
        scheduler: &SchedulerSettings,
        sender: &SenderSettings,
        on_close: Option<Arc<dyn RoundClosed>>,
    ) -> Background {
        let (stop, stopped) = watch::channel(false);
        let mut loop_scheduler =
            Scheduler::new(store.clone(), clock.clone(), scheduler.tick_interval);
        if let Some(handler) = on_close {
            loop_scheduler = loop_scheduler.on_round_closed(handler);
        }
        let loop_sender = Sender::new(store, clock, messenger, sender.clone());
        let tasks = vec![
            tokio::spawn(loop_scheduler.run(stopped.clone())),
            tokio::spawn(loop_sender.run(SENDER_IDLE, stopped)),
        ];
        Background { stop, tasks }
    }

    /// Asks the loops to stop and waits for them to finish their current step.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}
