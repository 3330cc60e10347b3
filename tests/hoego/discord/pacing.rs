//! Pacing before the first 429: a fan-out of DMs at the configured rate stays inside Discord's
//! global limit (50 requests a second, opening a DM counted) with no 429 at all, and a DM
//! channel, once opened, is not opened again when the message post is refused.

use std::collections::HashMap;

use axum::http::Method;
use chrono::Duration;
use hoego::domain::state::DeliveryStatus;
use serde_json::json;

use super::DiscordApp;
use super::fake::dm_channel;
use super::prompts::{a_round_for, a_round_of};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::world::{paced_sender, send_all};

/// Members in the fan-out.
const MEMBERS: usize = 300;
/// The default `sender.rate_per_second`: a DM to a new member is two requests (open, post), so
/// without counting the opens this rate would make 80 requests a second.
const RATE: u32 = 40;

async fn three_hundred_dms_at_the_default_rate_get_no_429_and_open_each_dm_once(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let users: Vec<String> = (0..MEMBERS).map(|n| format!("{}", 70_000 + n)).collect();
    let ids: Vec<&str> = users.iter().map(String::as_str).collect();
    let (team, _) = a_round_for(&app, "weekly", &ids).await;
    let messenger = app.bot.as_ref().unwrap().messenger();
    let sender = paced_sender(&app.store, &app.clock, messenger, RATE);

    let sent = send_all(&sender, &app.clock, MEMBERS, 5).await;

    assert_eq!(sent, MEMBERS);
    assert_eq!(app.fake.rate_limited(), 0, "no request answered 429");
    let mut opened: HashMap<String, usize> = HashMap::new();
    for open in app.fake.requests_to("POST", "/users/@me/channels") {
        let user = open.body["recipient_id"].as_str().unwrap().to_string();
        *opened.entry(user).or_default() += 1;
    }
    assert_eq!(opened.len(), MEMBERS, "every member's DM opened");
    assert!(opened.values().all(|&n| n == 1), "each once: {opened:?}");
    for user in &users {
        assert_eq!(app.fake.messages_created_in(&dm_channel(user)), 1, "{user}");
    }
    let deliveries = app.store.deliveries_of_team(team).await.unwrap();
    assert!(deliveries.iter().all(|d| d.status == DeliveryStatus::Sent));
    app.finish().await;
}

async fn a_dm_whose_message_was_refused_with_429_is_not_opened_again(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let limited = json!({"message": "You are being rate limited.", "retry_after": 0.05,
                         "global": false, "code": 0});
    app.fake.fail_next(Method::POST, "/messages", 429, limited);
    let sender = app.sender();

    let before = sender.step().await.unwrap();
    app.clock.advance(Duration::seconds(1));
    let after = sender.step().await.unwrap();

    assert_eq!((before.sent, before.rate_limited, after.sent), (1, 1, 1));
    for (user, _) in &deliveries {
        let opened = app
            .fake
            .requests_to("POST", "/users/@me/channels")
            .into_iter()
            .filter(|r| r.body["recipient_id"] == json!(user))
            .count();
        assert_eq!(opened, 1, "the DM with {user} opened once");
        assert_eq!(app.fake.messages_created_in(&dm_channel(user)), 1);
    }
    app.finish().await;
}

on_each_backend!(
    three_hundred_dms_at_the_default_rate_get_no_429_and_open_each_dm_once,
    a_dm_whose_message_was_refused_with_429_is_not_opened_again
);
