//! `hoego recap` end to end: the real binary writes the team's or a member's recap to stdout.

use std::process::{Command, Output};

use crate::support::chat::{Chat, WEEKLY, YEAR_END, saved};
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
        team_text.starts_with("---\ntitle: \"Core team's 2026\"\n"),
        "{team_text}"
    );
    assert!(
        team_text.contains("**mina**\n\n- Shipped the importer\n"),
        "{team_text}"
    );
    assert!(!team_text.contains("Flaky CI"), "{team_text}");
    let json: serde_json::Value = serde_json::from_slice(&own_json.stdout).unwrap();
    assert_eq!(json["lang"], "ko");
    assert_eq!(json["scope"], "me");
    assert_eq!(json["title"], "mina 님의 2026년 12월 돌아보기");
    assert!(json.to_string().contains("Flaky CI"));
    assert_eq!(unknown.status.code(), Some(2));
    db.finish().await;
}

/// Three year-end rounds a week apart (energy 2, 4, 5) and four weekly ones, the third left
/// unanswered: a trend worth drawing and a gap worth showing.
async fn a_member_with_a_trend_and_a_gap(db: &TestDb) -> String {
    let mina = Chat::new(&db.store, "mina");
    for (week, energy) in ["2", "4", "5"].into_iter().enumerate() {
        let year_end = mina.open_round("year-end", YEAR_END).await;
        let weekly = mina.open_round("weekly", WEEKLY).await;
        let answers = [
            ("periods", "One"),
            ("highlights", "Two"),
            ("learned", "Three"),
            ("energy", energy),
            ("resolutions", "Rest"),
        ];
        saved(mina.submit(&format!("answer:{year_end}"), &answers).await);
        if week != 1 {
            let weekly_answers = [
                ("went-well", "Fine"),
                ("was-hard", "Nothing"),
                ("next-week", "Rest"),
            ];
            saved(
                mina.submit(&format!("answer:{weekly}"), &weekly_answers)
                    .await,
            );
        }
        mina.clock.advance(chrono::Duration::days(7));
    }
    mina.me().await.1.id.0.to_string()
}

async fn charts_are_written_to_a_directory_and_embedded_in_the_markdown(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let member = a_member_with_a_trend_and_a_gap(&db).await;
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("charts");
    let dir_text = dir.to_str().unwrap();

    let output = hoego_recap(
        Some(&db),
        &[
            "--period", "2026", "--member", &member, "--charts", dir_text,
        ],
    );

    let markdown = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{markdown}");
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["participation.png", "trend-energy.png"]);
    for name in &written {
        let png = std::fs::read(dir.join(name)).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let info = decoder
            .read_info()
            .expect("a PNG that decodes")
            .info()
            .clone();
        assert_eq!((info.width, info.height), hoego::domain::recap::chart::SIZE);
    }
    let energy = format!("]({dir_text}/trend-energy.png)\n");
    assert!(markdown.contains(&energy), "{markdown}");
    assert!(
        markdown.contains("![Line chart of “Your energy over the whole year (1–5)”"),
        "{markdown}"
    );
    assert!(
        markdown.contains("from 1 (Worn out) to 5 (Thriving)"),
        "{markdown}"
    );
    assert!(
        markdown
            .trim_end()
            .ends_with(&format!("({dir_text}/participation.png)")),
        "{markdown}"
    );
    db.finish().await;
}

#[tokio::test]
async fn charts_are_written_to_a_directory_and_embedded_in_the_markdown_on_sqlite() {
    charts_are_written_to_a_directory_and_embedded_in_the_markdown(Backend::Sqlite).await;
}

#[tokio::test]
async fn charts_are_written_to_a_directory_and_embedded_in_the_markdown_on_postgres() {
    charts_are_written_to_a_directory_and_embedded_in_the_markdown(Backend::Postgres).await;
}

#[tokio::test]
async fn the_team_and_a_member_recap_are_written_to_stdout_on_sqlite() {
    the_team_and_a_member_recap_are_written_to_stdout(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_team_and_a_member_recap_are_written_to_stdout_on_postgres() {
    the_team_and_a_member_recap_are_written_to_stdout(Backend::Postgres).await;
}
