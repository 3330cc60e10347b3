//! Recognising what Slack sends again: an event retried after a slow or lost acknowledgement
//! keeps its `event_id`, a repeated interaction or command its `trigger_id`. Ids are kept for
//! ten minutes (Slack retries within a few). Across replicas the database guarantees decide.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an id is remembered.
const KEEP: Duration = Duration::from_secs(600);
/// Most ids remembered at once.
const CAPACITY: usize = 100_000;

/// Ids seen recently.
#[derive(Default)]
pub struct Seen {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    at: HashMap<String, Instant>,
    order: VecDeque<(Instant, String)>,
}

impl Seen {
    /// Whether `id` arrives for the first time (and remembers it).
    pub fn first_time(&self, id: &str) -> bool {
        let now = Instant::now();
        let mut inner = self.inner.lock().expect("seen ids");
        while let Some((at, old)) = inner.order.front().cloned() {
            if now.duration_since(at) < KEEP && inner.order.len() < CAPACITY {
                break;
            }
            inner.order.pop_front();
            inner.at.remove(&old);
        }
        if inner.at.contains_key(id) {
            return false;
        }
        inner.at.insert(id.to_string(), now);
        inner.order.push_back((now, id.to_string()));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_new_once() {
        let seen = Seen::default();
        assert!(seen.first_time("Ev1"));
        assert!(!seen.first_time("Ev1"));
        assert!(seen.first_time("Ev2"));
    }
}
