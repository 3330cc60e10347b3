//! `hoego setup slack`: the app manifest an operator pastes into "Create an app → From a
//! manifest", read back with slack-morphism's manifest model: Socket Mode by default, the HTTP
//! Events API with `--events-url`, DMs to the bot left out with `--no-dm`, a bad URL refused.

use hoego::platform::slack::scopes::{BOT_METHODS, COMMANDS, DM_HISTORY};
use serde_json::{Value, json};
use slack_morphism::prelude::SlackAppManifest;

use crate::support::binary::{hoego, stderr, stdout};

fn hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// The manifest printed for `args`, as JSON and as slack-morphism reads it.
async fn manifest(args: &[&str]) -> (Value, SlackAppManifest, String) {
    let mut all = vec!["setup", "slack"];
    all.extend_from_slice(args);
    let output = hoego(&all, &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let typed: SlackAppManifest = serde_json::from_str(&text).expect("slack-morphism reads it");
    (serde_json::from_str(&text).unwrap(), typed, stderr(&output))
}

fn scopes(manifest: &Value) -> Vec<String> {
    let listed = manifest["oauth_config"]["scopes"]["bot"]
        .as_array()
        .unwrap();
    listed
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_default_manifest_is_socket_mode_with_interactivity_dms_and_the_table_scopes() {
    let (manifest, _, next) = manifest(&[]).await;

    let mut expected: Vec<&str> = BOT_METHODS
        .iter()
        .flat_map(|m| m.scopes.iter().copied())
        .collect();
    expected.extend([COMMANDS, DM_HISTORY]);
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(scopes(&manifest), expected);
    let settings = &manifest["settings"];
    assert_eq!(settings["socket_mode_enabled"], json!(true));
    assert_eq!(settings["interactivity"], json!({"is_enabled": true}));
    let events = json!({"bot_events": ["message.im"]});
    assert_eq!(settings["event_subscriptions"], events);
    let home = &manifest["features"]["app_home"];
    assert_eq!(home["messages_tab_read_only_enabled"], json!(false));
    assert!(next.contains("connections:write"), "{next}");
    assert!(next.contains("From a manifest"), "{next}");
}

#[tokio::test]
async fn the_slash_command_is_described_in_english_with_a_usage_hint_in_english_and_korean() {
    let (manifest, _, _) = manifest(&[]).await;

    let commands = manifest["features"]["slash_commands"].as_array().unwrap();
    assert_eq!(commands.len(), 1);
    let command = &commands[0];
    assert_eq!(command["command"], json!("/hoego"));
    let no_url = command.get("url").is_none();
    assert!(no_url, "Socket Mode needs no URL: {command}");
    let description = command["description"].as_str().unwrap();
    assert!(
        description.starts_with("Answer a retrospective"),
        "{description}"
    );
    assert!(!hangul(description), "{description}");
    let hint = command["usage_hint"].as_str().unwrap();
    assert!(hint.starts_with("help · answer · recap year"), "{hint}");
    let korean = "/hoego help를 입력하면 모든 명령어를 볼 수 있어요";
    assert!(hint.ends_with(korean), "{hint}");
}

#[tokio::test]
async fn no_dm_leaves_out_the_message_event_and_makes_the_messages_tab_read_only() {
    let (manifest, _, _) = manifest(&["--no-dm"]).await;

    // im:history stays: hoego reads its own prompts back from the DMs with it.
    assert!(scopes(&manifest).contains(&DM_HISTORY.to_string()));
    assert!(scopes(&manifest).contains(&COMMANDS.to_string()));
    assert!(
        manifest["settings"].get("event_subscriptions").is_none(),
        "{manifest}"
    );
    assert_eq!(
        manifest["features"]["app_home"]["messages_tab_read_only_enabled"],
        json!(true)
    );
    assert_eq!(
        manifest["features"]["app_home"]["messages_tab_enabled"],
        json!(true)
    );
}

#[tokio::test]
async fn an_events_url_replaces_socket_mode_for_the_command_interactivity_and_events() {
    let url = "https://hoego.example.com/slack/events";

    let (manifest, typed, next) = manifest(&["--events-url", url]).await;

    assert_eq!(manifest["settings"]["socket_mode_enabled"], json!(false));
    assert_eq!(
        manifest["settings"]["interactivity"]["request_url"],
        json!(url)
    );
    assert_eq!(
        manifest["settings"]["event_subscriptions"]["request_url"],
        json!(url)
    );
    assert_eq!(manifest["features"]["slash_commands"][0]["url"], json!(url));
    assert_eq!(typed.display_information.name, "hoego");
    assert!(next.contains("Signing Secret"), "{next}");
}

#[tokio::test]
async fn out_writes_the_same_manifest_to_a_file_and_nothing_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("manifest.json");
    let printed = stdout(&hoego(&["setup", "slack"], &[]).await);

    let output = hoego(&["setup", "slack", "--out", path.to_str().unwrap()], &[]).await;

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), printed);
}

#[tokio::test]
async fn an_events_url_that_is_not_https_exits_2_with_an_example() {
    for bad in ["http://hoego.example.com/slack/events", "hoego.example.com"] {
        let output = hoego(&["setup", "slack", "--events-url", bad], &[]).await;

        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert_eq!(stdout(&output), "", "nothing half-written");
        let said = stderr(&output);
        assert!(
            said.contains("https://hoego.example.com/slack/events"),
            "{said}"
        );
    }
}
