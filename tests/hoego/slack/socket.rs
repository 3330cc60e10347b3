//! Socket Mode: connecting with the app token after checking the bot token, reconnecting when
//! Slack asks, and events Slack sends twice handled once.

use crate::on_each_backend;
use crate::support::Backend;
use serde_json::json;

use super::payloads::{ALICE, direct_message};
use super::{APP_TOKEN, BOT_TOKEN, SlackApp, text_of};

async fn the_bot_checks_its_token_then_opens_socket_mode_connections_with_the_app_token(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    app.fake.wait_connected(2).await;

    let checked = app.fake.calls_of("auth.test");
    let opened = app.fake.calls_of("apps.connections.open");

    assert_eq!(checked.len(), 1);
    assert_eq!(
        checked[0].auth.as_deref(),
        Some(format!("Bearer {BOT_TOKEN}").as_str())
    );
    assert_eq!(
        opened.len(),
        2,
        "two connections, as slack-morphism opens by default"
    );
    for call in &opened {
        assert_eq!(
            call.auth.as_deref(),
            Some(format!("Bearer {APP_TOKEN}").as_str())
        );
    }
    assert!(app.bot.as_ref().unwrap().connection().is_up());
    app.finish().await;
}

async fn a_disconnect_request_makes_the_bot_reconnect_and_keep_working(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    app.fake.wait_connected(2).await;
    app.fake.disconnect_all();
    app.fake.wait_for("apps.connections.open", 4).await;
    app.fake.wait_connected(1).await;
    let answer = app.typed(&ALICE, "help").await;

    assert!(answer.contains("recap"), "{answer}");
    app.finish().await;
}

async fn an_event_slack_sends_again_is_handled_once(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    let first = app
        .fake
        .envelope("events_api", direct_message(&ALICE, "help", "Ev0001"));
    let again = app
        .fake
        .envelope("events_api", direct_message(&ALICE, "help", "Ev0001"));
    let other = app
        .fake
        .envelope("events_api", direct_message(&ALICE, "settings", "Ev0002"));
    for envelope in [&first, &again, &other] {
        let (payload, _) = app.fake.ack(envelope).await;
        assert_eq!(
            payload,
            serde_json::Value::Null,
            "events are acknowledged bare"
        );
    }
    let posted = app.fake.wait_for("chat.postMessage", 2).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let posted_now = app.fake.calls_of("chat.postMessage");
    assert_eq!(posted_now.len(), 2, "{posted_now:?}");
    for call in &posted {
        assert_eq!(call.answer["channel"], json!(format!("D{}", ALICE.id)));
    }
    let texts: Vec<String> = posted_now.iter().map(|c| text_of(&c.body)).collect();
    assert!(texts.iter().any(|t| t.contains("recap")), "{texts:?}");
    app.finish().await;
}

async fn an_event_whose_acknowledgement_was_lost_is_sent_again_by_slack_and_answered_once(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    app.fake.lose_next_ack();
    let envelope = app
        .fake
        .envelope("events_api", direct_message(&ALICE, "help", "Ev0100"));
    let (_, latency) = app.fake.ack(&envelope).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    assert_eq!(
        app.fake.deliveries_of(&envelope),
        2,
        "sent again with retry_attempt 1"
    );
    assert!(latency < std::time::Duration::from_secs(3), "{latency:?}");
    let answered = app.fake.calls_of("chat.postMessage");
    assert_eq!(answered.len(), 1, "{answered:?}");
    app.finish().await;
}

on_each_backend!(
    an_event_whose_acknowledgement_was_lost_is_sent_again_by_slack_and_answered_once,
    the_bot_checks_its_token_then_opens_socket_mode_connections_with_the_app_token,
    a_disconnect_request_makes_the_bot_reconnect_and_keep_working,
    an_event_slack_sends_again_is_handled_once,
);
