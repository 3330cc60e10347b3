//! `hoego doctor` on Discord, against the fake Discord with a server, a schedule channel, the
//! bot's role holding the invite's permissions and `/hoego` registered.

use hoego::domain::state::Platform;
use hoego::platform::discord::permissions::needed;
use serde_json::Value;

use super::{doctor, failures, line, schedule_in};
use crate::discord::fake::{APP_ID, FakeDiscord};
use crate::support::db::{Backend, TestDb};

const GUILD: &str = "8000";
const CHANNEL: &str = "5100";
/// Send Messages.
const SEND_MESSAGES: u64 = 1 << 11;

/// A database with a weekly schedule posting in [`CHANNEL`], and a fake Discord where all is
/// well; the variables that point hoego at both.
async fn deployment() -> (TestDb, FakeDiscord, Vec<(&'static str, String)>) {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    schedule_in(&db.store, Platform::Discord, GUILD, "weekly", CHANNEL).await;
    let fake = FakeDiscord::with_token("bot-token").await;
    fake.add_guild(GUILD, "Team", needed().bits());
    fake.add_channel(GUILD, CHANNEL, "retro");
    register_hoego(&fake).await;
    let vars = vec![
        ("HOEGO_DATABASE__URL", db.settings.url.expose().to_string()),
        ("HOEGO_DISCORD__TOKEN", "bot-token".to_string()),
        ("HOEGO_DISCORD__API_BASE_URL", fake.base_url()),
    ];
    (db, fake, vars)
}

/// `/hoego` registered globally, as `hoego run` leaves it.
async fn register_hoego(fake: &FakeDiscord) {
    let url = format!("{}/api/v10/applications/{APP_ID}/commands", fake.base_url());
    let body = r#"[{"name": "hoego", "description": "Retrospectives", "type": 1, "options": []}]"#;
    let response = reqwest::Client::new()
        .put(url)
        .header("content-type", "application/json")
        .header("authorization", "Bot bot-token")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
}

#[tokio::test]
async fn a_healthy_discord_deployment_passes_every_check_and_exits_0() {
    let (db, _fake, vars) = deployment().await;

    let (code, report, stderr) = doctor(&vars).await;

    assert_eq!(code, Some(0), "{report}{stderr}");
    for name in [
        "database",
        "discord token",
        "discord members intent",
        "discord servers",
        "discord commands",
        "discord channel 5100",
        "discord clock",
    ] {
        assert!(line(&report, name).starts_with("ok "), "{report}");
    }
    assert!(
        line(&report, "discord channel 5100").contains("#retro (schedule weekly)"),
        "{report}"
    );
    assert!(report.ends_with("7 checks: all passed\n"), "{report}");
    db.finish().await;
}

#[tokio::test]
async fn a_channel_the_bot_cannot_post_in_fails_naming_the_permission_and_where_to_allow_it() {
    let (db, fake, vars) = deployment().await;
    fake.deny_in_channel(CHANNEL, SEND_MESSAGES);

    let (code, report, stderr) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let channel = line(&report, "discord channel 5100");
    assert_eq!(failures(&report), vec![channel], "{report}");
    assert!(channel.contains("lacks Send Messages"), "{channel}");
    assert!(
        channel.contains(
            "→ allow Send Messages for hoego's role in #retro (Edit Channel → Permissions)"
        ),
        "{channel}"
    );
    assert!(stderr.contains("1 check failed"), "{stderr}");
    db.finish().await;
}

#[tokio::test]
async fn a_channel_hidden_from_the_bot_fails_saying_it_cannot_see_it() {
    let (db, fake, vars) = deployment().await;
    fake.deny_in_channel(CHANNEL, 1 << 10);

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let channel = line(&report, "discord channel 5100");
    assert!(
        channel.starts_with("FAIL") && channel.contains("cannot see this channel"),
        "{channel}"
    );
    assert!(channel.contains("allow View Channel"), "{channel}");
    db.finish().await;
}

#[tokio::test]
async fn a_refused_token_fails_its_line_with_where_to_get_a_new_one() {
    let (db, fake, vars) = deployment().await;
    fake.refuse_token();

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let token = line(&report, "discord token");
    assert!(
        token.starts_with("FAIL") && token.contains("401"),
        "{token}"
    );
    assert!(
        token.contains("Reset Token") && token.contains("HOEGO_DISCORD__TOKEN"),
        "{token}"
    );
    assert!(line(&report, "database").starts_with("ok "), "{report}");
    db.finish().await;
}

#[tokio::test]
async fn a_clock_ten_minutes_behind_discords_fails_and_says_to_turn_on_time_sync() {
    let (db, fake, vars) = deployment().await;
    fake.skew_clock(600);

    let (code, report, _) = doctor(&vars).await;

    assert_eq!(code, Some(1), "{report}");
    let clock = line(&report, "discord clock");
    assert_eq!(failures(&report), vec![clock], "{report}");
    assert!(clock.contains("behind Discord's"), "{clock}");
    assert!(clock.contains("timedatectl set-ntp true"), "{clock}");
    db.finish().await;
}

#[tokio::test]
async fn the_members_intent_is_checked_only_when_configured_and_an_unregistered_command_fails() {
    let (db, fake, mut vars) = deployment().await;
    vars.push(("HOEGO_DISCORD__MEMBERS_INTENT", "true".to_string()));
    let unregistered = FakeDiscord::with_token("bot-token").await;
    unregistered.add_guild(GUILD, "Team", needed().bits());
    unregistered.add_channel(GUILD, CHANNEL, "retro");

    let (_, off, _) = doctor(&vars).await;
    fake.set_app_flags(1 << 14);
    let (code, on, _) = doctor(&vars).await;
    vars[2].1 = unregistered.base_url();
    let (_, bare, _) = doctor(&vars).await;

    assert!(
        line(&off, "discord members intent").contains("→ turn on Server Members Intent"),
        "{off}"
    );
    assert_eq!(code, Some(0), "{on}");
    let commands = line(&bare, "discord commands");
    assert!(
        commands.starts_with("FAIL") && commands.contains("start `hoego run` once"),
        "{commands}"
    );
    db.finish().await;
}

#[tokio::test]
async fn the_json_report_carries_every_check_with_its_status_and_fix() {
    let (db, fake, vars) = deployment().await;
    fake.deny_in_channel(CHANNEL, SEND_MESSAGES);

    let output = crate::support::binary::hoego(&["doctor", "--format", "json"], &vars).await;

    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], Value::Bool(false));
    assert_eq!(report["failed"], 1);
    let checks = report["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 7);
    let failed: Vec<&Value> = checks.iter().filter(|c| c["status"] == "fail").collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["name"], "discord channel 5100");
    assert!(failed[0]["fix"].as_str().unwrap().contains("Send Messages"));
    assert!(
        checks
            .iter()
            .filter(|c| c["status"] == "ok")
            .all(|c| c["fix"].is_null())
    );
    db.finish().await;
}
