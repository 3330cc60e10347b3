//! A sender killed in the middle of a fan-out on Discord, just after its request for one prompt
//! went out: the next sender asks Discord about that one prompt only (the rest were recorded as
//! they went, or never tried), records it, and sends the rest — one message per member.

use std::sync::Arc;

use chrono::Duration;
use hoego::domain::state::DeliveryStatus;

use super::DiscordApp;
use super::fake::dm_channel;
use super::prompts::a_round_for;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::platforms::{DiesAtSend, kill_when};
use crate::support::world::unpaced_sender;

async fn a_sender_killed_mid_fan_out_leaves_each_member_one_message(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let users: Vec<String> = (0..10).map(|n| format!("{}", 81_000 + n)).collect();
    let ids: Vec<&str> = users.iter().map(String::as_str).collect();
    let (team, _) = a_round_for(&app, "weekly", &ids).await;
    // It dies right after its 6th prompt reached Discord, before recording it.
    let dying = DiesAtSend::new(app.bot.as_ref().unwrap().messenger(), 6, true);
    let died = dying.died.clone();
    let killed = unpaced_sender(&app.store, &app.clock, Arc::new(dying));

    kill_when(killed, died).await;
    app.clock.advance(Duration::seconds(61));
    let after = app.sender().step().await.unwrap();

    assert_eq!(
        (after.found, after.sent),
        (1, 4),
        "the prompt in flight found, the four never tried sent"
    );
    for user in &users {
        assert_eq!(app.fake.messages_created_in(&dm_channel(user)), 1, "{user}");
    }
    let looked_up = app.fake.requests_to("GET", "/messages");
    assert_eq!(
        looked_up.len(),
        1,
        "only the DM of the prompt in flight read"
    );
    let recorded = app.store.deliveries_of_team(team).await.unwrap();
    assert!(recorded.iter().all(|d| d.status == DeliveryStatus::Sent));
    app.finish().await;
}

on_each_backend!(a_sender_killed_mid_fan_out_leaves_each_member_one_message);
