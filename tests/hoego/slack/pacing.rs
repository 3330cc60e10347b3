//! Pacing before the first 429: twenty thread prompts into one channel (Slack allows about one
//! post a second there, the thread's first message included) and three hundred DMs at 20 a
//! second get no 429 at all; a DM is posted to the member's id, so no `conversations.open`
//! (50 a minute) is spent on it.

use hoego::domain::state::DeliveryStatus;
use serde_json::json;

use super::SlackApp;
use super::payloads::CHANNEL;
use super::rounds::a_round_for;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::world::{paced_sender, send_all};

/// People named `u<n>` with ids `U<n>`.
fn people(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|n| (format!("U{:05}", n), format!("u{n}")))
        .collect()
}

async fn twenty_thread_prompts_into_one_channel_get_no_429(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let people = people(20);
    let users: Vec<(&str, &str)> = people.iter().map(|(i, n)| (&i[..], &n[..])).collect();
    a_round_for(&app, &users, true).await;
    let messenger = app.bot.as_ref().unwrap().messenger();
    let sender = paced_sender(&app.store, &app.clock, messenger, 20);

    let sent = send_all(&sender, &app.clock, users.len(), 40).await;

    assert_eq!(sent, 20);
    assert_eq!(app.fake.rate_limited(), 0, "no call answered 429");
    let posts = app.fake.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 21, "the thread's first message and 20 prompts");
    assert!(
        posts
            .iter()
            .all(|p| p.status == 200 && p.answer["ok"] == true)
    );
    assert!(posts.iter().all(|p| p.body["channel"] == json!(CHANNEL)));
    app.finish().await;
}

async fn three_hundred_dms_at_twenty_a_second_get_no_429_and_no_dm_opened_twice(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let people = people(300);
    let users: Vec<(&str, &str)> = people.iter().map(|(i, n)| (&i[..], &n[..])).collect();
    let deliveries = a_round_for(&app, &users, false).await;
    let messenger = app.bot.as_ref().unwrap().messenger();
    let sender = paced_sender(&app.store, &app.clock, messenger, 20);

    let sent = send_all(&sender, &app.clock, users.len(), 5).await;

    assert_eq!(sent, 300);
    assert_eq!(app.fake.rate_limited(), 0, "no call answered 429");
    assert!(
        app.fake.calls_of("conversations.open").is_empty(),
        "no DM opened"
    );
    let posts = app.fake.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 300, "one post per member");
    for (user, _) in &deliveries {
        let dm = format!("D{user}");
        let to_them = posts.iter().filter(|p| p.answer["channel"] == json!(dm));
        assert_eq!(to_them.count(), 1, "{user}");
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let recorded = app.store.deliveries_of_team(team.id).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    app.finish().await;
}

on_each_backend!(
    twenty_thread_prompts_into_one_channel_get_no_429,
    three_hundred_dms_at_twenty_a_second_get_no_429_and_no_dm_opened_twice
);
