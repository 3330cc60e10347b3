//! Counting the modal submits being handled at this moment, so that a submit arriving in a
//! burst can be acknowledged before its database work starts (Discord), and the
//! acknowledgements still being sent, so that the work of the submits already acknowledged
//! waits for them: in a burst, every submit is acknowledged first and worked on after. On
//! Slack, where the acknowledgement waits for the commit, the work that waits is the
//! confirmation posted in the person's DM.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// The longest a submit's work waits for others' acknowledgements (a stuck one does not hold
/// up the rest).
const ACKS_FIRST_AT_MOST: Duration = Duration::from_millis(500);

/// Modal submits being handled, and those of them whose acknowledgement is being sent.
#[derive(Debug, Default)]
pub struct Submits {
    handled: AtomicUsize,
    acknowledging: AtomicUsize,
    acknowledged: Notify,
}

/// One submit counted in [`Submits`] until dropped.
pub struct Counted<'a>(&'a AtomicUsize);

/// One acknowledgement being sent, counted until dropped.
pub struct Acknowledging<'a>(&'a Submits);

impl Submits {
    /// Counts a submit in; returns how many others were being handled.
    pub fn enter(&self) -> (usize, Counted<'_>) {
        let others = self.handled.fetch_add(1, Ordering::SeqCst);
        (others, Counted(&self.handled))
    }

    /// Counts an acknowledgement being sent until the returned guard is dropped.
    pub fn acknowledging(&self) -> Acknowledging<'_> {
        self.acknowledging.fetch_add(1, Ordering::SeqCst);
        Acknowledging(self)
    }

    /// Resolves once no acknowledgement is being sent (at most [`ACKS_FIRST_AT_MOST`]).
    pub async fn after_acknowledgements(&self) {
        let settled = async {
            loop {
                let acknowledged = self.acknowledged.notified();
                if self.acknowledging.load(Ordering::SeqCst) == 0 {
                    return;
                }
                acknowledged.await;
            }
        };
        let _ = tokio::time::timeout(ACKS_FIRST_AT_MOST, settled).await;
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Drop for Acknowledging<'_> {
    fn drop(&mut self) {
        if self.0.acknowledging.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.acknowledged.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submit_sees_the_others_in_flight_until_they_are_done() {
        let submits = Submits::default();
        let (before_first, first) = submits.enter();
        let (before_second, second) = submits.enter();
        drop(first);
        drop(second);
        let (after_both, _third) = submits.enter();

        assert_eq!((before_first, before_second, after_both), (0, 1, 0));
    }

    #[tokio::test(start_paused = true)]
    async fn work_waits_until_every_acknowledgement_is_sent() {
        let submits = std::sync::Arc::new(Submits::default());
        let (first, second) = (submits.acknowledging(), submits.acknowledging());
        let waiting = tokio::spawn({
            let submits = submits.clone();
            async move { submits.after_acknowledgements().await }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        drop(first);
        tokio::time::sleep(Duration::from_millis(10)).await;
        let after_one = waiting.is_finished();
        drop(second);
        tokio::time::sleep(Duration::from_millis(10)).await;

        assert!(
            !after_one,
            "work started while an acknowledgement was being sent"
        );
        assert!(
            waiting.is_finished(),
            "work still waits after every acknowledgement"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_stuck_acknowledgement_holds_work_up_for_half_a_second_at_most() {
        let submits = Submits::default();
        let _stuck = submits.acknowledging();
        let started = tokio::time::Instant::now();
        submits.after_acknowledgements().await;

        assert_eq!(started.elapsed(), ACKS_FIRST_AT_MOST);
    }
}
