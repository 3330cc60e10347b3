//! The operator's side: the key masked by `check-config`, a base URL without a model refused,
//! and `hoego recap --summary` asking the configured endpoint from the real binary.

use std::process::{Command, Output};

use hoego::domain::lang::Lang;

use super::fake::FakeModel;
use super::{answered_team, turn_on};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;

fn hoego(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    command.args(args);
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command.envs(env.iter().copied());
    command
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn check_config_masks_the_summary_key_and_refuses_an_endpoint_without_a_model() {
    let env = [
        ("HOEGO_SUMMARY__BASE_URL", "http://127.0.0.1:11434/v1"),
        ("HOEGO_SUMMARY__MODEL", "llama3.1:8b"),
        ("HOEGO_SUMMARY__API_KEY", "sk-very-secret-789"),
    ];
    let output = hoego(&["check-config"], &env).output().unwrap();
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(!shown.contains("sk-very-secret-789"), "{shown}");
    assert!(
        shown.contains(
            "summary.api_key = \"********\"  # from environment variable HOEGO_SUMMARY__API_KEY"
        ),
        "{shown}"
    );
    let output = hoego(&["check-config"], &env[..1]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("summary.model"), "{}", text(&output));
}

async fn hoego_recap_summary_asks_the_configured_endpoint(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let team = answered_team(&db.store, Lang::En, &fake.summaries()).await;
    let url = db.settings.url.expose().to_string();
    let env = [
        ("HOEGO_DATABASE__URL", url.as_str()),
        ("HOEGO_SUMMARY__BASE_URL", fake.base_url.as_str()),
        ("HOEGO_SUMMARY__MODEL", "fake-model"),
        ("HOEGO_SUMMARY__API_KEY", "sk-test-key"),
    ];
    let run = |args: Vec<&'static str>| {
        let mut command = hoego(&args, &env);
        tokio::task::spawn_blocking(move || command.output().unwrap())
    };
    let args = vec!["recap", "--period", "2026", "--summary"];
    let off = run(args.clone()).await.unwrap();
    assert_eq!(off.status.code(), Some(0), "{}", text(&off));
    assert!(
        text(&off).contains("summaries are off for this team"),
        "{}",
        text(&off)
    );
    assert_eq!(fake.requests(), 0);

    turn_on(&team).await;
    let on = run(args).await.unwrap();
    let shown = text(&on);
    assert_eq!(on.status.code(), Some(0), "{shown}");
    assert_eq!(fake.requests(), 1);
    let title = shown.find("# Core team's 2026").expect(&shown);
    let summary = shown.find("## Summary, written by a model").expect(&shown);
    let period = shown.find("## Q1").expect(&shown);
    assert!(title < summary && summary < period, "{shown}");
    let plain = run(vec!["recap", "--period", "2026"]).await.unwrap();
    assert!(!text(&plain).contains("## Summary"), "{}", text(&plain));
    assert_eq!(fake.requests(), 1);
    db.finish().await;
}

on_each_backend!(hoego_recap_summary_asks_the_configured_endpoint);
