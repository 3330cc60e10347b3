//! The team is named as the workspace is (`auth.test`'s `team`), renamed within minutes when
//! the workspace is, in Korean text too — never "Slack workspace …".

use chrono::Duration;
use hoego::platform::slack::PROFILE_TTL_SECS;
use serde_json::json;

use super::SlackApp;
use super::payloads::Person;
use crate::on_each_backend;
use crate::support::Backend;

const MINA: Person = Person {
    id: "UMINA",
    name: "mina",
};

async fn the_team_carries_the_workspaces_name_and_follows_a_rename(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    app.fake.set_user(MINA.id, json!({"locale": "ko-KR"}));
    let add = "schedule add weekly \"0 17 * * FRI\"";

    let refused = app.typed(&MINA, add).await;
    assert!(
        refused.starts_with("Fake 관리자만 할 수 있는 작업이에요."),
        "{refused}"
    );

    app.fake.rename_workspace("회고 연구소");
    let still = app.typed(&MINA, add).await;
    assert!(
        still.starts_with("Fake 관리자만"),
        "read again only after a while: {still}"
    );
    app.clock.advance(Duration::seconds(PROFILE_TTL_SECS + 1));
    let renamed = app.typed(&MINA, add).await;
    assert!(
        renamed.starts_with("회고 연구소 관리자만 할 수 있는 작업이에요."),
        "{renamed}"
    );
    assert!(!renamed.contains("Slack workspace"), "{renamed}");
    app.finish().await;
}

on_each_backend!(the_team_carries_the_workspaces_name_and_follows_a_rename);
