//! `hoego doctor` on Slack, against the fake Slack: the app installed from hoego's manifest
//! (exactly its scopes granted), the bot in the schedule's channel, Socket Mode on.

use hoego::domain::state::Platform;

use super::{doctor, failures, line, schedule_in};
use crate::slack::fake::{FakeSlack, TEAM};
use crate::support::db::{Backend, TestDb};

const CHANNEL: &str = "C0RETRO";
const BOT_TOKEN: &str = "xoxb-doctor";
const APP_TOKEN: &str = "xapp-doctor";

/// A database on `backend` with a weekly schedule posting in [`CHANNEL`], and a fake Slack
/// where all is well; the variables that point hoego at both.
async fn deployment(backend: Backend) -> Option<(TestDb, FakeSlack, Vec<(&'static str, String)>)> {
    let db = TestDb::new(backend).await?;
    schedule_in(&db.store, Platform::Slack, TEAM, "weekly", CHANNEL).await;
    let fake = FakeSlack::with_tokens("xoxb-doctor", "xapp-doctor").await;
    fake.add_channel(CHANNEL, "retro", false, true);
    let vars = vec![
        ("HOEGO_DATABASE__URL", db.settings.url.expose().to_string()),
        ("HOEGO_SLACK__BOT_TOKEN", BOT_TOKEN.to_string()),
        ("HOEGO_SLACK__APP_TOKEN", APP_TOKEN.to_string()),
        ("HOEGO_SLACK__API_BASE_URL", fake.api_url()),
    ];
    Some((db, fake, vars))
}

#[tokio::test]
async fn a_healthy_slack_deployment_passes_every_check_and_exits_0_on_both_backends() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some((db, fake, vars)) = deployment(backend).await else {
            continue;
        };

        let (code, report, stderr) = doctor(&vars).await;

        assert_eq!(code, Some(0), "{backend:?}: {report}{stderr}");
        for name in [
            "database",
            "slack token",
            "slack scopes",
            "slack socket mode",
            "slack users:read",
            "slack channel C0RETRO",
            "slack clock",
        ] {
            assert!(line(&report, name).starts_with("ok "), "{report}");
        }
        assert!(
            line(&report, "slack scopes").contains("all 10 needed scopes granted"),
            "{report}"
        );
        assert!(
            line(&report, "slack channel C0RETRO").contains("member of #retro"),
            "{report}"
        );
        assert!(report.ends_with("7 checks: all passed\n"), "{report}");
        assert!(
            fake.calls_of("apps.connections.open")[0].auth.as_deref() == Some("Bearer xapp-doctor")
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn a_missing_scope_fails_the_scopes_line_and_what_needs_it_naming_where_to_add_it() {
    let (db, fake, vars) = deployment(Backend::Sqlite).await.unwrap();
    fake.revoke_scope("users:read");

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let scopes = line(&report, "slack scopes");
    let users = line(&report, "slack users:read");
    assert_eq!(failures(&report), vec![scopes, users], "{report}");
    assert!(scopes.contains("missing users:read"), "{scopes}");
    assert!(
        scopes.contains("→ add them under OAuth & Permissions → Scopes → Bot Token Scopes"),
        "{scopes}"
    );
    assert!(scopes.contains("reinstall the app"), "{scopes}");
    assert!(users.contains("missing scope users:read"), "{users}");
    db.finish().await;
}

#[tokio::test]
async fn a_channel_the_bot_is_not_in_fails_saying_to_invite_it() {
    let (db, fake, vars) = deployment(Backend::Sqlite).await.unwrap();
    fake.add_channel(CHANNEL, "retro", false, false);

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let channel = line(&report, "slack channel C0RETRO");
    assert_eq!(failures(&report), vec![channel], "{report}");
    assert!(
        channel.contains("not a member of #retro, so schedule weekly cannot post there"),
        "{channel}"
    );
    assert!(
        channel.contains("→ type `/invite @hoego` in #retro"),
        "{channel}"
    );
    db.finish().await;
}

#[tokio::test]
async fn a_refused_bot_token_fails_its_line_and_says_where_the_token_is() {
    let (db, fake, vars) = deployment(Backend::Sqlite).await.unwrap();
    fake.refuse_token(BOT_TOKEN);

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let token = line(&report, "slack token");
    assert_eq!(failures(&report), vec![token], "{report}");
    assert!(
        token.contains("Slack refused slack.bot_token (invalid_auth)"),
        "{token}"
    );
    assert!(
        token.contains("Bot User OAuth Token (xoxb-…) from OAuth & Permissions"),
        "{token}"
    );
    db.finish().await;
}

#[tokio::test]
async fn a_refused_app_token_fails_the_socket_mode_line() {
    let (db, fake, vars) = deployment(Backend::Sqlite).await.unwrap();
    fake.refuse_token(APP_TOKEN);

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let socket = line(&report, "slack socket mode");
    assert_eq!(failures(&report), vec![socket], "{report}");
    assert!(
        socket.contains("App-Level Tokens") && socket.contains("connections:write"),
        "{socket}"
    );
    db.finish().await;
}

#[tokio::test]
async fn a_clock_ten_minutes_ahead_of_slacks_fails_and_says_to_turn_on_time_sync() {
    let (db, fake, vars) = deployment(Backend::Sqlite).await.unwrap();
    fake.skew_clock(-600);

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let clock = line(&report, "slack clock");
    assert_eq!(failures(&report), vec![clock], "{report}");
    assert!(
        clock.contains("ahead of Slack's") && clock.contains("time synchronisation"),
        "{clock}"
    );
    db.finish().await;
}
