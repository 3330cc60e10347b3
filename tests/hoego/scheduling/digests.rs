//! Digests when rounds close, through the background steps: the scheduler closes the round and
//! the digest goes out in the same step (the console, which has one channel, gets it there).

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use hoego::background::Steps;
use hoego::config::{SchedulerSettings, SenderSettings};
use hoego::service::digest::DigestPoster;
use hoego::service::messenger::Destination;
use hoego::store::Store;

use super::weekly_team;
use crate::both_backends;
use crate::support::chat::NowUtc;
use crate::support::messenger::RecordingMessenger;
use crate::support::world::{World, utc};

fn steps(world: &World, messenger: &RecordingMessenger) -> Steps {
    let scheduler = SchedulerSettings {
        tick_interval: StdDuration::from_secs(15),
        grace_period: StdDuration::from_secs(6 * 3600),
        answer_window: StdDuration::from_secs(48 * 3600),
        reminder_at_percent: 0,
    };
    let sender = SenderSettings {
        rate_per_second: 0,
        max_attempts: 3,
        lease: StdDuration::from_secs(60),
    };
    let messenger = Arc::new(messenger.clone());
    let digests = DigestPoster::new(world.service.clone(), messenger.clone());
    Steps::new(
        world.store.clone(),
        Arc::new(world.clock.clone()),
        messenger,
        &scheduler,
        &sender,
    )
    .with_digests(digests)
}

async fn a_closing_round_posts_its_digest_in_the_same_step(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    weekly_team(&world).await;
    let messenger = RecordingMessenger::new();
    let steps = steps(&world, &messenger);
    world.clock.set(utc(2026, 12, 4, 8, 0));
    steps.run_once().await;
    let prompts = messenger.count();

    world.clock.set(world.clock.now_utc() + Duration::days(8));
    steps.run_once().await;

    let sent = messenger.sent();
    let digests: Vec<_> = sent
        .iter()
        .filter(|m| m.idempotency_key.starts_with("digest:"))
        .collect();
    assert_eq!(prompts, 3);
    assert_eq!(digests.len(), 1);
    let digest = digests[0];
    assert_eq!(
        digest.to,
        Destination::Channel {
            channel_id: "console".into(),
            thread: None
        }
    );
    let text = digest.reply.plain_text();
    assert!(
        text.starts_with("# Round digest: weekly · 2026-12-04"),
        "{text}"
    );
    assert!(
        text.ends_with("Not answered yet: admin, alice, bob"),
        "{text}"
    );
}
both_backends!(
    a_closing_round_posts_its_digest_in_the_same_step,
    super::a_closing_round_posts_its_digest_in_the_same_step
);
