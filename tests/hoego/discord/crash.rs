//! A sender that dies between sending a prompt and recording it: after its lease another sender
//! reads the member's DM, finds the prompt by its buttons and records it instead of sending it
//! again — also after Discord's nonce window, when a resend with the same nonce would post a
//! second message. A thread prompt is looked for by a restarted process (nothing cached), which
//! finds the round's thread among the server's active threads and goes on in it.

use std::sync::Arc;

use chrono::Duration;
use hoego::domain::state::DeliveryStatus;
use tokio::sync::Notify;

use hoego::platform::discord::DiscordMessenger;
use serde_json::json;

use super::DiscordApp;
use super::fake::{TOKEN, dm_channel};
use super::payloads::{CHANNEL, Person, sub};
use super::prompts::{ALICE, BOB, a_round_of};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::messenger::{DiesAfterSending, RefusesFor, crash_after_first_send};
use crate::support::world::unpaced_sender;

async fn taken_over(backend: Backend, after_the_nonce_window: bool) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    if after_the_nonce_window {
        app.fake.remember_nonces_for(std::time::Duration::ZERO);
    }
    let (team, deliveries) = a_round_of(&app, "weekly").await;
    let sent = Arc::new(Notify::new());
    let dying = DiesAfterSending {
        inner: app.bot.as_ref().unwrap().messenger(),
        sent: sent.clone(),
    };
    let crashed = unpaced_sender(&app.store, &app.clock, Arc::new(dying));

    crash_after_first_send(crashed, sent).await;
    let first_post = app.fake.requests_to("POST", "/messages").remove(0);
    app.clock.advance(Duration::seconds(61));
    let after_lease = app.sender().step().await.unwrap();

    assert_eq!(
        (after_lease.found, after_lease.sent),
        (1, 1),
        "the prompt that went out found, the other sent"
    );
    let channel = first_post.path.split('/').nth(4).unwrap().to_string();
    let posts = app
        .fake
        .requests_to("POST", &format!("/channels/{channel}/messages"));
    assert_eq!(posts.len(), 1, "the stranded prompt was not sent again");
    let read = app
        .fake
        .requests_to("GET", &format!("/channels/{channel}/messages"));
    assert_eq!(read.len(), 1, "its DM was read once");
    for (user, _) in &deliveries {
        assert_eq!(app.fake.messages_created_in(&dm_channel(user)), 1, "{user}");
    }
    let recorded = app.store.deliveries_of_team(team).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    let kept = recorded
        .iter()
        .find(|d| d.platform_message_id.as_deref() == first_post.answer["id"].as_str());
    assert!(
        kept.is_some(),
        "the first message's id is the one recorded: {recorded:?}"
    );
    app.finish().await;
}

async fn a_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once(backend: Backend) {
    taken_over(backend, false).await;
}

async fn a_takeover_after_discords_nonce_window_still_posts_the_prompt_once(backend: Backend) {
    taken_over(backend, true).await;
}

async fn thread_taken_over(backend: Backend, after_the_nonce_window: bool) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    if after_the_nonce_window {
        app.fake.remember_nonces_for(std::time::Duration::ZERO);
    }
    app.registered().await;
    for user in [ALICE, BOB] {
        let threads = sub("settings", &[("delivery", json!(1))]);
        app.slash(&Person::member(user), threads).await;
    }
    let (team, _) = a_round_of(&app, "weekly").await;
    let sent = Arc::new(Notify::new());
    let dying = DiesAfterSending {
        inner: app.bot.as_ref().unwrap().messenger(),
        sent: sent.clone(),
    };
    let crashed = unpaced_sender(&app.store, &app.clock, Arc::new(dying));
    crash_after_first_send(crashed, sent).await;
    let first_post = app.fake.requests_to("POST", "/messages").remove(0);
    app.clock.advance(Duration::seconds(61));
    let restarted = DiscordMessenger::new(TOKEN, Some(app.fake.base_url()));
    let restarted = unpaced_sender(&app.store, &app.clock, Arc::new(restarted));

    let after_lease = restarted.step().await.unwrap();

    assert_eq!((after_lease.found, after_lease.sent), (1, 1));
    let opened = app
        .fake
        .requests_to("POST", &format!("/channels/{CHANNEL}/threads"));
    assert_eq!(opened.len(), 1, "no second thread for the round");
    let thread = opened[0].answer["id"].as_str().unwrap().to_string();
    assert_eq!(app.fake.messages_created_in(&thread), 2, "one prompt each");
    let active = app.fake.requests_to("GET", "/threads/active");
    assert_eq!(
        active.len(),
        2,
        "once by each process (before opening it; finding it), then kept"
    );
    let recorded = app.store.deliveries_of_team(team).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    assert!(
        recorded
            .iter()
            .any(|d| d.platform_message_id.as_deref() == first_post.answer["id"].as_str()),
        "the first message's id is the one recorded: {recorded:?}"
    );
    app.finish().await;
}

async fn a_thread_prompt_sent_but_not_recorded_before_a_crash_is_posted_once_in_the_same_thread(
    backend: Backend,
) {
    thread_taken_over(backend, false).await;
}

async fn a_thread_prompt_taken_over_after_the_nonce_window_is_still_posted_once(backend: Backend) {
    thread_taken_over(backend, true).await;
}

async fn a_restarted_hoego_goes_on_in_the_rounds_thread_instead_of_opening_another(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    for user in [ALICE, BOB] {
        let threads = sub("settings", &[("delivery", json!(1))]);
        app.slash(&Person::member(user), threads).await;
    }
    a_round_of(&app, "weekly").await;
    let refusing = RefusesFor {
        inner: app.bot.as_ref().unwrap().messenger(),
        user: BOB.into(),
    };
    let before = unpaced_sender(&app.store, &app.clock, Arc::new(refusing));
    let first = before.step().await.unwrap();
    app.clock.advance(Duration::seconds(30));
    let restarted = DiscordMessenger::new(TOKEN, Some(app.fake.base_url()));
    let after = unpaced_sender(&app.store, &app.clock, Arc::new(restarted));

    let second = after.step().await.unwrap();

    assert_eq!((first.sent, first.retried, second.sent), (1, 1, 1));
    let opened = app
        .fake
        .requests_to("POST", &format!("/channels/{CHANNEL}/threads"));
    assert_eq!(opened.len(), 1, "one thread for the round");
    let thread = opened[0].answer["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.fake.messages_created_in(&thread),
        2,
        "both prompts in it"
    );
    app.finish().await;
}

on_each_backend!(
    a_restarted_hoego_goes_on_in_the_rounds_thread_instead_of_opening_another,
    a_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once,
    a_takeover_after_discords_nonce_window_still_posts_the_prompt_once,
    a_thread_prompt_sent_but_not_recorded_before_a_crash_is_posted_once_in_the_same_thread,
    a_thread_prompt_taken_over_after_the_nonce_window_is_still_posted_once
);
