//! A database that hangs during a submit (a stalled server, a writer holding the lock), not
//! merely closed: the submit is acknowledged in time, the member gets every typed text back
//! once hoego stops waiting, nothing half-saved, and the same answers go in once it recovers.
//! A database that refuses, resets or has no free connection gets the same answer.

use hoego::domain::state::DeliveryStatus;

use super::payloads::{Person, Place};
use super::prompts::{ALICE, a_round_of};
use super::{DiscordApp, content, ephemeral};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::stall::Failure;

async fn when_the_database_hangs_during_a_submit_the_text_comes_back_and_saves_once_it_recovers(
    backend: Backend,
) {
    let Some((db, mut stall)) = TestDb::new_stallable(backend).await else {
        return;
    };
    let app = DiscordApp::start_on(db, |_, _| {}).await;
    let (team, deliveries) = a_round_of(&app, "weekly").await;
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;
    let form = format!("answer:{delivery}");
    app.press(&alice, Place::Dm, &form).await;
    let typed = [
        ("went-well", "We finally fixed the flaky deploy"),
        ("was-hard", "Too many meetings on Tuesday"),
        ("next-week", "Write the migration guide"),
    ];

    stall.hang(&app.db).await;
    let given_back = app.submit(&alice, Place::Dm, &form, &typed).await;
    stall.recover().await;
    let after_recovery = app.store.delivery_answers(delivery).await.unwrap();
    let saved = app.submit(&alice, Place::Dm, &form, &typed).await;

    assert_eq!(
        given_back["type"], 5,
        "deferred at once, not left to time out: {given_back}"
    );
    assert!(ephemeral(&given_back), "{given_back}");
    let text = content(&given_back);
    assert!(text.contains("can't reach the database"), "{text}");
    for (_, value) in typed {
        assert!(text.contains(value), "{value} missing from {text}");
    }
    assert!(
        text.contains("**What went well this week?**\nWe finally fixed"),
        "each answer under its question, not its id: {text}"
    );
    assert!(!text.contains("went-well"), "{text}");
    assert!(
        after_recovery.is_empty(),
        "nothing half-saved: {after_recovery:?}"
    );
    assert!(content(&saved).contains("Saved 3 answers"), "{saved}");
    let status = app.store.deliveries_of_team(team).await.unwrap();
    let mine = status.iter().find(|d| d.id == delivery).unwrap();
    assert_eq!(mine.status, DeliveryStatus::Answered);
    app.finish().await;
}

async fn every_way_the_database_fails_during_a_submit_gives_the_same_answer(backend: Backend) {
    let Some((db, mut stall)) = TestDb::new_stallable(backend).await else {
        return;
    };
    let app = DiscordApp::start_on(db, |_, _| {}).await;
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let alice = Person::member(ALICE);
    let form = format!("answer:{}", deliveries[0].1);
    app.press(&alice, Place::Dm, &form).await;
    let typed = [
        ("went-well", "Shipped the importer"),
        ("was-hard", "A flaky test"),
        ("next-week", "Rest"),
    ];

    let mut answers = Vec::new();
    for failure in Failure::all(backend) {
        stall.fail(&app.db, failure).await;
        let started = std::time::Instant::now();
        let answer = app.submit(&alice, Place::Dm, &form, &typed).await;
        answers.push((failure, answer, started.elapsed()));
        stall.recover().await;
    }
    let saved = app.submit(&alice, Place::Dm, &form, &typed).await;

    let first = content(&answers[0].1);
    for (failure, answer, took) in &answers {
        assert!(ephemeral(answer), "{failure:?}: {answer}");
        let text = content(answer);
        assert_eq!(text, first, "{failure:?} answers like {:?}", answers[0].0);
        assert!(
            *took < std::time::Duration::from_secs(8),
            "{failure:?} took {took:?}"
        );
    }
    assert!(first.contains("can't reach the database"), "{first}");
    assert!(!first.contains("reference"), "{first}");
    assert!(first.contains("**What went well this week?**\nShipped the importer"));
    for (_, value) in typed {
        assert!(first.contains(value), "{value} missing from {first}");
    }
    assert!(content(&saved).contains("Saved 3 answers"), "{saved}");
    app.finish().await;
}

on_each_backend!(
    when_the_database_hangs_during_a_submit_the_text_comes_back_and_saves_once_it_recovers,
    every_way_the_database_fails_during_a_submit_gives_the_same_answer,
);
