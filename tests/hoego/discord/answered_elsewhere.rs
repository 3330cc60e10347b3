//! A replica whose answer to a command loses to another replica's (Discord: 400 40060, already
//! acknowledged) stays silent: no apology, no second response, no follow-up.

use std::time::Duration;

use axum::http::Method;
use serde_json::json;

use super::DiscordApp;
use super::payloads::{Person, slash, sub};
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

on_each_backend!(a_replica_whose_answer_lost_to_another_stays_silent);
