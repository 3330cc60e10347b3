//! A letter opened on its day, on both backends: sent back once by DM at nine on its author's
//! clock, not before; not again by the same sender, by a sender after a restart, or by a second
//! replica racing the first; once after downtime across its day, by the first step after the
//! start; again after a failed send; a team letter in the team's channel.

use hoego::domain::state::Platform;
use hoego::service::messenger::{Destination, SendError};
use hoego::service::{Actor, Interaction, Outcome};
use hoego::store::Store;

use crate::both_backends;
use crate::support::messenger::RecordingMessenger;
use crate::support::world::{World, utc};

const LETTER: &str = "Dear me: did the move go well?";

/// Writes `text` as `actor` with the command `line`.
async fn write(world: &World, actor: &Actor, line: &str, text: &str) {
    let reply = world.say(actor, line).await.expect("the form");
    let form = reply.form.expect("a form");
    let values = vec![("letter".to_string(), text.to_string())];
    let submit = Interaction::Submit(form.id, values);
    let outcome = world.service.interact(actor, submit).await;
    assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
}

/// Mina's letter sealed on Fri 4 Dec 2026 until Mon 28 Dec 2026 (09:00 Seoul = 00:00 UTC).
async fn sealed(store: Store) -> (World, Actor) {
    let world = World::new(store, utc(2026, 12, 4, 1, 0));
    let mina = world.actor("mina", false);
    write(&world, &mina, "capsule write until 2026-12-28", LETTER).await;
    (world, mina)
}

async fn a_letter_opens_once_on_its_day_and_not_again_after_a_restart(store: Store) {
    let (world, _) = sealed(store).await;
    let sender = world.sender();

    world.clock.set(utc(2026, 12, 27, 23, 59));
    let early = sender.step().await.unwrap();
    world.clock.set(utc(2026, 12, 28, 0, 0));
    let on_the_day = sender.step().await.unwrap();
    let again = sender.step().await.unwrap();
    let restarted = world.sender().step().await.unwrap();
    world.clock.set(utc(2027, 1, 5, 0, 0));
    let later = world.sender().step().await.unwrap();

    assert_eq!(early.letters, 0);
    assert_eq!(on_the_day.letters, 1);
    assert_eq!((again.letters, restarted.letters, later.letters), (0, 0, 0));
    let sent = world.messenger.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0].to,
        Destination::Direct {
            user_id: "mina".into(),
            dm_channel: None
        }
    );
    assert_eq!(
        sent[0].reply.plain_text(),
        format!("**A letter from 4 Dec 2026**\n\n{LETTER}")
    );
}

async fn a_letter_due_while_hoego_was_down_opens_once_at_the_start(store: Store) {
    let (world, _) = sealed(store).await;
    // Down from the 20th to 3 January: the first step after the start sends it.
    world.clock.set(utc(2027, 1, 3, 6, 0));
    let first = world.sender().step().await.unwrap();
    let second_start = world.sender().step().await.unwrap();

    assert_eq!((first.letters, second_start.letters), (1, 0));
    assert_eq!(world.messenger.count(), 1);
}

async fn two_replicas_racing_open_a_letter_once(store: Store) {
    let (world, _) = sealed(store).await;
    world.clock.set(utc(2026, 12, 28, 0, 0));
    let (a, b) = (world.sender(), world.sender());
    let (a, b) = tokio::join!(a.step(), b.step());

    assert_eq!(a.unwrap().letters + b.unwrap().letters, 1);
    assert_eq!(world.messenger.count(), 1);
}

async fn a_failed_send_is_tried_again_after_its_lease(store: Store) {
    let (world, _) = sealed(store).await;
    let messenger = RecordingMessenger::new();
    messenger.fail_next([SendError::Failed("502".into())]);
    let sender = world.sender_with(messenger.clone());
    world.clock.set(utc(2026, 12, 28, 0, 0));
    let failed = sender.step().await.unwrap();
    let held = sender.step().await.unwrap();
    world.clock.set(utc(2026, 12, 28, 0, 2));
    let retried = sender.step().await.unwrap();

    assert_eq!((failed.letters, held.letters, retried.letters), (0, 0, 1));
    assert_eq!(messenger.count(), 1);
}

async fn a_team_letter_opens_in_the_channel_it_was_written_for(store: Store) {
    let world = World::new(store, utc(2026, 12, 4, 1, 0));
    let mut admin = world.actor("mina", true);
    admin.channel_id = Some("C-retro".into());
    assert_eq!(admin.platform, Platform::Console);
    write(
        &world,
        &admin,
        "capsule write team until 2026-12-28",
        LETTER,
    )
    .await;
    world.clock.set(utc(2026, 12, 28, 0, 0));
    let step = world.sender().step().await.unwrap();

    assert_eq!(step.letters, 1);
    let sent = world.messenger.sent();
    assert_eq!(
        sent[0].to,
        Destination::Channel {
            channel_id: "C-retro".into(),
            thread: None
        }
    );
    assert_eq!(
        sent[0].reply.plain_text(),
        format!("**A letter to the team from 4 Dec 2026, by mina**\n\n{LETTER}")
    );
}

both_backends!(
    a_letter_opens_once_on_its_day_and_not_again_after_a_restart,
    super::a_letter_opens_once_on_its_day_and_not_again_after_a_restart
);
both_backends!(
    a_letter_due_while_hoego_was_down_opens_once_at_the_start,
    super::a_letter_due_while_hoego_was_down_opens_once_at_the_start
);
both_backends!(
    two_replicas_racing_open_a_letter_once,
    super::two_replicas_racing_open_a_letter_once
);
both_backends!(
    a_failed_send_is_tried_again_after_its_lease,
    super::a_failed_send_is_tried_again_after_its_lease
);
both_backends!(
    a_team_letter_opens_in_the_channel_it_was_written_for,
    super::a_team_letter_opens_in_the_channel_it_was_written_for
);
