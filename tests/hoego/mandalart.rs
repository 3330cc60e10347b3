//! The Mandalart on both backends: asked in the console part by part, kept half-filled and
//! continued after a restart; sub-goals offered from the member's resolutions; parts that do
//! not fit refused with where; `mandalart [year]` showing the 9×9 table and the picture only
//! to its author.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};

use hoego::platform::console::io::Captured;
use hoego::platform::console::{Console, ConsoleOptions};
use hoego::service::reply::Reply;

use crate::console::mina;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, YEAR_END, invalid, saved};
use crate::support::db::TestDb;

const MANDALART: &str = include_str!("../../config/templates/mandalart.toml");

/// Monday 2026-12-28 10:00 in Seoul: a round then plans 2027.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 28, 1, 0, 0).unwrap()
}

/// Mina in the console's team, at [`at`] (a new service each time: a restart).
fn me(db: &TestDb) -> Chat {
    let chat = mina(db);
    chat.clock.set(at());
    chat
}

/// Runs `script` in a fresh console (a restart: a new service on the same database).
async fn console(db: &TestDb, script: &str) -> String {
    let chat = me(db);
    let out = Arc::new(Captured::default());
    let options = ConsoleOptions {
        user: "Mina".into(),
        lang: None,
        out_dir: tempfile::tempdir().unwrap().path().to_path_buf(),
        interactive: false,
        team_name: "Local team".into(),
    };
    let console = Console::new(chat.service.clone(), options, out.clone());
    console.run(script.as_bytes()).await;
    out.text()
}

fn png_size(reply: &Reply) -> (u32, u32) {
    let png = reply
        .attachments
        .iter()
        .find(|a| a.content_type == "image/png")
        .expect("the picture is attached");
    let decoder = png::Decoder::new(std::io::Cursor::new(png.bytes.as_slice()));
    let info = decoder.read_info().expect("a PNG");
    (info.info().width, info.info().height)
}

async fn a_grid_is_asked_in_the_console_kept_half_filled_and_continued_after_a_restart(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    me(&db).open_round("mandalart", MANDALART).await;

    let first = console(&db, "answer\nA calm year\nHealth | Money | | Family\n").await;
    let shown_half = me(&db).say("mandalart").await;
    let second = console(&db, "answer\n\n\nWalk daily | | Sleep by 11\nSave 10%\n\n").await;
    let shown = me(&db).say("mandalart 2027").await;

    assert!(first.contains("Question 1 of 2"), "{first}");
    assert!(first.contains("Question 2 of 2"), "{first}");
    assert!(!first.contains("Question 3"), "{first}");
    assert!(first.contains("Saved"), "{first}");
    assert!(
        shown_half.plain_text().contains("4 of 73 cells written"),
        "{}",
        shown_half.plain_text()
    );
    // After the restart: the centre, the sub-goals, and one field per named sub-goal.
    assert!(second.contains("Question 5 of 5"), "{second}");
    assert!(
        second.contains("Now: Health | Money |  | Family"),
        "{second}"
    );
    assert!(second.contains("Sub-goal 4, “Family”"), "{second}");
    let text = shown.plain_text();
    assert!(
        text.contains("**Your Mandalart for 2027** · 7 of 73 cells written"),
        "{text}"
    );
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 11, "{text}");
    assert_eq!(
        rows[2],
        "| Walk daily |   | Sleep by 11 | Save 10% |   |   |   |   |   |"
    );
    assert_eq!(
        rows[3],
        "|   | **Health** |   |   | **Money** |   |   |   |   |"
    );
    assert_eq!(
        rows[6],
        "|   | **Family** |   | **Family** | **A calm year** |   |   |   |   |"
    );
    assert_eq!(png_size(&shown), (1080, 1140));
    db.finish().await;
}

async fn the_sub_goals_are_offered_from_resolutions_and_a_part_that_does_not_fit_is_refused(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = me(&db);
    let year_end = format!("answer:{}", chat.open_round("year-end", YEAR_END).await);
    let values = [
        ("periods", "All of it"),
        ("highlights", "First salary"),
        ("learned", "Ask early"),
        ("energy", "4"),
        ("resolutions", "Run a 10k\nRead 20 books"),
    ];
    saved(chat.submit(&year_end, &values).await);
    chat.clock.set(at() + Duration::minutes(1));
    let delivery = chat.open_round("mandalart", MANDALART).await;
    let form_id = format!("answer:{delivery}");

    let form = chat.press(&form_id).await.form.expect("the form");
    let nine = "1\n2\n3\n4\n5\n6\n7\n8\n9";
    let refused = invalid(chat.submit(&form_id, &[("plan.goals", nine)]).await);
    let long = "가".repeat(41);
    saved(chat.submit(&form_id, &[("plan.goals", "Run a 10k")]).await);
    let refused_cell = invalid(
        chat.submit(&form_id, &[("plan.1", &format!("ok\n{long}"))])
            .await,
    );
    let other = chat.other("joon").say("mandalart").await;

    let ids: Vec<&str> = form.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["plan.centre", "plan.goals"]);
    assert_eq!(
        form.fields[1].value.as_deref(),
        Some("Run a 10k\nRead 20 books")
    );
    let goals = refused
        .fields
        .iter()
        .find(|f| f.id == "plan.goals")
        .unwrap();
    assert_eq!(
        goals.error.as_deref(),
        Some(
            "That is 9 lines; write at most 8, one cell per line (a blank line leaves a cell empty)."
        )
    );
    assert_eq!(goals.value.as_deref(), Some(nine), "what was typed is kept");
    let cell = refused_cell
        .fields
        .iter()
        .find(|f| f.id == "plan.1")
        .unwrap();
    assert_eq!(
        cell.error.as_deref(),
        Some("Line 2 is 41 characters; a cell holds at most 40.")
    );
    assert!(
        other.plain_text().starts_with("You have no Mandalart yet."),
        "{}",
        other.plain_text()
    );
    assert!(other.attachments.is_empty());
    db.finish().await;
}

async fn the_mandalart_command_answers_in_korean_and_names_a_missing_year(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let mut chat = me(&db);
    chat.actor.locale = Some("ko".into());
    let delivery = chat.open_round("mandalart", MANDALART).await;
    let form_id = format!("answer:{delivery}");
    let korean_form = chat.press(&form_id).await.form.expect("the form");
    saved(
        chat.submit(
            &form_id,
            &[
                ("plan.centre", "건강한 한 해"),
                ("plan.goals", "운동\n독서"),
            ],
        )
        .await,
    );

    let shown = chat.say("mandalart").await;
    let missing = chat.say("mandalart 2031").await;
    let bad = chat.say("mandalart 1800").await;

    assert_eq!(
        korean_form.title.split(" · ").next(),
        Some("만다라트로 그리는 2027년")
    );
    assert_eq!(
        korean_form.fields[0].label,
        "2027년을 만다라트로 계획해 봐요: 먼저 한가운데 놓을 목표를 적어 주세요."
    );
    assert!(
        shown
            .plain_text()
            .starts_with("**2027년 만다라트** · 73칸 중 3칸을 채웠어요."),
        "{}",
        shown.plain_text()
    );
    assert_eq!(
        missing.plain_text(),
        "2031년 만다라트는 없어요. 가장 최근 것은 `mandalart`로 볼 수 있어요."
    );
    assert!(bad.plain_text().contains("1800"), "{}", bad.plain_text());
    db.finish().await;
}

on_each_backend!(
    a_grid_is_asked_in_the_console_kept_half_filled_and_continued_after_a_restart,
    the_sub_goals_are_offered_from_resolutions_and_a_part_that_does_not_fit_is_refused,
    the_mandalart_command_answers_in_korean_and_names_a_missing_year,
);
