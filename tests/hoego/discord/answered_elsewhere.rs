//! A replica whose answer to a command, a button or a modal submit loses to another replica's
//! (Discord: 400 40060, already acknowledged) stays silent: no apology, no second response, no
//! follow-up, and it is counted as answered elsewhere rather than logged as a failure.

use std::time::Duration;

use axum::http::Method;
use serde_json::json;

use super::DiscordApp;
use super::payloads::{Person, Place, button, modal_submit, slash, sub};
use super::prompts::{ALICE, a_round_of};
use crate::on_each_backend;
use crate::support::Backend;

async fn a_replica_whose_answer_lost_to_another_stays_silent(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let callback = "/interactions/96/";
    let already = json!({"message": "Interaction has already been acknowledged.", "code": 40060});
    app.fake.fail_next(Method::POST, callback, 400, already);

    app.fake.dispatch(
        "INTERACTION_CREATE",
        slash(96, &Person::member("6001"), sub("help", &[])),
    );
    let refused = app.fake.wait_for("POST", callback, 1).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    assert_eq!(refused[0].status, 400);
    let responses = app.fake.requests_to("POST", callback);
    let follow_ups = app.fake.requests_to("POST", "/webhooks/");
    assert_eq!(
        (responses.len(), follow_ups.len()),
        (1, 0),
        "nothing after the refusal: {responses:?} {follow_ups:?}"
    );
    app.fake.take_violations();
    app.finish().await;
}

/// How many responses of `kind` lost to another replica's, in this test process.
fn answered_elsewhere(kind: &str) -> f64 {
    let metrics = hoego::app::http::metrics_handle().render();
    let name = format!("hoego_interactions_answered_elsewhere_total{{kind=\"{kind}\"}}");
    metrics
        .lines()
        .find(|line| line.starts_with(&name))
        .and_then(|line| line.rsplit(' ').next()?.parse().ok())
        .unwrap_or(0.0)
}

/// Dispatches `payload` (interaction `id`) with its first response refused with 40060; after
/// 1.5 s, the responses to it and the follow-ups sent at all.
async fn refused_once(app: &DiscordApp, id: u64, payload: serde_json::Value) -> (usize, usize) {
    let callback = format!("/interactions/{id}/");
    let already = json!({"message": "Interaction has already been acknowledged.", "code": 40060});
    app.fake.fail_next(Method::POST, &callback, 400, already);
    app.fake.dispatch("INTERACTION_CREATE", payload);
    let refused = app.fake.wait_for("POST", &callback, 1).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(refused[0].status, 400);
    let responses = app.fake.requests_to("POST", &callback).len();
    let follow_ups = app.fake.requests_to("POST", "/webhooks/").len();
    (responses, follow_ups)
}

async fn a_replica_whose_answer_to_a_button_lost_stays_silent(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let (alice, delivery) = (Person::member(ALICE), deliveries[0].1);
    let before = answered_elsewhere("press");

    let press = button(97, &alice, Place::Dm, &format!("skip:{delivery}"));
    let sent = refused_once(&app, 97, press).await;

    assert_eq!(sent, (1, 0), "one response, no apology or follow-up");
    assert!(
        answered_elsewhere("press") > before,
        "counted as answered elsewhere"
    );
    app.fake.take_violations();
    app.finish().await;
}

async fn a_replica_whose_answer_to_a_modal_submit_lost_stays_silent(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let (alice, delivery) = (Person::member(ALICE), deliveries[0].1);
    let before = answered_elsewhere("submit");

    let values = [
        ("went-well", "shipped it"),
        ("was-hard", "on call"),
        ("next-week", "the release"),
    ];
    let form = format!("answer:{delivery}");
    let submit = modal_submit(98, &alice, Place::Dm, &form, &values);
    let sent = refused_once(&app, 98, submit).await;

    assert_eq!(sent, (1, 0), "one response, no apology or follow-up");
    assert!(
        answered_elsewhere("submit") > before,
        "counted as answered elsewhere"
    );
    app.fake.take_violations();
    app.finish().await;
}

on_each_backend!(
    a_replica_whose_answer_lost_to_another_stays_silent,
    a_replica_whose_answer_to_a_button_lost_stays_silent,
    a_replica_whose_answer_to_a_modal_submit_lost_stays_silent,
);
