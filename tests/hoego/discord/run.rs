//! `hoego run` with a Discord token: the binary connects to the configured API, registers
//! `/hoego`, answers commands, and stops cleanly on SIGTERM.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use super::fake::FakeDiscord;
use super::payloads::{Person, slash, sub};

#[tokio::test]
async fn hoego_run_with_a_discord_token_serves_commands_until_sigterm() {
    let fake = FakeDiscord::start().await;
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
    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("hoego run did not stop on SIGTERM");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };

    assert_eq!(fake.identifies()[0]["token"], json!("Bot run-token"));
    assert_eq!(answered[0].body["type"], 4);
    assert!(stopped.success());
    assert_eq!(status.code(), Some(0));
}
