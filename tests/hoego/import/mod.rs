//! `hoego import` and `hoego export --team`: round trips on both backends and across them,
//! idempotence, Markdown notes in Korean and English, CSVs, and refused files.

mod chat;
mod files;
mod refusals;
mod round_trip;

use std::process::{Command, Output};

use hoego::domain::lang::Lang;
use hoego::service::import::{ImportFile, ImportRequest, ImportSummary};
use hoego::store::Store;
use serde_json::Value;

use crate::support::chat::{Chat, WEEKLY, YEAR_END, saved};
use crate::support::db::TestDb;

/// Runs the real binary on `db` with `args`; `dir` is its working directory.
pub fn hoego(db: &TestDb, dir: &std::path::Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    command.args(args).current_dir(dir);
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command.env("HOEGO_DATABASE__URL", db.settings.url.expose());
    command.env("USER", "mina");
    command.output().expect("hoego runs")
}

/// Standard output and error of a run, for messages.
pub fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A team made the way people make one: two members, a scheduled weekly round answered by both
/// (one answer edited, one made private), a skipped round, a year-end round whose resolutions
/// were followed up, and milestones (mina's own, one shared; joon's own; the team's, added by
/// joon as admin). Returns mina's chat.
pub async fn lived_in_team(store: &Store) -> Chat {
    let mina = Chat::new(store, "mina");
    let joon = mina.other("joon");
    let weekly = mina.open_scheduled_round("weekly", WEEKLY).await;
    let form = format!("answer:{weekly}");
    let first = [
        ("went-well", "Shipped, \"finally\""),
        ("was-hard", "CI"),
        ("next-week", "docs\nrelease"),
    ];
    saved(mina.submit(&form, &first).await);
    mina.clock.advance(chrono::Duration::minutes(5));
    let edited = [
        ("went-well", "Shipped the importer"),
        ("was-hard", "CI"),
        ("next-week", "docs\nrelease"),
    ];
    saved(mina.submit(&form, &edited).await);
    mina.say("visibility was-hard private").await;
    let theirs = joon.join_round_of(weekly).await;
    saved(
        joon.submit(
            &format!("answer:{theirs}"),
            &[
                ("went-well", "회고를 시작했어요"),
                ("was-hard", "시간"),
                ("next-week", "정리"),
            ],
        )
        .await,
    );
    let skipped = joon.open_round("weekly", WEEKLY).await;
    joon.press(&format!("skip:{skipped}")).await;
    let year_end = mina.open_round("year-end", YEAR_END).await;
    let answers = [
        ("periods", "Jan–Mar: search\nApril on: the new job"),
        ("highlights", "First release"),
        ("learned", "Ask early"),
        ("energy", "4"),
        ("resolutions", "Run a marathon\nLearn Korean"),
    ];
    saved(mina.submit(&format!("answer:{year_end}"), &answers).await);
    mina.say("resolutions set 2 on-track 30 minutes a day")
        .await;
    mina.say("milestone add 2026-04-01 First day at the new job")
        .await;
    mina.say("milestone add 2026-02-10 Moved to Busan").await;
    mina.say("milestone visibility 1 team").await;
    joon.say("milestone add 2026-05-05 Bought a bike").await;
    let mut admin = mina.other("joon");
    admin.actor.is_admin = true;
    admin
        .say("milestone add team 2026-09-14 Reorganisation")
        .await;
    mina
}

/// `request` for one file of `bytes` named `path`, as an operator's import.
pub fn request(path: &str, bytes: Vec<u8>) -> ImportRequest {
    ImportRequest {
        files: vec![ImportFile {
            path: path.into(),
            bytes,
        }],
        mapping: None,
        team: None,
        member: None,
        template: None,
        new_member: Some("mina".into()),
        max_bytes: 64 * 1024 * 1024,
        lang: Lang::En,
        dry_run: false,
        own_notes_only: false,
    }
}

/// Imports through a fresh service on `store`.
pub async fn import(store: &Store, request: &ImportRequest) -> ImportSummary {
    let chat = Chat::new(store, "operator");
    match chat.service.import(request).await {
        Ok(summary) => summary,
        Err(error) => panic!("import refused: {error}"),
    }
}

/// An export document without its `exported_at`, to compare two.
pub fn without_time(json: &str) -> Value {
    let mut value: Value = serde_json::from_str(json).expect("an export is JSON");
    value.as_object_mut().unwrap().remove("exported_at");
    value
}

/// How many rows each table holds, to show that nothing was written.
pub async fn row_counts(store: &Store) -> Vec<i64> {
    let chat = Chat::new(store, "counter");
    let teams = chat.service.store.all_teams().await.unwrap();
    let mut counts = vec![teams.len() as i64];
    for team in teams {
        let data = store.team_dataset(team.id).await.unwrap();
        counts.push(data.members.len() as i64);
        counts.push(data.rounds.len() as i64);
        counts.push(data.answer_count() as i64);
        counts.push(data.resolutions.len() as i64);
    }
    counts
}

/// Runs an async test taking a [`TestDb`] on each backend: `on_both!(name, test_fn)`.
macro_rules! on_both {
    ($name:ident, $test:path) => {
        mod $name {
            use crate::support::Backend;
            use crate::support::db::TestDb;

            #[tokio::test]
            async fn postgres() {
                if let Some(db) = TestDb::new(Backend::Postgres).await {
                    $test(&db).await;
                    db.finish().await;
                }
            }

            #[tokio::test]
            async fn sqlite() {
                if let Some(db) = TestDb::new(Backend::Sqlite).await {
                    $test(&db).await;
                    db.finish().await;
                }
            }
        }
    };
}
pub(crate) use on_both;

/// Writes `files` (path relative to `dir`, text) under `dir`.
pub fn write_files(dir: &std::path::Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}
