//! `hoego recap` end to end: the real binary writes the team's or a member's recap to stdout.

use std::process::{Command, Output};

use crate::support::chat::{Chat, WEEKLY, saved};
use crate::support::db::{Backend, TestDb};

fn hoego_recap(db: Option<&TestDb>, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    command.arg("recap").args(args).current_dir(dir.path());
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    if let Some(db) = db {
        command.env("HOEGO_DATABASE__URL", db.settings.url.expose());
    }
    command.output().expect("hoego runs")
}

#[test]
fn a_bad_period_exits_2_with_examples() {
    let output = hoego_recap(None, &["--period", "2026-Q7"]);

    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("--period: \"2026-Q7\" is not a period I know"),
        "{error}"
    );
    assert!(error.contains("2026-03-01..2026-06-30"), "{error}");
}

async fn the_team_and_a_member_recap_are_written_to_stdout(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let mina = Chat::new(&db.store, "mina");
    let delivery = mina.open_round("weekly", WEEKLY).await;
    let answers = [
        ("went-well", "Shipped the importer"),
        ("was-hard", "Flaky CI"),
        ("next-week", "docs\nrelease"),
    ];
    saved(mina.submit(&format!("answer:{delivery}"), &answers).await);
    mina.say("visibility was-hard private").await;
    let (_, member) = mina.me().await;
    let member_id = member.id.0.to_string();

    let team_md = hoego_recap(Some(&db), &["--period", "2026", "--format", "markdown"]);
    let own_json = hoego_recap(
        Some(&db),
        &[
            "--period", "2026-12", "--member", &member_id, "--lang", "ko", "--format", "json",
        ],
    );
    let unknown = hoego_recap(Some(&db), &["--period", "2026", "--member", "999999"]);

    let team_text = String::from_utf8_lossy(&team_md.stdout);
    assert_eq!(team_md.status.code(), Some(0), "{team_text}");
    assert!(
        team_text.starts_with("---\ntitle: \"Core team recap: 2026\"\n"),
        "{team_text}"
    );
    assert!(
        team_text.contains("> Shipped the importer\n>\n> — mina, 2026-12-04"),
        "{team_text}"
    );
    assert!(!team_text.contains("Flaky CI"), "{team_text}");
    let json: serde_json::Value = serde_json::from_slice(&own_json.stdout).unwrap();
    assert_eq!(json["lang"], "ko");
    assert_eq!(json["scope"], "me");
    assert_eq!(json["title"], "mina의 회고: 2026년 12월");
    assert!(json.to_string().contains("Flaky CI"));
    assert_eq!(unknown.status.code(), Some(2));
    db.finish().await;
}

#[tokio::test]
async fn charts_are_written_to_a_directory_when_asked() {
    let Some(db) = TestDb::new(Backend::Sqlite).await else {
        return;
    };
    let mina = Chat::new(&db.store, "mina");
    for _ in 0..2 {
        mina.open_round("weekly", WEEKLY).await;
        mina.clock.advance(chrono::Duration::days(7));
    }
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("charts");

    let output = hoego_recap(
        Some(&db),
        &["--period", "2026", "--charts", dir.to_str().unwrap()],
    );

    assert_eq!(output.status.code(), Some(0));
    let png = std::fs::read(dir.join("participation.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert!(
        !dir.join("trend.png").exists(),
        "no scale question, no trend chart"
    );
    db.finish().await;
}

#[tokio::test]
async fn the_team_and_a_member_recap_are_written_to_stdout_on_sqlite() {
    the_team_and_a_member_recap_are_written_to_stdout(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_team_and_a_member_recap_are_written_to_stdout_on_postgres() {
    the_team_and_a_member_recap_are_written_to_stdout(Backend::Postgres).await;
}
