//! Digests when rounds close, through the background steps: the scheduler closes the round and
//! the digest goes out in the same step (the console, which has one channel, gets it there).

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use hoego::app::background::Steps;
use hoego::config::{SchedulerSettings, SenderSettings};
use hoego::service::digest::DigestPoster;
use hoego::service::ids::{ActionId, FormId};
use hoego::service::messenger::Destination;
use hoego::service::{Interaction, Outcome};
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
    Steps::new(&world.service, messenger, &scheduler, &sender).with_digests(digests)
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
        text.starts_with("# Round digest: weekly · Fri 4 Dec"),
        "{text}"
    );
    assert!(
        text.ends_with("Did not answer: admin, alice, bob"),
        "{text}"
    );
    assert!(!text.contains("yet"), "the round has closed: {text}");
}
both_backends!(
    a_closing_round_posts_its_digest_in_the_same_step,
    super::a_closing_round_posts_its_digest_in_the_same_step
);

/// A schedule added with `digest by-member` posts its closing digest grouped by member: each
/// member's named answers under their name, anonymous answers apart (by question, authorless).
async fn a_by_member_schedules_digest_groups_by_member_and_keeps_anonymous_answers_apart(
    store: Store,
) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let admin = world.actor("admin", true);
    world
        .say(
            &admin,
            "schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul digest by-member",
        )
        .await
        .expect("admin adds a by-member schedule");
    for user in ["alice", "bob"] {
        world.say(&world.actor(user, false), "join").await.unwrap();
    }
    let listed = world.say(&admin, "schedule list").await.unwrap();
    assert!(
        listed.plain_text().contains("digest by member"),
        "{}",
        listed.plain_text()
    );
    let messenger = RecordingMessenger::new();
    let steps = steps(&world, &messenger);
    world.clock.set(utc(2026, 12, 4, 8, 0));
    steps.run_once().await;

    for prompt in messenger.sent() {
        if !prompt.idempotency_key.starts_with("hoego-d") {
            continue;
        }
        let Some(ActionId::Answer(delivery)) = prompt.reply.actions.first().map(|a| a.id) else {
            panic!("a prompt without an Answer button: {prompt:?}");
        };
        let Destination::Direct { user_id, .. } = &prompt.to else {
            panic!("a prompt in a channel: {prompt:?}");
        };
        if user_id == "admin" {
            continue;
        }
        let actor = world.actor(user_id, false);
        let values = [
            ("went-well".to_string(), format!("{user_id} went well")),
            ("was-hard".to_string(), format!("{user_id} was hard")),
            ("next-week".to_string(), format!("{user_id} next")),
        ];
        let submit = Interaction::Submit(FormId::Answer(delivery), values.into());
        let outcome = world.service.interact(&actor, submit).await;
        assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
        if user_id == "bob" {
            let anonymous = Interaction::Text("visibility was-hard anonymous".into());
            let reply = world.service.interact(&actor, anonymous).await.into_reply();
            assert!(
                reply.plain_text().starts_with("1 of your answers"),
                "{}",
                reply.plain_text()
            );
        }
    }

    world.clock.set(world.clock.now_utc() + Duration::days(8));
    steps.run_once().await;

    let sent = messenger.sent();
    let digests: Vec<_> = sent
        .iter()
        .filter(|m| m.idempotency_key.starts_with("digest:"))
        .collect();
    assert_eq!(digests.len(), 1);
    assert_eq!(
        digests[0].reply.plain_text(),
        "# Round digest: weekly · Fri 4 Dec\n\n\
         ## alice\n\n\
         ### What went well this week?\n\n> alice went well\n\n\
         ### What was hard this week?\n\n> alice was hard\n\n\
         ### What will you focus on next week? One item per line.\n\n> - alice next\n\n\
         ## bob\n\n\
         ### What went well this week?\n\n> bob went well\n\n\
         ### What will you focus on next week? One item per line.\n\n> - bob next\n\n\
         _1 anonymous answer to “What was hard this week?” withheld: fewer than 3 members \
         answered it anonymously in that round, so the author could be singled out._\n\n\
         Did not answer: admin"
    );
}
both_backends!(
    a_by_member_schedules_digest_groups_by_member_and_keeps_anonymous_answers_apart,
    super::a_by_member_schedules_digest_groups_by_member_and_keeps_anonymous_answers_apart
);
