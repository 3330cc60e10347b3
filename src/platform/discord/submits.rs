//! Counting the modal submits being handled at this moment, so that a submit arriving in a
//! burst can be acknowledged before its database work starts.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Modal submits being handled at this moment.
#[derive(Debug, Default)]
pub struct Submits(AtomicUsize);

/// One submit counted in [`Submits`] until dropped.
pub struct Counted<'a>(&'a AtomicUsize);

impl Submits {
    /// Counts a submit in; returns how many others were being handled.
    pub fn enter(&self) -> (usize, Counted<'_>) {
        (self.0.fetch_add(1, Ordering::SeqCst), Counted(&self.0))
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
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
}
