//! Two senders on one database with Slack, which cannot deduplicate a second post: a batch that
//! takes longer than the lease on a slow platform keeps its leases, so the other sender sends
//! nothing twice; a sender killed in the middle of a fan-out leaves the rest to the next one,
//! which looks up only the prompt that was in flight, sends each remaining prompt once and none
//! of the recorded ones again.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Duration;
use hoego::domain::state::DeliveryStatus;
use hoego::sender::Sender;
use hoego::service::clock::Clock;

use super::SlackApp;
use super::rounds::a_round_for;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::platforms::{DiesAtSend, SlowPlatform, kill_when};
use crate::support::world::unpaced_sender;

/// People `(U<n>, u<n>)`.
fn people(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|n| (format!("U{:05}", n), format!("u{n}")))
        .collect()
}

/// How many prompts each DM got (Slack posts a DM to `D<user>`).
fn posts_per_dm(app: &SlackApp) -> HashMap<String, usize> {
    let mut posts = HashMap::new();
    for call in app.fake.calls_of("chat.postMessage") {
        let channel = call.answer["channel"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        *posts.entry(channel).or_default() += 1;
    }
    posts
}

/// Steps `sender` until a step finds nothing to do: the prompts it sent.
async fn drain(sender: Sender) -> usize {
    let mut sent = 0;
    for _ in 0..100 {
        let outcome = sender.step().await.unwrap();
        sent += outcome.sent + outcome.found;
        if outcome == Default::default() {
            break;
        }
        tokio::task::yield_now().await;
    }
    sent
}

async fn a_batch_outlasting_its_lease_on_a_slow_platform_sends_no_prompt_twice(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let people = people(40);
    let users: Vec<(&str, &str)> = people.iter().map(|(i, n)| (&i[..], &n[..])).collect();
    a_round_for(&app, &users, false).await;
    let slow = Arc::new(SlowPlatform {
        inner: app.bot.as_ref().unwrap().messenger(),
        clock: app.clock.clone(),
        per_send: Duration::seconds(10),
    });
    let (first, second) = (
        unpaced_sender(&app.store, &app.clock, slow.clone()),
        unpaced_sender(&app.store, &app.clock, slow),
    );
    let started = app.clock.now();

    let first = tokio::spawn(drain(first));
    let second = tokio::spawn(async move {
        let mut sent = 0;
        for _ in 0..200 {
            sent += second.step().await.unwrap().sent;
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        sent
    });
    let (first, second) = (first.await.unwrap(), second.await.unwrap());

    assert!(
        app.clock.now() - started > Duration::seconds(300),
        "the batch took far longer than the 60 s lease"
    );
    assert_eq!(first + second, 40, "({first}, {second})");
    let posts = posts_per_dm(&app);
    assert_eq!(posts.len(), 40);
    assert!(posts.values().all(|&n| n == 1), "{posts:?}");
    let team = app.store.all_teams().await.unwrap().remove(0);
    let recorded = app.store.deliveries_of_team(team.id).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    app.finish().await;
}

/// A sender killed at its 8th prompt, before that prompt's request (`posted` false) or just
/// after Slack took it: the next sender sends the rest and each member has one prompt.
async fn killed_at_the_eighth_prompt(backend: Backend, posted: bool) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let people = people(12);
    let users: Vec<(&str, &str)> = people.iter().map(|(i, n)| (&i[..], &n[..])).collect();
    a_round_for(&app, &users, false).await;
    let dying = DiesAtSend::new(app.bot.as_ref().unwrap().messenger(), 8, posted);
    let died = dying.died.clone();
    let killed = unpaced_sender(&app.store, &app.clock, Arc::new(dying));

    kill_when(killed, died).await;
    let before = app.fake.calls_of("chat.postMessage").len();
    app.clock.advance(Duration::seconds(61));
    let after = app.sender().step().await.unwrap();

    assert_eq!(before, 7 + usize::from(posted));
    assert_eq!(
        (after.found, after.sent),
        (usize::from(posted), 5 - usize::from(posted)),
        "the one in flight found or sent, the four never tried sent"
    );
    let read = app.fake.calls_of("conversations.history");
    assert_eq!(read.len(), 1, "only the DM of the prompt in flight read");
    let posts = posts_per_dm(&app);
    assert_eq!(posts.len(), 12, "none missing");
    assert!(posts.values().all(|&n| n == 1), "none twice: {posts:?}");
    let team = app.store.all_teams().await.unwrap().remove(0);
    let recorded = app.store.deliveries_of_team(team.id).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    app.finish().await;
}

async fn a_sender_killed_before_a_request_leaves_each_member_one_prompt(backend: Backend) {
    killed_at_the_eighth_prompt(backend, false).await;
}

async fn a_sender_killed_after_a_request_leaves_each_member_one_prompt(backend: Backend) {
    killed_at_the_eighth_prompt(backend, true).await;
}

on_each_backend!(
    a_batch_outlasting_its_lease_on_a_slow_platform_sends_no_prompt_twice,
    a_sender_killed_before_a_request_leaves_each_member_one_prompt,
    a_sender_killed_after_a_request_leaves_each_member_one_prompt
);
