//! Supervised background loops. A loop that panics is logged with a reference an operator can
//! search for, counted in `/metrics` (`hoego_loop_panics_total{loop="…"}`), reported not ready
//! (`/readyz` answers 503 for [`UNREADY_FOR`] after the last panic) and started again after
//! [`RESTART_AFTER`]; a loop that returns (asked to stop) is not restarted.

use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::platform::Connection;
use crate::service::error::reference;

/// How long a panicked loop rests before it is started again.
pub const RESTART_AFTER: Duration = Duration::from_secs(1);

/// How long `/readyz` reports a loop not ready after it panicked.
pub const UNREADY_FOR: Duration = Duration::from_secs(60);

/// Runs the loop `start` makes, again after each panic, until it returns; `health` is up while
/// it has not panicked within [`UNREADY_FOR`].
pub fn supervise<F, Fut>(
    name: &'static str,
    health: Connection,
    stop: watch::Receiver<bool>,
    mut start: F,
) -> JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    health.set(true);
    let panics = Arc::new(AtomicU64::new(0));
    tokio::spawn(async move {
        loop {
            let Err(error) = tokio::spawn(start()).await else {
                return;
            };
            if !error.is_panic() {
                return;
            }
            let reference = reference();
            let message = panic_text(error.into_panic());
            tracing::error!(reference = %reference, r#loop = name, panic = %message,
                "background loop panicked; starting it again");
            metrics::counter!("hoego_loop_panics_total", "loop" => name).increment(1);
            health.set(false);
            ready_later(&health, &panics);
            if *stop.borrow() {
                return;
            }
            tokio::time::sleep(RESTART_AFTER).await;
        }
    })
}

/// Marks `health` up again after [`UNREADY_FOR`], unless another panic came meanwhile.
fn ready_later(health: &Connection, panics: &Arc<AtomicU64>) {
    let this = panics.fetch_add(1, Ordering::SeqCst) + 1;
    let (health, panics) = (health.clone(), panics.clone());
    tokio::spawn(async move {
        tokio::time::sleep(UNREADY_FOR).await;
        if panics.load(Ordering::SeqCst) == this {
            health.set(true);
        }
    });
}

fn panic_text(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(|| "(no message)".to_string(), |s| s.to_string()),
    }
}
