//! `hoego run` with Slack tokens: the binary checks the bot token, connects in Socket Mode,
//! answers `/hoego`, and stops cleanly on SIGTERM; both platforms at once are refused.

use std::process::{Command, Stdio};

use super::fake::FakeSlack;
use super::payloads::{ALICE, command};
use super::text_of;

pub(super) fn hoego(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") {
            command.env_remove(name);
        }
    }
    let database = format!("sqlite://{}", dir.join("run.db").display());
    command
        .arg("run")
        .current_dir(dir)
        .env("HOEGO_SLACK__BOT_TOKEN", "xoxb-run")
        .env("HOEGO_SLACK__APP_TOKEN", "xapp-run")
        .env("HOEGO_DATABASE__URL", database)
        .env("HOEGO_HTTP__ENABLED", "false");
    command
}

#[tokio::test]
async fn hoego_run_with_slack_tokens_serves_commands_until_sigterm() {
    let fake = FakeSlack::with_tokens("xoxb-run", "xapp-run").await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = hoego(dir.path())
        .env("HOEGO_SLACK__API_BASE_URL", fake.api_url())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    fake.wait_connected(1).await;
    let url = fake.response_url();
    fake.envelope("slash_commands", command(&ALICE, "settings", "run-1", &url));
    let answered = fake.wait_for("response_url", 1).await;
    let (stopped, status) = crate::support::process::terminate(&mut child).await;

    assert_eq!(
        fake.calls_of("auth.test")[0].auth.as_deref(),
        Some("Bearer xoxb-run")
    );
    assert!(!text_of(&answered[0].body).is_empty());
    assert!(stopped);
    assert_eq!(status.code(), Some(0));
}

#[tokio::test]
async fn hoego_run_with_both_discord_and_slack_tokens_exits_2_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let output = hoego(dir.path())
        .env("HOEGO_DISCORD__TOKEN", "discord-token")
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("one hoego per platform"), "{stderr}");
}

#[tokio::test]
async fn hoego_run_with_a_refused_bot_token_exits_1_naming_the_setting() {
    let fake = FakeSlack::with_tokens("xoxb-run", "xapp-run").await;
    fake.fail_next("auth.test", 200, "invalid_auth", None);
    let dir = tempfile::tempdir().unwrap();
    let mut command = hoego(dir.path());
    command.env("HOEGO_SLACK__API_BASE_URL", fake.api_url());
    // The fake answers on this runtime: wait for the process off it.
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("slack.bot_token") && stderr.contains("invalid_auth"),
        "{stderr}"
    );
}
