//! The team is named as the guild is: the name from GUILD_CREATE, renamed with GUILD_UPDATE, in
//! Korean text too — never "Discord server 8000".

use std::time::{Duration, Instant};

use crate::on_each_backend;
use crate::support::Backend;
use serde_json::json;

use super::payloads::{Person, schedule_sub};
use super::{DiscordApp, content};

async fn the_team_carries_the_guilds_name_and_follows_a_rename(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let admin = Person::admin("6000").speaking("ko");
    let add = schedule_sub(
        "add",
        &[
            ("template", json!("weekly")),
            ("cron", json!("0 17 * * FRI")),
        ],
    );
    app.slash(&admin, add).await;

    let listed = content(&app.slash(&admin, schedule_sub("list", &[])).await);
    assert!(listed.starts_with("Core의 일정:"), "{listed}");

    app.fake.rename_guild("회고 연구소");
    let deadline = Instant::now() + Duration::from_secs(10);
    let renamed = loop {
        let listed = content(&app.slash(&admin, schedule_sub("list", &[])).await);
        if listed.starts_with("회고 연구소의 일정:") || Instant::now() > deadline {
            break listed;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(renamed.starts_with("회고 연구소의 일정:"), "{renamed}");
    assert!(!renamed.contains("Discord server"), "{renamed}");
    app.finish().await;
}

on_each_backend!(the_team_carries_the_guilds_name_and_follows_a_rename);
