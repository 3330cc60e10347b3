//! The gateway session as Discord keeps it: an interaction dispatched while the bot reconnects
//! is replayed when it resumes; an invalid session makes it identify again; a reconnect request
//! makes it resume; a token Discord does not know stops it. The behaviour does not depend on
//! the database, so these run on SQLite only.

use std::time::Duration;

use secrecy::SecretString;

use super::payloads::{Person, sub};
use super::{DiscordApp, content};
use crate::support::Backend;

async fn started() -> DiscordApp {
    let app = DiscordApp::start(Backend::Sqlite).await.expect("SQLite");
    app.registered().await;
    app
}

#[tokio::test]
async fn a_command_sent_while_the_bot_reconnects_is_replayed_on_resume_and_answered() {
    let app = started().await;

    app.fake.close_gateway(4000);
    let response = app
        .slash(&Person::member("6001"), sub("settings", &[]))
        .await;

    assert_eq!((app.fake.identifies().len(), app.fake.resumes()), (1, 1));
    assert_eq!(response["type"], 4, "{response}");
    app.finish().await;
}

#[tokio::test]
async fn a_session_discord_no_longer_resumes_is_identified_afresh_and_keeps_answering() {
    let app = started().await;

    app.fake.invalidate_session();
    app.fake.close_gateway(4000);
    app.fake.wait_for_sessions(2, 1).await;
    let response = app
        .slash(&Person::member("6001"), sub("settings", &[]))
        .await;

    assert_eq!(
        app.fake.sessions_started(),
        2,
        "RESUME got op 9, then IDENTIFY"
    );
    assert!(!content(&response).is_empty(), "{response}");
    app.finish().await;
}

#[tokio::test]
async fn a_reconnect_request_makes_the_bot_resume_its_session() {
    let app = started().await;

    app.fake.request_reconnect();
    app.fake.wait_for_sessions(1, 1).await;
    let response = app
        .slash(&Person::member("6001"), sub("settings", &[]))
        .await;

    assert_eq!(
        app.fake.sessions_started(),
        1,
        "resumed, not identified again"
    );
    assert_eq!(response["type"], 4, "{response}");
    app.finish().await;
}

/// The bot with a token the fake does not accept; sharding fixed so the token first meets the
/// gateway (`rest: false`) or the REST API (`/gateway/bot`, `rest: true`).
async fn stopped_with_a_wrong_token(rest: bool) -> (anyhow::Result<()>, DiscordApp) {
    let mut app = DiscordApp::start_with(Backend::Sqlite, |s, _| {
        s.token = Some(SecretString::from("not-the-bots-token"));
        s.shard_count = if rest { 0 } else { 1 };
    })
    .await
    .expect("SQLite");
    let stopped =
        tokio::time::timeout(Duration::from_secs(20), app.bot.as_mut().unwrap().stopped())
            .await
            .expect("the client stops");
    (stopped, app)
}

#[tokio::test]
async fn a_token_discord_does_not_know_stops_the_bot_at_the_gateway_and_over_rest() {
    let (gateway, app) = stopped_with_a_wrong_token(false).await;
    let identified = app.fake.identifies().len();
    app.finish().await;
    let (rest, app) = stopped_with_a_wrong_token(true).await;
    let refused = app.fake.take_violations();
    app.finish().await;

    let gateway = format!("{:#}", gateway.expect_err("4004 stops the client"));
    assert!(gateway.contains("uthentication"), "{gateway}");
    assert_eq!(identified, 1);
    rest.expect_err("401 stops the client");
    assert_eq!(refused[0].status, 401, "{refused:?}");
}
