//! One team's backlog does not hold back another team's prompts: the sender takes turns
//! between teams, and a delivery whose channel must wait for its interval is put back with the
//! time it may go (spaced an interval apart) instead of the whole loop sleeping on it.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use async_trait::async_trait;
use hoego::domain::state::DeliveryStatus;
use hoego::service::Actor;
use hoego::service::clock::Clock;
use hoego::service::messenger::{Messenger, Outgoing, SendError, Sent};
use hoego::store::Store;

use crate::both_backends;
use crate::support::messenger::RecordingMessenger;
use crate::support::world::{World, paced_sender, utc};

/// Members of the noisy team, every one prompted in a thread of the same channel.
const NOISY: usize = 30;

/// A recording platform that, like Discord and Slack, allows about one post a second per
/// channel.
struct OnePerSecond(RecordingMessenger);

#[async_trait]
impl Messenger for OnePerSecond {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        self.0.send(message).await
    }

    fn limits(&self) -> hoego::service::Limits {
        self.0.limits()
    }

    fn channel_interval(&self) -> StdDuration {
        StdDuration::from_secs(1)
    }
}

fn in_team(actor: Actor, team: &str) -> Actor {
    Actor {
        team_external_id: team.into(),
        team_name: team.into(),
        ..actor
    }
}

async fn a_noisy_teams_backlog_does_not_hold_back_a_quiet_teams_prompt(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let noisy_admin = in_team(world.actor("noisy-admin", true), "noisy");
    let add = "schedule add weekly \"0 17 * * FRI\" channel <#C0NOISY|noisy>";
    world.say(&noisy_admin, add).await.unwrap();
    world.say(&noisy_admin, "leave").await.unwrap();
    for n in 0..NOISY {
        let member = in_team(world.actor(&format!("n{n}"), false), "noisy");
        world
            .say(&member, "settings delivery thread")
            .await
            .unwrap();
        world.say(&member, "join").await.unwrap();
    }
    world
        .say(&noisy_admin, "schedule run-now weekly")
        .await
        .unwrap();
    let quiet_admin = in_team(world.actor("quiet-admin", true), "quiet");
    world
        .say(&quiet_admin, "schedule add weekly \"0 17 * * FRI\"")
        .await
        .unwrap();
    world
        .say(&quiet_admin, "schedule run-now weekly")
        .await
        .unwrap();
    let (noisy, _) = world.service.identify(&noisy_admin).await.unwrap();
    let (quiet, _) = world.service.identify(&quiet_admin).await.unwrap();
    let recording = RecordingMessenger::new();
    let messenger = Arc::new(OnePerSecond(recording.clone()));
    let sender = paced_sender(&world.store, &world.clock, messenger, 40);

    let step = sender.step().await.unwrap();

    let quiet_deliveries = world.store.deliveries_of_team(quiet.id).await.unwrap();
    assert_eq!(quiet_deliveries.len(), 1);
    assert_eq!(quiet_deliveries[0].status, DeliveryStatus::Sent);
    assert_eq!(
        (step.sent, step.put_back),
        (2, NOISY - 1),
        "one noisy prompt and the quiet one went; the noisy team's others wait for their channel"
    );
    let sent = recording.sent();
    let quiet_key = format!("hoego-d{}", quiet_deliveries[0].id);
    assert_eq!(
        sent[1].idempotency_key, quiet_key,
        "the quiet team's turn came second"
    );
    let pending: Vec<_> = world
        .store
        .deliveries_of_team(noisy.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.status == DeliveryStatus::Pending)
        .collect();
    assert_eq!(pending.len(), NOISY - 1);
    assert!(
        pending.iter().all(|d| d.attempts == 0),
        "no attempt counted"
    );
    let mut waiting: Vec<_> = pending.iter().map(|d| d.next_attempt_at).collect();
    waiting.sort();
    for pair in waiting.windows(2) {
        let gap = (pair[1] - pair[0]).num_milliseconds();
        assert!(
            (1000..=1100).contains(&gap),
            "spaced one interval apart: {gap} ms"
        );
    }
    assert!(
        waiting[0] > world.clock.now(),
        "put back for later, not sent now"
    );
}

both_backends!(
    fair_sending,
    super::a_noisy_teams_backlog_does_not_hold_back_a_quiet_teams_prompt
);
