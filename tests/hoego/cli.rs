//! The `hoego` binary as an operator uses it: exit codes, messages, secrets never shown.

use std::process::Output;

use crate::support::binary::clean_command;
use crate::support::db::{Backend, TestDb};

/// Runs `hoego` with only the given HOEGO_ variables, in a scratch directory.
fn hoego(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = clean_command(args, dir.path());
    command.envs(vars.iter().copied());
    command.output().expect("hoego runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn check_config_masks_a_token_set_in_the_environment() {
    let output = hoego(
        &["check-config"],
        &[("HOEGO_DISCORD__TOKEN", "tok-very-secret-123")],
    );

    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let shown = text(&output);
    assert!(
        !shown.contains("tok-very-secret-123"),
        "token leaked:\n{shown}"
    );
    assert!(
        shown.contains(
            "discord.token = \"********\"  # from environment variable HOEGO_DISCORD__TOKEN"
        ),
        "{shown}"
    );
}

#[test]
fn a_database_password_is_masked_in_check_config() {
    let output = hoego(
        &["check-config"],
        &[(
            "HOEGO_DATABASE__URL",
            "postgres://hoego:hunter2@db:5432/hoego",
        )],
    );

    let shown = text(&output);
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(
        shown.contains("postgres://hoego:********@db:5432/hoego"),
        "{shown}"
    );
}

#[test]
fn a_token_never_reaches_the_logs_even_at_trace_level() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("h.db").display());
    let output = hoego(
        &["migrate"],
        &[
            ("HOEGO_DISCORD__TOKEN", "tok-very-secret-456"),
            ("HOEGO_DATABASE__URL", &url),
            ("RUST_LOG", "trace"),
        ],
    );

    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(!text(&output).contains("tok-very-secret-456"));
}

#[test]
fn an_unsupported_database_url_exits_2_naming_the_key() {
    let output = hoego(&["check-config"], &[("HOEGO_DATABASE__URL", "mysql://x")]);

    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("database.url"), "{}", text(&output));
}

#[test]
fn a_misspelled_key_exits_2_naming_the_key() {
    let output = hoego(&["check-config"], &[("HOEGO_LOG__FROMAT", "json")]);

    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("log.fromat"), "{}", text(&output));
    assert!(text(&output).contains("log.format"), "{}", text(&output));
}

#[test]
fn run_without_a_chat_platform_exits_2_and_says_how_to_configure_one() {
    let output = hoego(&["run"], &[]);

    assert_eq!(output.status.code(), Some(2));
    let shown = text(&output);
    assert!(
        shown.contains("HOEGO_DISCORD__TOKEN") && shown.contains("HOEGO_SLACK__BOT_TOKEN"),
        "{shown}"
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(hoego(&["frobnicate"], &[]).status.code(), Some(2));
}

#[test]
fn version_and_help_answer() {
    let version = hoego(&["--version"], &[]);
    assert!(text(&version).contains(env!("CARGO_PKG_VERSION")));
    let help = hoego(&["--help"], &[]);
    assert!(text(&help).contains("check-config") && text(&help).contains("migrate"));
}

#[test]
fn migrate_twice_on_a_fresh_sqlite_file_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("fresh.db").display());
    for attempt in 1..=2 {
        let output = hoego(&["migrate"], &[("HOEGO_DATABASE__URL", &url)]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "attempt {attempt}: {}",
            text(&output)
        );
    }
    assert!(dir.path().join("fresh.db").exists());
}

#[tokio::test]
async fn migrate_twice_on_a_fresh_postgres_database_succeeds() {
    let Some(db) = TestDb::new_unmigrated(Backend::Postgres).await else {
        return;
    };
    let url = db.settings.url.expose().to_string();
    for attempt in 1..=2 {
        let output = hoego(&["migrate"], &[("HOEGO_DATABASE__URL", &url)]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "attempt {attempt}: {}",
            text(&output)
        );
    }
    db.finish().await;
}

#[test]
fn an_unreachable_database_exits_1_with_the_reason() {
    let output = hoego(
        &["migrate"],
        &[
            (
                "HOEGO_DATABASE__URL",
                "postgres://postgres@127.0.0.1:1/none",
            ),
            ("HOEGO_DATABASE__CONNECT_TIMEOUT_SECS", "1"),
        ],
    );

    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).contains("unreachable"), "{}", text(&output));
}

#[test]
fn schedule_preview_prints_local_and_utc_times_through_a_dst_change() {
    let output = hoego(
        &[
            "schedule",
            "preview",
            "30 2 * * *",
            "--tz",
            "America/New_York",
            "--after",
            "2026-03-07",
            "--count",
            "2",
        ],
        &[],
    );

    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let shown = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(shown.starts_with("2026-03-07T02:30:00-05:00  2026-03-07T07:30:00Z\n2026-03-08T03:00:00-04:00  2026-03-08T07:00:00Z\n"), "{shown}");
    assert!(shown.contains("every day at 2:30 am"), "{shown}");
}

#[test]
fn schedule_preview_refuses_a_six_field_expression_with_exit_2() {
    let output = hoego(&["schedule", "preview", "0 30 2 * * *", "--tz", "UTC"], &[]);

    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output).contains("5-field"), "{}", text(&output));
}
