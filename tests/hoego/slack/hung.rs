//! A database that hangs during a modal submit (a stalled server, a writer holding the lock):
//! the acknowledgement still comes within Slack's 3 seconds, keeping the modal open with
//! everything typed; once the database recovers the same submit saves.

use std::time::Duration;

use hoego::domain::state::DeliveryStatus;
use serde_json::Value;

use super::SlackApp;
use super::payloads::{self, ALICE};
use super::rounds::{a_round, delivery_of, pressed_answer};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::stall::Failure;

async fn when_the_database_hangs_the_modal_stays_open_in_time_and_saves_once_it_recovers(
    backend: Backend,
) {
    let Some((db, mut stall)) = TestDb::new_stallable(backend).await else {
        return;
    };
    let app = SlackApp::start_on(db, |_, _| {}).await;
    app.fake.wait_connected(1).await;
    let deliveries = a_round(&app).await;
    let delivery = delivery_of(&deliveries, &ALICE);
    let (_, opened) = pressed_answer(&app, &ALICE, delivery).await;
    let typed = [
        ("went-well", "A long careful answer"),
        ("was-hard", "x"),
        ("next-week", "y"),
    ];

    stall.hang(&app.db).await;
    let hung = app
        .fake
        .envelope("interactive", payloads::submission(&ALICE, &opened, &typed));
    let (kept_open, latency) = app.fake.ack(&hung).await;
    stall.recover().await;
    let again = app
        .fake
        .envelope("interactive", payloads::submission(&ALICE, &opened, &typed));
    let (closed, _) = app.fake.ack(&again).await;

    assert_eq!(kept_open["response_action"], "errors", "{kept_open}");
    assert!(
        latency < Duration::from_secs(3),
        "acknowledged after {latency:?}"
    );
    assert!(
        closed.is_null() || closed == Value::Object(Default::default()),
        "{closed}"
    );
    let team = app.store.all_teams().await.unwrap().remove(0);
    let stored = app.store.deliveries_of_team(team.id).await.unwrap();
    let mine = stored.iter().find(|d| d.id == delivery).unwrap();
    assert_eq!(mine.status, DeliveryStatus::Answered);
    app.finish().await;
}

async fn every_way_the_database_fails_during_a_submit_keeps_the_modal_open_alike(backend: Backend) {
    let Some((db, mut stall)) = TestDb::new_stallable(backend).await else {
        return;
    };
    let app = SlackApp::start_on(db, |_, _| {}).await;
    app.fake.wait_connected(1).await;
    let deliveries = a_round(&app).await;
    let delivery = delivery_of(&deliveries, &ALICE);
    let (_, opened) = pressed_answer(&app, &ALICE, delivery).await;
    let typed = [
        ("went-well", "Shipped"),
        ("was-hard", "x"),
        ("next-week", "y"),
    ];

    let mut acks = Vec::new();
    for failure in Failure::all(backend) {
        stall.fail(&app.db, failure).await;
        let submitted = app
            .fake
            .envelope("interactive", payloads::submission(&ALICE, &opened, &typed));
        let (ack, latency) = app.fake.ack(&submitted).await;
        acks.push((failure, ack, latency));
        stall.recover().await;
    }
    let again = app
        .fake
        .envelope("interactive", payloads::submission(&ALICE, &opened, &typed));
    let (closed, _) = app.fake.ack(&again).await;

    for (failure, ack, latency) in &acks {
        assert_eq!(ack["response_action"], "errors", "{failure:?}: {ack}");
        assert_eq!(ack, &acks[0].1, "{failure:?} answers like {:?}", acks[0].0);
        assert!(
            *latency < Duration::from_secs(3),
            "{failure:?} acknowledged after {latency:?}"
        );
    }
    let errors = acks[0].1["errors"].to_string();
    assert!(errors.contains("Nothing was saved"), "{errors}");
    assert!(
        closed.is_null() || closed == Value::Object(Default::default()),
        "{closed}"
    );
    assert!(
        app.fake
            .calls_of("chat.postMessage")
            .iter()
            .all(|c| !c.body.to_string().contains("Shipped")),
        "the text stays in the modal, not in a message"
    );
    app.finish().await;
}

on_each_backend!(
    when_the_database_hangs_the_modal_stays_open_in_time_and_saves_once_it_recovers,
    every_way_the_database_fails_during_a_submit_keeps_the_modal_open_alike,
);
