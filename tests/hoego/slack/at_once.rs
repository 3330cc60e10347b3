//! A submitted answer form is acknowledged with what hoego knows of the person at once: its
//! acknowledgement waits for the commit, never for `users.info` (a round trip to Slack, limited
//! to about 100 a minute). A person whose profile was read a while ago, or never, keeps the
//! name hoego has; their answers are saved.

use chrono::Duration;
use hoego::domain::ids::DeliveryId;
use hoego::domain::state::{DeliveryStatus, Platform};
use serde_json::{Value, json};

use super::fake::TEAM;
use super::payloads::{self, ALICE, BOB, Person};
use super::rounds::{a_round, delivery_of, pressed_answer};
use super::{SlackApp, text_of};
use crate::on_each_backend;
use crate::support::Backend;

/// `who`'s submit of `delivery`'s form, built from the modal hoego opened.
fn submit_of(who: &Person, delivery: DeliveryId, opened: &Value) -> Value {
    let typed = [
        ("went-well", "Shipped it"),
        ("was-hard", "Nothing"),
        ("next-week", "Rest"),
    ];
    let mut submission = payloads::submission(who, opened, &typed);
    let metadata = json!({"form": format!("answer:{}", delivery.0), "team": TEAM});
    submission["view"]["private_metadata"] = json!(metadata.to_string());
    submission
}

/// The name hoego keeps for `who`.
async fn stored_name(app: &SlackApp, who: &Person) -> String {
    let found = app.store.identity(Platform::Slack, TEAM, who.id).await;
    let (_, member) = found.unwrap().expect("the team is known");
    member.expect("a member").display_name
}

/// What hoego knew before Alice and Bob submitted: their names and how many times
/// `users.info` had been asked.
struct Before {
    alice: (String, DeliveryId),
    bob: (String, DeliveryId),
    asked: usize,
}

/// A round for Alice and Bob (no prompt sent, so no DM known); Alice pressed Answer 20 minutes
/// ago (her profile is older than hoego trusts), Bob never pressed anything here (his profile
/// was never read); both submit, each acknowledged as saved.
async fn both_submit(app: &SlackApp) -> Before {
    let deliveries = a_round(app).await;
    let alice = delivery_of(&deliveries, &ALICE);
    let bob = delivery_of(&deliveries, &BOB);
    let (_, opened) = pressed_answer(app, &ALICE, alice).await;
    app.clock.advance(Duration::minutes(20));
    let before = Before {
        alice: (stored_name(app, &ALICE).await, alice),
        bob: (stored_name(app, &BOB).await, bob),
        asked: app.fake.calls_of("users.info").len(),
    };
    for (who, delivery) in [(&ALICE, alice), (&BOB, bob)] {
        let envelope = app
            .fake
            .envelope("interactive", submit_of(who, delivery, &opened));
        let (payload, _) = app.fake.ack(&envelope).await;
        assert!(payload.is_null(), "saved, the modal closes: {payload}");
    }
    before
}

async fn a_submit_is_acknowledged_without_asking_slack_who_the_person_is(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    let before = both_submit(&app).await;

    let asked = app.fake.calls_of("users.info").len() - before.asked;
    assert_eq!(
        asked, 0,
        "users.info was asked before acknowledging a submit"
    );
    for (who, (name, delivery)) in [(&ALICE, &before.alice), (&BOB, &before.bob)] {
        assert_eq!(
            &stored_name(&app, who).await,
            name,
            "{} keeps the name",
            who.id
        );
        let answers = app.store.delivery_answers(*delivery).await.unwrap();
        assert_eq!(answers.len(), 3, "{} answered", who.id);
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let stored = app.store.deliveries_of_team(team.id).await.unwrap();
    assert!(
        stored.iter().all(|d| d.status == DeliveryStatus::Answered),
        "{stored:?}"
    );
    app.finish().await;
}

async fn a_saved_submit_is_confirmed_in_the_dm_without_opening_a_conversation(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    both_submit(&app).await;

    let posts = app.fake.wait_for("chat.postMessage", 2).await;
    let opened = app.fake.calls_of("conversations.open");
    assert!(
        opened.is_empty(),
        "a burst of these would hit 50 a minute: {opened:?}"
    );
    for who in [&ALICE, &BOB] {
        let dm = json!(format!("D{}", who.id));
        let confirmed = posts
            .iter()
            .filter(|c| c.answer["channel"] == dm)
            .any(|c| text_of(&c.body).contains("Saved 3 answers"));
        assert!(
            confirmed,
            "{} was told their answers were saved: {posts:?}",
            who.id
        );
    }
    app.finish().await;
}

on_each_backend!(
    a_submit_is_acknowledged_without_asking_slack_who_the_person_is,
    a_saved_submit_is_confirmed_in_the_dm_without_opening_a_conversation,
);
