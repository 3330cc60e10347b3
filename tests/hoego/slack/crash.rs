//! A sender that dies between posting a prompt and recording it: after its lease a restarted
//! hoego (a messenger with nothing cached) reads the member's DM, or finds the round's thread by
//! its first message and reads it, for a message carrying the delivery's key in its metadata,
//! and records it instead of posting it again — one prompt per member on Slack, which has no
//! idempotency key of its own. A look-up that fails puts the delivery back, still to be looked
//! up; one that fails on every attempt sends on the last one, unchecked.

use std::sync::Arc;

use chrono::Duration;
use hoego::domain::ids::DeliveryId;
use hoego::domain::state::DeliveryStatus;
use hoego::platform::slack::SlackMessenger;
use hoego::sender::Sender;
use serde_json::Value;
use tokio::sync::Notify;

use super::fake::{BOT_TOKEN, FakeSlack};
use super::payloads::{ALICE, BOB, CHANNEL};
use super::rounds::a_round_for;
use super::{SlackApp, buttons};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::messenger::{DiesAfterSending, crash_after_first_send};
use crate::support::world::unpaced_sender;

/// A round for alice and bob (in a thread of `#retro` when `threads`) whose sender posted the
/// first prompt and died before recording it, the lease run out since; the deliveries.
async fn stranded_round(app: &SlackApp, threads: bool) -> Vec<(String, DeliveryId)> {
    let people = [(ALICE.id, ALICE.name), (BOB.id, BOB.name)];
    let deliveries = a_round_for(app, &people, threads).await;
    let sent = Arc::new(Notify::new());
    let dying = DiesAfterSending {
        inner: app.bot.as_ref().unwrap().messenger(),
        sent: sent.clone(),
    };
    let crashed = unpaced_sender(&app.store, &app.clock, Arc::new(dying));
    crash_after_first_send(crashed, sent).await;
    app.clock.advance(Duration::seconds(61));
    deliveries
}

/// The round's deliveries as stored.
async fn recorded(app: &SlackApp) -> Vec<hoego::store::DeliveryView> {
    let team = app.store.all_teams().await.unwrap().remove(0);
    app.store.deliveries_of_team(team.id).await.unwrap()
}

/// A sender of a freshly started process: its own messenger, nothing cached.
fn restarted(app: &SlackApp) -> Sender {
    let url = url::Url::parse(&app.fake.api_url()).unwrap();
    let messenger = SlackMessenger::connect(BOT_TOKEN, Some(&url)).unwrap();
    unpaced_sender(&app.store, &app.clock, Arc::new(messenger))
}

/// The prompts posted for `delivery` (by their Answer button).
fn prompts_of(fake: &FakeSlack, delivery: DeliveryId) -> Vec<Value> {
    let answer = format!("answer:{}", delivery.0);
    let posts = fake.calls_of("chat.postMessage");
    let posts = posts.into_iter().filter(|c| c.status == 200);
    posts
        .filter(|c| buttons(&c.body).contains(&answer))
        .map(|c| c.answer)
        .collect()
}

async fn taken_over(backend: Backend, threads: bool) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = stranded_round(&app, threads).await;
    let first = app.fake.calls_of("chat.postMessage");
    let first = first
        .iter()
        .rfind(|c| c.status == 200)
        .unwrap()
        .answer
        .clone();

    let step = restarted(&app).step().await.unwrap();

    assert_eq!((step.found, step.sent), (1, 1), "one found, the other sent");
    for (user, delivery) in &deliveries {
        assert_eq!(prompts_of(&app.fake, *delivery).len(), 1, "{user}");
    }
    let recorded = recorded(&app).await;
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    assert!(
        recorded
            .iter()
            .any(|d| d.platform_message_id.as_deref() == first["ts"].as_str()),
        "the first prompt's ts is the one recorded: {recorded:?}"
    );
    if threads {
        let posts = app.fake.calls_of("chat.postMessage");
        let roots: Vec<_> = posts
            .iter()
            .filter(|c| c.body["thread_ts"].is_null())
            .collect();
        assert_eq!(roots.len(), 1, "the resend went on in the round's thread");
        let root = &roots[0].answer["ts"];
        assert!(posts.iter().all(|c| c.body["channel"] == CHANNEL));
        let replies = posts.iter().filter(|c| !c.body["thread_ts"].is_null());
        assert!(
            replies.clone().count() == 2
                && replies.into_iter().all(|c| &c.body["thread_ts"] == root)
        );
        let read = app.fake.calls_of("conversations.replies").len();
        assert_eq!(read, 1, "only the prompt that was in flight looked up");
    } else {
        let read = app.fake.calls_of("conversations.history").len();
        assert_eq!(read, 1, "only the prompt that was in flight looked up");
    }
    app.finish().await;
}

async fn a_dm_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once(
    backend: Backend,
) {
    taken_over(backend, false).await;
}

async fn a_thread_prompt_sent_but_not_recorded_before_a_crash_is_posted_once_in_the_same_thread(
    backend: Backend,
) {
    taken_over(backend, true).await;
}

async fn a_failed_look_up_puts_the_prompt_back_and_the_next_attempt_finds_it(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = stranded_round(&app, false).await;
    app.fake
        .fail_next("conversations.history", 500, "internal_error", None);
    let sender = restarted(&app);

    let failed = sender.step().await.unwrap();
    app.clock.advance(Duration::seconds(15));
    let again = sender.step().await.unwrap();

    assert_eq!((failed.retried, failed.found + failed.sent), (1, 1));
    assert_eq!(
        (again.found, again.sent),
        (1, 0),
        "found on the next attempt"
    );
    for (user, delivery) in &deliveries {
        assert_eq!(prompts_of(&app.fake, *delivery).len(), 1, "{user}");
    }
    let recorded = recorded(&app).await;
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    app.finish().await;
}

async fn a_look_up_that_fails_on_every_attempt_sends_on_the_last_one_unchecked(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = stranded_round(&app, false).await;
    app.fake.revoke_scope("im:history");
    let sender = restarted(&app);

    let mut steps = Vec::new();
    for _ in 0..3 {
        steps.push(sender.step().await.unwrap());
        app.clock.advance(Duration::seconds(30));
    }

    let retried: Vec<usize> = steps.iter().map(|s| s.retried).collect();
    let sent: Vec<usize> = steps.iter().map(|s| s.sent).collect();
    // The prompt that was in flight is looked up on every attempt; the other one was never
    // tried, so it is sent at once without a look-up.
    assert_eq!((retried, sent), (vec![1, 1, 0], vec![1, 0, 1]));
    let twice = deliveries
        .iter()
        .filter(|(_, d)| prompts_of(&app.fake, *d).len() == 2)
        .count();
    assert_eq!(
        twice, 1,
        "the prompt that was out went out again, unchecked"
    );
    assert_eq!(
        app.fake.scope_refusals().len(),
        3,
        "one look-up on each of 3 attempts"
    );
    app.fake.take_violations();
    app.finish().await;
}

on_each_backend!(
    a_dm_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once,
    a_thread_prompt_sent_but_not_recorded_before_a_crash_is_posted_once_in_the_same_thread,
    a_failed_look_up_puts_the_prompt_back_and_the_next_attempt_finds_it,
    a_look_up_that_fails_on_every_attempt_sends_on_the_last_one_unchecked,
);
