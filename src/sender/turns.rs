//! Fair sending: a step sends its batch in turns between teams (each team's first delivery,
//! then each team's second, ...), and a delivery whose channel must wait for its interval is
//! put back with the time it may go instead of holding the whole loop while the pacer sleeps.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::time::Duration;

use super::{Sender, StepOutcome};
use crate::store::{ClaimedDelivery, StoreError};

/// `items` reordered in turns between their teams (`team_of`), each team's own order kept;
/// teams take their turns in the order of their first item.
pub fn in_turns<T, K>(items: Vec<T>, team_of: impl Fn(&T) -> K) -> Vec<T>
where
    K: Eq + Hash + Copy,
{
    let mut teams: Vec<K> = Vec::new();
    let mut queues: HashMap<K, VecDeque<T>> = HashMap::new();
    for item in items {
        let team = team_of(&item);
        if !queues.contains_key(&team) {
            teams.push(team);
        }
        queues.entry(team).or_default().push_back(item);
    }
    let mut ordered = Vec::new();
    while !queues.is_empty() {
        for team in &teams {
            if let Some(queue) = queues.get_mut(team) {
                ordered.extend(queue.pop_front());
                if queue.is_empty() {
                    queues.remove(team);
                }
            }
        }
    }
    ordered
}

/// The waits already handed out in this step, per channel: the next delivery put back for a
/// channel goes one interval after the previous one.
#[derive(Debug, Default)]
pub(super) struct PutBack {
    next: HashMap<String, Duration>,
}

impl Sender {
    /// How long a post to `channel` must wait for the channel (zero: send it now), counting the
    /// deliveries already put back for it in this step.
    pub(super) async fn channel_wait(&self, channel: &str, put_back: &PutBack) -> Duration {
        let wait = self.pacer.channel_wait(channel).await;
        match put_back.next.get(channel) {
            Some(booked) => wait.max(*booked),
            None => wait,
        }
    }

    /// Puts `delivery` back to go after `wait`, without counting an attempt.
    pub(super) async fn put_back(
        &self,
        delivery: &ClaimedDelivery,
        channel: &str,
        wait: Duration,
        put_back: &mut PutBack,
        outcome: &mut StepOutcome,
    ) -> Result<(), StoreError> {
        let at = self.clock.now() + chrono::Duration::from_std(wait).unwrap_or_default();
        self.store
            .retry_delivery(delivery.id, at, (false, false), None)
            .await?;
        put_back
            .next
            .insert(channel.to_string(), wait + self.pacer.channel_interval());
        metrics::counter!("hoego_deliveries_put_back_total").increment(1);
        outcome.put_back += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backlog_takes_turns_with_the_other_teams_each_in_its_own_order() {
        let claimed = vec![
            ("noisy", 1),
            ("noisy", 2),
            ("noisy", 3),
            ("noisy", 4),
            ("quiet", 5),
            ("other", 6),
            ("other", 7),
        ];

        let ordered: Vec<i32> = in_turns(claimed, |(team, _)| *team)
            .into_iter()
            .map(|(_, id)| id)
            .collect();

        assert_eq!(ordered, [1, 5, 6, 2, 7, 3, 4]);
    }
}
