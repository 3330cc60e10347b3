//! A sender that dies between sending a prompt and recording it: after its lease another sender
//! reads the member's DM, finds the prompt by its buttons and records it instead of sending it
//! again — also after Discord's nonce window, when a resend with the same nonce would post a
//! second message.

use std::sync::Arc;

use chrono::Duration;
use hoego::domain::state::DeliveryStatus;
use tokio::sync::Notify;

use super::DiscordApp;
use super::fake::dm_channel;
use super::prompts::a_round_of;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::messenger::{DiesAfterSending, crash_after_first_send};
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

on_each_backend!(
    a_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once,
    a_takeover_after_discords_nonce_window_still_posts_the_prompt_once
);
