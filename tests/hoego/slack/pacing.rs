//! Pacing before the first 429: twenty thread prompts into one channel (Slack allows about one
//! post a second there, the thread's first message included) and three hundred DMs at 20 a
//! second get no 429 at all; a DM is posted to the member's id, so no `conversations.open`
//! (50 a minute) is spent on it. On PostgreSQL the rate is the account's, shared by the
//! replicas: two senders on one database together keep the configured rate.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use hoego::config::SenderSettings;
use hoego::domain::state::DeliveryStatus;
use hoego::sender::Sender;
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

/// Two senders (two replicas) on one PostgreSQL send a round of 16 DMs side by side, each step
/// leasing 4 (a 2-second lease at 4 a second): Slack sees them at the rate configured, 4 a
/// second together, not 4 each. Only the lower bound of the time taken is checked (a slow
/// machine makes it longer, never shorter): 15 gaps at 4 a second are 3.75 s; two senders each
/// pacing alone take about half that.
#[tokio::test]
async fn two_replicas_sending_together_keep_the_configured_rate() {
    const RATE: u32 = 4;
    let Some(app) = SlackApp::start(Backend::Postgres).await else {
        return;
    };
    let people = people(16);
    let users: Vec<(&str, &str)> = people.iter().map(|(i, n)| (&i[..], &n[..])).collect();
    a_round_for(&app, &users, false).await;
    let settings = SenderSettings {
        rate_per_second: RATE,
        max_attempts: 3,
        lease: Duration::from_secs(2),
    };
    let replica = || {
        let messenger = app.bot.as_ref().unwrap().messenger();
        let clock = Arc::new(app.clock.clone());
        Sender::new(app.store.clone(), clock, messenger, settings.clone())
    };
    let (one, two) = (replica(), replica());
    let (total, expected) = (AtomicUsize::new(0), users.len());
    let work = |sender: Sender| {
        let total = &total;
        async move {
            let mut mine = 0;
            while total.load(Ordering::SeqCst) < expected {
                let sent = sender.step().await.unwrap().sent;
                total.fetch_add(sent, Ordering::SeqCst);
                mine += sent;
            }
            mine
        }
    };

    let (by_one, by_two) = tokio::join!(work(one), work(two));

    assert_eq!(by_one + by_two, 16);
    assert!(by_one > 0 && by_two > 0, "both sent: {by_one} and {by_two}");
    let posts = app.fake.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 16);
    let span = posts.last().unwrap().at - posts.first().unwrap().at;
    let paced = Duration::from_secs_f64(15.0 / f64::from(RATE));
    assert!(
        span >= paced.mul_f64(0.8),
        "16 posts took {span:?}; at {RATE} a second together they take {paced:?}"
    );
    app.finish().await;
}

on_each_backend!(
    twenty_thread_prompts_into_one_channel_get_no_429,
    three_hundred_dms_at_twenty_a_second_get_no_429_and_no_dm_opened_twice
);
