//! Sending prompts: once each, with the platform's message id recorded; rate limits honoured
//! without counting an attempt; failures backed off and given up; a crashed sender's lease
//! handed over, and a prompt sent but not recorded before a crash sent again with its key; one
//! reminder, never to a paused member.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use hoego::domain::state::DeliveryStatus;
use hoego::service::Interaction;
use hoego::service::clock::Clock;
use hoego::service::command::Command;
use hoego::service::ids::ActionId;
use hoego::service::messenger::SendError;
use hoego::store::Store;

use super::weekly_team;
use crate::both_backends;
use crate::support::messenger::{DiesAfterSending, crash_after_first_send};
use crate::support::world::{World, unpaced_sender, utc};
use tokio::sync::Notify;

fn friday_5pm() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 12, 4, 8, 0)
}

async fn a_round_at_its_time(store: Store) -> (World, hoego::domain::ids::TeamId) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm());
    world.scheduler().tick().await.unwrap();
    (world, team)
}

async fn each_delivery_is_sent_once_with_answer_and_skip_buttons(store: Store) {
    let (world, team) = a_round_at_its_time(store).await;

    let first = world.sender().step().await.unwrap();
    let second = world.sender().step().await.unwrap();

    assert_eq!((first.sent, second.sent), (3, 0));
    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    assert!(
        deliveries
            .iter()
            .all(|d| d.status == DeliveryStatus::Sent && d.platform_message_id.is_some())
    );
    let prompt = &world.messenger.sent()[0];
    let delivery = deliveries[0].id;
    let ids: Vec<ActionId> = prompt.reply.actions.iter().map(|a| a.id).collect();
    assert_eq!(ids, [ActionId::Answer(delivery), ActionId::Skip(delivery)]);
    assert_eq!(prompt.idempotency_key, format!("hoego-d{delivery}"));
    assert!(
        prompt
            .reply
            .plain_text()
            .contains("What went well this week?"),
        "{}",
        prompt.reply.plain_text()
    );
}
both_backends!(
    prompts_are_sent_once,
    super::each_delivery_is_sent_once_with_answer_and_skip_buttons
);

async fn a_rate_limit_reschedules_the_delivery_without_counting_an_attempt(store: Store) {
    let (world, team) = a_round_at_its_time(store).await;
    world.messenger.fail_next([SendError::RateLimited {
        retry_after: StdDuration::from_secs(30),
    }]);

    let first = world.sender().step().await.unwrap();
    let too_early = world.sender().step().await.unwrap();
    world.clock.advance(Duration::seconds(31));
    let later = world.sender().step().await.unwrap();

    assert_eq!(
        (first.sent, first.rate_limited, too_early.sent, later.sent),
        (2, 1, 0, 1)
    );
    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    assert!(
        deliveries
            .iter()
            .all(|d| d.attempts == 0 && d.status == DeliveryStatus::Sent)
    );
    let mut keys: Vec<String> = world
        .messenger
        .sent()
        .iter()
        .map(|m| m.idempotency_key.clone())
        .collect();
    keys.dedup();
    assert_eq!(keys.len(), 3, "no duplicate message");
}
both_backends!(
    rate_limits_are_honoured,
    super::a_rate_limit_reschedules_the_delivery_without_counting_an_attempt
);

async fn failing_sends_back_off_and_end_as_failed_with_the_error_kept(store: Store) {
    let (world, team) = a_round_at_its_time(store).await;
    world
        .messenger
        .fail_next((0..9).map(|_| SendError::Failed("502 Bad Gateway".into())));

    let mut retried = Vec::new();
    for _ in 0..3 {
        let outcome = world.sender().step().await.unwrap();
        retried.push((outcome.retried, outcome.given_up));
        world.clock.advance(Duration::minutes(30));
    }

    assert_eq!(retried, [(3, 0), (3, 0), (0, 3)]);
    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    for delivery in deliveries {
        assert_eq!(delivery.status, DeliveryStatus::Failed);
        assert_eq!(delivery.attempts, 3);
        assert_eq!(delivery.last_error.as_deref(), Some("502 Bad Gateway"));
    }
}
both_backends!(
    failures_back_off_then_fail,
    super::failing_sends_back_off_and_end_as_failed_with_the_error_kept
);

async fn a_retried_send_waits_for_its_backoff(store: Store) {
    let (world, team) = a_round_at_its_time(store).await;
    world
        .messenger
        .fail_next([SendError::Failed("timeout".into())]);
    world.sender().step().await.unwrap();

    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    let failed = deliveries
        .iter()
        .find(|d| d.attempts == 1)
        .expect("one failed attempt");
    let wait = failed.next_attempt_at - world.clock.now();

    assert!(
        wait >= Duration::seconds(8) && wait <= Duration::seconds(12),
        "first backoff about 10 s, got {wait}"
    );
    assert_eq!(world.sender().step().await.unwrap().sent, 0);
    world.clock.advance(Duration::seconds(13));
    assert_eq!(world.sender().step().await.unwrap().sent, 1);
}
both_backends!(
    backoff_is_honoured,
    super::a_retried_send_waits_for_its_backoff
);

async fn a_member_who_cannot_be_reached_is_marked_undeliverable_and_admins_see_it(store: Store) {
    let (world, team) = a_round_at_its_time(store).await;
    world.messenger.fail_next([SendError::Undeliverable(
        "Cannot send messages to this user (50007)".into(),
    )]);

    let outcome = world.sender().step().await.unwrap();

    assert_eq!((outcome.sent, outcome.given_up), (2, 1));
    let statuses: Vec<DeliveryStatus> = world
        .store
        .deliveries_of_team(team)
        .await
        .unwrap()
        .iter()
        .map(|d| d.status)
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == DeliveryStatus::Undeliverable)
            .count(),
        1
    );
    let list = world
        .say(&world.actor("admin", true), "schedule list")
        .await
        .unwrap()
        .plain_text();
    assert!(list.contains("undeliverable: 1"), "{list}");
}
both_backends!(
    undeliverable_members,
    super::a_member_who_cannot_be_reached_is_marked_undeliverable_and_admins_see_it
);

async fn a_crashed_senders_lease_expires_and_another_sender_sends_once(store: Store) {
    let (world, _) = a_round_at_its_time(store).await;
    let now = world.clock.now();
    let crashed = world
        .store
        .claim_deliveries("crashed", now, now + Duration::seconds(60), 100)
        .await
        .unwrap();
    assert_eq!(crashed.len(), 3, "the crashed sender had leased everything");

    let while_leased = world.sender().step().await.unwrap();
    world.clock.advance(Duration::seconds(61));
    let after_expiry = world.sender().step().await.unwrap();

    assert_eq!((while_leased.sent, after_expiry.sent), (0, 3));
    assert_eq!(world.messenger.count(), 3);
}
both_backends!(
    crashed_sender_hand_over_nothing_sent,
    super::a_crashed_senders_lease_expires_and_another_sender_sends_once
);

/// The real crash: the platform got the prompt, the sender died before recording it. After the
/// lease another sender sends it again with the same idempotency key (which Discord's enforced
/// nonce turns into no second message; see the Discord test), and every delivery ends recorded
/// once.
async fn a_prompt_sent_but_not_recorded_before_a_crash_is_sent_again_with_the_same_key(
    store: Store,
) {
    let (world, team) = a_round_at_its_time(store).await;
    let sent = Arc::new(Notify::new());
    let dying = DiesAfterSending {
        inner: Arc::new(world.messenger.clone()),
        sent: sent.clone(),
    };
    let crashed = unpaced_sender(&world.store, &world.clock, Arc::new(dying));

    crash_after_first_send(crashed, sent).await;
    let stranded = world.store.deliveries_of_team(team).await.unwrap();
    world.clock.advance(Duration::seconds(61));
    let after_lease = world.sender().step().await.unwrap();

    assert!(
        stranded.iter().all(|d| d.status == DeliveryStatus::Pending),
        "nothing recorded"
    );
    assert_eq!(after_lease.sent, 3);
    let mut sends: std::collections::BTreeMap<String, usize> = Default::default();
    for message in world.messenger.sent() {
        *sends.entry(message.idempotency_key).or_default() += 1;
    }
    let mut counts: Vec<usize> = sends.values().copied().collect();
    counts.sort();
    assert_eq!(
        counts,
        [1, 1, 2],
        "the stranded prompt twice, with one key: {sends:?}"
    );
    let recorded = world.store.deliveries_of_team(team).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    assert_eq!(
        world.sender().step().await.unwrap().sent,
        0,
        "and never again"
    );
}
both_backends!(
    sent_not_recorded_crash,
    super::a_prompt_sent_but_not_recorded_before_a_crash_is_sent_again_with_the_same_key
);

async fn one_reminder_goes_out_at_its_point_of_the_window_never_to_a_paused_member_or_one_who_skipped(
    store: Store,
) {
    let (world, _) = a_round_at_its_time(store).await;
    world.sender().step().await.unwrap();
    let bob = world
        .service
        .identify(&world.actor("bob", false))
        .await
        .unwrap()
        .1;
    world
        .store
        .set_paused_until(bob.id, Some(friday_5pm() + Duration::days(7)))
        .await
        .unwrap();
    let skip = Interaction::Command(Command::Skip { schedule: None });
    let alice = world.actor("alice", false);
    let skipped = world.service.interact(&alice, skip).await.into_reply();
    assert!(
        skipped.plain_text().contains("Skipped this weekly round"),
        "{}",
        skipped.plain_text()
    );

    world.clock.set(friday_5pm() + Duration::hours(35));
    let early = world.sender().step().await.unwrap();
    world.clock.set(friday_5pm() + Duration::hours(36));
    let due = world.sender().step().await.unwrap();
    let again = world.sender().step().await.unwrap();

    assert_eq!(
        (early.reminders, due.reminders, again.reminders),
        (0, 1, 0),
        "only the admin: Alice skipped, Bob is paused"
    );
    let reminders: Vec<_> = world
        .messenger
        .sent()
        .into_iter()
        .filter(|m| m.idempotency_key.starts_with("hoego-r"))
        .collect();
    assert_eq!(reminders.len(), 1);
    assert!(
        reminders[0].reply.plain_text().contains("closes"),
        "{}",
        reminders[0].reply.plain_text()
    );
}
both_backends!(
    reminders_once,
    super::one_reminder_goes_out_at_its_point_of_the_window_never_to_a_paused_member_or_one_who_skipped
);
