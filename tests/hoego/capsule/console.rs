//! The year-end form in the console, on both backends: asked line by line, ending with the
//! Mandalart's centre and sub-goals and the letter to oneself; the letter sealed, not kept as
//! an answer; the Mandalart's actions asked, before the letter, when the member answers again.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use hoego::domain::mandalart::Grid;
use hoego::platform::console::io::Captured;
use hoego::platform::console::{Console, ConsoleOptions};

use crate::console::mina;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, YEAR_END};
use crate::support::db::TestDb;

/// Monday 2026-12-28 10:00 in Seoul.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 28, 1, 0, 0).unwrap()
}

fn me(db: &TestDb) -> Chat {
    let chat = mina(db);
    chat.clock.set(at());
    chat
}

/// Runs `script` in a fresh console on the same database.
async fn console(db: &TestDb, script: &str) -> String {
    let out = Arc::new(Captured::default());
    let options = ConsoleOptions {
        user: "Mina".into(),
        lang: None,
        out_dir: tempfile::tempdir().unwrap().path().to_path_buf(),
        interactive: false,
        team_name: "Local team".into(),
    };
    let console = Console::new(me(db).service.clone(), options, out.clone());
    console.run(script.as_bytes()).await;
    out.text()
}

async fn the_console_asks_the_year_end_form_with_the_mandalart_and_the_letter_last(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    let delivery = me(&db).open_round("year-end", YEAR_END).await;
    let first = console(
        &db,
        "answer\nWinter | Summer\nThe move\nRest is work too\n\n4\nGarden | Read\n\
         A green 2027\nGarden | Read\nDear me: did the garden grow?\n",
    )
    .await;
    let member = db
        .store
        .delivery_round(delivery)
        .await
        .unwrap()
        .unwrap()
        .member_id;
    let sealed = db.store.capsules_of(member).await.unwrap();
    let second = console(
        &db,
        "answer\n\n\n\n\n\n\n\n\nSow in March | Water daily\nA book a month\n\n",
    )
    .await;
    let stored = db.store.delivery_answers(delivery).await.unwrap();
    let kept = db.store.capsules_of(member).await.unwrap();

    assert!(first.contains("Question 9 of 9"), "{first}");
    assert!(!first.contains("Question 10"), "{first}");
    assert!(
        first.contains("A few lines to yourself a year from now."),
        "{first}"
    );
    assert!(
        first.contains("Your letter to yourself is sealed until 28 Dec 2027"),
        "{first}"
    );
    assert_eq!(sealed.len(), 1);
    assert_eq!(sealed[0].text, "Dear me: did the garden grow?");
    assert!(second.contains("Question 11 of 11"), "{second}");
    assert!(
        second.contains("Now: Dear me: did the garden grow?"),
        "the letter is shown again to its author: {second}"
    );
    assert_eq!(kept.len(), 1, "an empty line keeps the letter: {kept:?}");
    assert_eq!(kept[0].text, "Dear me: did the garden grow?");
    assert!(stored.iter().all(|a| a.question_id != "to-next-year"));
    let plan = stored.iter().find(|a| a.question_id == "plan").unwrap();
    let grid = Grid::from_storage(&plan.value).expect("a grid");
    assert_eq!(grid.goals[0].actions[..2], ["Sow in March", "Water daily"]);
    assert_eq!(grid.goals[1].actions[0], "A book a month");
    db.finish().await;
}

on_each_backend!(the_console_asks_the_year_end_form_with_the_mandalart_and_the_letter_last);
