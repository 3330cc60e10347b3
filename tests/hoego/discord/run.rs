//! `hoego run` with a Discord token: the binary connects to the configured API, registers
//! `/hoego`, answers commands, and stops cleanly on SIGTERM.

use std::process::{Command, Stdio};

use serde_json::json;

use super::fake::FakeDiscord;
use super::payloads::{Person, slash, sub};

#[tokio::test]
async fn hoego_run_with_a_discord_token_serves_commands_until_sigterm() {
    let fake = FakeDiscord::with_token("run-token").await;
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("run.db").display());
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") {
            command.env_remove(name);
        }
    }
    let mut child = command
        .arg("run")
        .current_dir(dir.path())
        .env("HOEGO_DISCORD__TOKEN", "run-token")
        .env("HOEGO_DISCORD__API_BASE_URL", fake.base_url())
        .env("HOEGO_DISCORD__GUILD_IDS", "8000")
        .env("HOEGO_DATABASE__URL", &database)
        .env("HOEGO_HTTP__ENABLED", "false")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    fake.wait_for("PUT", "/guilds/8000/commands", 1).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        slash(77, &Person::member("6001"), sub("settings", &[])),
    );
    let answered = fake.wait_for("POST", "/interactions/77/", 1).await;
    let (stopped, status) = crate::support::process::terminate(&mut child).await;

    assert_eq!(fake.identifies()[0]["token"], json!("Bot run-token"));
    assert_eq!(answered[0].body["type"], 4);
    assert!(stopped);
    assert_eq!(status.code(), Some(0));
    fake.assert_no_violations();
}
