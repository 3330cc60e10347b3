//! A sender that dies between sending a prompt and recording it: after its lease another sender
//! sends the prompt again with the same nonce, and Discord (the strict fake, enforcing the nonce)
//! hands back the first message instead of posting a second one.

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

async fn a_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
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

    assert_eq!(after_lease.sent, 2);
    let channel = first_post.path.split('/').nth(4).unwrap().to_string();
    let posts = app
        .fake
        .requests_to("POST", &format!("/channels/{channel}/messages"));
    assert_eq!(posts.len(), 2, "the stranded prompt was sent again");
    assert_eq!(posts[0].body["nonce"], posts[1].body["nonce"]);
    assert_eq!(app.fake.messages_created_in(&channel), 1, "but posted once");
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

on_each_backend!(a_prompt_sent_but_not_recorded_before_a_crash_reaches_the_member_once);
