//! `hoego console` end to end: the real binary, driven by a script on standard input, against
//! a fresh SQLite file and a fresh PostgreSQL database.

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::Utc;
use hoego::domain::state::Platform;

use crate::support::chat::{Chat, WEEKLY, YEAR_END};
use crate::support::db::{Backend, TestDb};

/// The console's member "Mina", seen through the service, on the test database.
pub fn mina(db: &TestDb) -> Chat {
    let mut chat = Chat::new(&db.store, "mina");
    chat.actor.platform = Platform::Console;
    chat.actor.team_external_id = "local".into();
    chat.actor.team_name = "Local team".into();
    chat.actor.user_id = "mina".into();
    chat.actor.display_name = "Mina".into();
    chat.clock.set(Utc::now());
    chat
}

/// What `hoego console --user Mina <args>` printed for `script`, with its output directory.
pub fn run_console(db: &TestDb, args: &[&str], script: &str) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let stdout = run_console_in(db, dir.path(), args, script);
    (stdout, dir)
}

/// What `hoego console --user Mina <args>` printed for `script`, run in `dir`.
pub fn run_console_in(db: &TestDb, dir: &std::path::Path, args: &[&str], script: &str) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hoego"));
    command
        .args(["console", "--user", "Mina"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, _) in std::env::vars() {
        if name.starts_with("HOEGO_") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command.env("HOEGO_DATABASE__URL", db.settings.url.expose());
    command.env("HOEGO_HTTP__ENABLED", "false");
    let mut child = command.spawn().expect("hoego starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    stdout
}

async fn a_script_answers_edits_keeps_privacy_and_exports(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let delivery = mina(&db).open_round("weekly", WEEKLY).await;
    // The weekly's mood and turning point are optional: an empty line leaves each unanswered.
    let script = "answer\nShipped the importer\nFlaky CI\ndocs | release\n\n\n\
                  edit\n\nIt was the tests\n\n\n\n\
                  skip\n\
                  visibility 2 private\n\
                  export\n\
                  help visibility\n";

    let (out, dir) = run_console(&db, &[], script);

    assert!(out.contains("> answer\n**Weekly retrospective · "), "{out}");
    assert!(
        out.contains("Question 1 of 5: What went well this week?\n(text, up to 1000 characters)"),
        "{out}"
    );
    assert!(
        out.contains("(list: items on one line, separated by |"),
        "{out}"
    );
    assert!(out.contains("Saved 3 answers for weekly."), "{out}");
    assert!(
        out.contains("Now: Shipped the importer (send an empty line to keep it)"),
        "{out}"
    );
    assert!(out.contains("Now: docs | release"), "{out}");
    assert!(out.contains("Updated 3 answers for weekly."), "{out}");
    assert!(
        out.contains("You already answered this weekly round."),
        "{out}"
    );
    assert!(
        out.contains("1 of your answers in weekly is now private (only you)."),
        "{out}"
    );
    assert!(out.contains("Your export is ready: 3 answers"), "{out}");
    let markdown = dir.path().join("hoego-out").join("hoego-export.md");
    assert!(
        out.contains(&format!("Wrote {}", "hoego-out/hoego-export.md")),
        "{out}"
    );
    let markdown = std::fs::read_to_string(markdown).expect("the export was written");
    assert!(markdown.contains("> It was the tests"), "{markdown}");
    assert!(
        markdown.contains(": Flaky CI"),
        "the old text is in the history: {markdown}"
    );
    assert!(dir.path().join("hoego-out/hoego-export.json").exists());
    let stored = db.store.delivery_answers(delivery).await.unwrap();
    assert_eq!(stored[2].value, "docs\nrelease");
    db.finish().await;
}

#[tokio::test]
async fn a_script_answers_edits_keeps_privacy_and_exports_on_sqlite() {
    a_script_answers_edits_keeps_privacy_and_exports(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_script_answers_edits_keeps_privacy_and_exports_on_postgres() {
    a_script_answers_edits_keeps_privacy_and_exports(Backend::Postgres).await;
}

async fn refused_answers_are_asked_again_and_the_rest_kept(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    mina(&db).open_round("year-end", YEAR_END).await;
    // The Mandalart's centre and sub-goals and the letter are left out (three empty lines).
    let script = "answer\nSpring | Autumn\n\nPatience\n\n9\nRun a marathon | Read more\n\n\n\n\
                  The launch\n4\n\
                  forget-me\nforget-me confirm\n";

    let (out, _dir) = run_console(&db, &[], script);

    assert!(
        out.contains("(scale: a number from 1 = Worn out to 5 = Thriving)"),
        "{out}"
    );
    assert!(
        out.contains("Optional: send an empty line to leave it out."),
        "{out}"
    );
    assert!(
        out.contains("Some answers need another look; the others are kept:"),
        "{out}"
    );
    assert!(out.contains("⚠ This question needs an answer."), "{out}");
    assert!(out.contains("⚠ \"9\" is not on the scale"), "{out}");
    assert!(out.contains("Saved 5 answers for year-end."), "{out}");
    assert!(
        out.contains("This permanently deletes your 5 answers and 2 resolutions"),
        "{out}"
    );
    assert!(
        out.contains(
            "Done. I deleted 5 answers, 0 earlier versions of answers, 2 resolutions, 1 prompt,"
        ),
        "{out}"
    );
    db.finish().await;
}

#[tokio::test]
async fn refused_answers_are_asked_again_and_the_rest_kept_on_sqlite() {
    refused_answers_are_asked_again_and_the_rest_kept(Backend::Sqlite).await;
}

#[tokio::test]
async fn refused_answers_are_asked_again_and_the_rest_kept_on_postgres() {
    refused_answers_are_asked_again_and_the_rest_kept(Backend::Postgres).await;
}

#[tokio::test]
async fn lang_ko_speaks_korean_from_the_first_line() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    mina(&db).open_round("weekly", WEEKLY).await;

    let (out, _dir) = run_console(
        &db,
        &["--lang", "ko"],
        "answer\n좋았어요\n힘들었어요\n문서 | 배포\n\n\nsettings\npause until 2020-01-01\nresolutions\n",
    );

    assert!(
        out.contains("질문 1/5: 이번 주에 잘한 점은 무엇인가요?\n(글, 최대 1000자)"),
        "{out}"
    );
    assert!(out.contains("weekly 답변 3개를 저장했어요."), "{out}");
    assert!(out.contains("언어: 한국어"), "{out}");
    assert!(out.contains("이미 지난 날짜예요: 2020-01-01."), "{out}");
    // What was typed (`> …`) and the names of the team and the schedule stay as they are.
    let replies: Vec<String> = out
        .lines()
        .filter(|l| !l.starts_with("> "))
        .map(|l| l.replace("Local team", "").replace("weekly", ""))
        .collect();
    crate::support::language::assert_korean(&replies.join("\n"));
    db.finish().await;
}

#[tokio::test]
async fn input_that_ends_in_the_middle_of_a_form_saves_nothing_and_exits_cleanly() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let delivery = mina(&db).open_round("weekly", WEEKLY).await;

    let (out, _dir) = run_console(&db, &[], "# a comment\nanswer\nonly one answer\n");

    assert!(
        out.contains("The input ended before the form was finished, so nothing was saved."),
        "{out}"
    );
    assert!(!out.contains("# a comment\n"), "{out}");
    assert!(
        db.store
            .delivery_answers(delivery)
            .await
            .unwrap()
            .is_empty()
    );
    db.finish().await;
}

async fn bad_input_of_every_kind_gets_a_clear_answer(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let delivery = mina(&db).open_round("weekly", WEEKLY).await;
    let long = "x".repeat(1001);
    let script = format!(
        "exprot\nsettings tz Mars/Base\nsettings lang fr\npause until 2020-01-01\n\
         pause until 2030-13-01\nvisibility 2 loud\nanswer nope\n\
         answer\n{long}\nfine\nok\n\n\nstill {long}\n/cancel\nsettings\n"
    );

    let (out, _dir) = run_console(&db, &[], &script);

    let expected = [
        "There is no command `exprot`.\nDid you mean `export`?",
        "I don't know the time zone `Mars/Base`.",
        "`fr` is not a valid `lang`: use one of en, ko.",
        "2020-01-01 has already passed.",
        "`2030-13-01` is not a date: write it as YYYY-MM-DD.",
        "`loud` is not a valid `visibility`",
        "There is no open round called nope. Open now: weekly.",
        "⚠ Your answer is 1001 characters; the limit is 1000.",
        "⚠ Your answer is 1007 characters; the limit is 1000.",
        "Cancelled. Nothing was saved.",
        "Your settings: time zone Asia/Seoul (the team's), language English",
    ];
    for text in expected {
        assert!(out.contains(text), "missing {text:?} in:\n{out}");
    }
    assert!(
        db.store
            .delivery_answers(delivery)
            .await
            .unwrap()
            .is_empty()
    );
    db.finish().await;
}

#[tokio::test]
async fn bad_input_of_every_kind_gets_a_clear_answer_on_sqlite() {
    bad_input_of_every_kind_gets_a_clear_answer(Backend::Sqlite).await;
}

#[tokio::test]
async fn bad_input_of_every_kind_gets_a_clear_answer_on_postgres() {
    bad_input_of_every_kind_gets_a_clear_answer(Backend::Postgres).await;
}
