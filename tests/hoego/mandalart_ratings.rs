//! Sub-goals of a Mandalart rated in the quarterly rounds of the plan's year, on both backends:
//! the round's form asks 1–5 for each written sub-goal (only of a member who planned that
//! year), the rating is stored with the round, shown again when editing, in the table, on the
//! picture and in the own recap's line of the sub-goal.

use chrono::{TimeZone, Utc};

use hoego::service::reply::Reply;

use crate::console::mina;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, invalid, saved};
use crate::support::db::TestDb;

const MANDALART: &str = include_str!("../../config/templates/mandalart.toml");
const QUARTERLY: &str = include_str!("../../config/templates/quarterly.toml");

/// Mina with a Mandalart for 2027 ("Health" with two actions, an empty sub-goal, "Money").
async fn planned(db: &TestDb, korean: bool) -> Chat {
    let mut chat = mina(db);
    chat.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 28, 1, 0, 0).unwrap());
    if korean {
        chat.actor.locale = Some("ko".into());
    }
    let form = format!("answer:{}", chat.open_round("mandalart", MANDALART).await);
    let goals = [
        ("plan.centre", "A calm year"),
        ("plan.goals", "Health\n\nMoney"),
    ];
    saved(chat.submit(&form, &goals).await);
    saved(chat.submit(&form, &[("plan.1", "Walk daily\nSwim")]).await);
    chat
}

fn quarter(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut answers = vec![
        ("what-changed", "New team"),
        ("proud-of", "The release"),
        ("change-next", "Sleep more"),
        ("energy", "4"),
    ];
    answers.extend_from_slice(extra);
    answers
}

/// Opens a quarterly round at `(year, month, day)` 09:00 UTC; its form id.
async fn quarterly_round(chat: &Chat, (year, month, day): (i32, u32, u32)) -> String {
    chat.clock
        .set(Utc.with_ymd_and_hms(year, month, day, 0, 0, 0).unwrap());
    format!("answer:{}", chat.open_round("quarterly", QUARTERLY).await)
}

fn field_ids(reply: &Reply) -> Vec<String> {
    let form = reply.form.as_ref().expect("a form");
    form.fields.iter().map(|f| f.id.clone()).collect()
}

async fn a_quarterly_round_of_the_plans_year_rates_each_written_sub_goal(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, false).await;
    let other = chat.other("joon");
    let other_form = quarterly_round(&other, (2027, 3, 26)).await;
    let form_id = quarterly_round(&chat, (2027, 3, 26)).await;

    let form = chat.press(&form_id).await;
    let other_fields = field_ids(&other.press(&other_form).await);
    let refused = invalid(
        chat.submit(&form_id, &quarter(&[("mandalart-goal-1", "7")]))
            .await,
    );
    saved(
        chat.submit(
            &form_id,
            &quarter(&[("mandalart-goal-1", "4"), ("mandalart-goal-3", "2")]),
        )
        .await,
    );
    let edit = chat.say("edit").await;
    let second = quarterly_round(&chat, (2027, 6, 25)).await;
    saved(
        chat.submit(&second, &quarter(&[("mandalart-goal-1", "5")]))
            .await,
    );
    let shown = chat.say("mandalart 2027").await;
    chat.clock
        .set(Utc.with_ymd_and_hms(2027, 12, 27, 1, 0, 0).unwrap());
    let recap = chat.say("recap 2027").await;

    let ids = field_ids(&form);
    assert!(
        ids.ends_with(&[
            "mandalart-goal-1".to_string(),
            "mandalart-goal-3".to_string()
        ]),
        "{ids:?}"
    );
    let fields = &form.form.as_ref().unwrap().fields;
    let health = fields.iter().find(|f| f.id == "mandalart-goal-1").unwrap();
    assert!(
        health
            .label
            .contains("Your Mandalart for 2027: how is sub-goal 1, “Health”, going?"),
        "{}",
        health.label
    );
    assert!(!health.required);
    assert!(
        !other_fields
            .iter()
            .any(|id| id.starts_with("mandalart-goal")),
        "{other_fields:?}"
    );
    assert!(
        refused
            .fields
            .iter()
            .any(|f| f.id == "mandalart-goal-1" && f.error.is_some()),
        "a rating outside 1–5 is refused"
    );
    let edit_values: Vec<(String, Option<String>)> = (edit.form.as_ref().unwrap().fields.iter())
        .filter(|f| f.id.starts_with("mandalart-goal"))
        .map(|f| (f.id.clone(), f.value.clone()))
        .collect();
    assert_eq!(
        edit_values,
        [
            ("mandalart-goal-1".to_string(), Some("4".to_string())),
            ("mandalart-goal-3".to_string(), Some("2".to_string())),
        ]
    );
    let text = shown.plain_text();
    assert!(
        text.contains("| **Health** (5/5) |"),
        "the latest rating: {text}"
    );
    assert!(text.contains("| **Money** (2/5) |"), "{text}");
    let recap = recap_text(&recap);
    assert!(
        recap.contains("- **Health** — 0 of 2 actions done, 0 partly done · last rated 5/5\n"),
        "{recap}"
    );
    assert!(
        recap.contains("- **Money** — no actions written · last rated 2/5\n"),
        "{recap}"
    );
    db.finish().await;
}

async fn a_quarterly_round_of_another_year_does_not_ask_and_the_question_reads_in_korean(
    backend: Backend,
) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = planned(&db, true).await;
    let next_year = quarterly_round(&chat, (2028, 3, 24)).await;
    let next_year_ids = field_ids(&chat.press(&next_year).await);
    let this_year = quarterly_round(&chat, (2027, 9, 24)).await;

    let form = chat.press(&this_year).await;

    assert!(
        !next_year_ids
            .iter()
            .any(|id| id.starts_with("mandalart-goal")),
        "{next_year_ids:?}"
    );
    let fields = &form.form.as_ref().unwrap().fields;
    let money = fields.iter().find(|f| f.id == "mandalart-goal-3").unwrap();
    assert!(
        money
            .label
            .contains("2027년 만다라트의 세부 목표 3 ‘Money’, 요즘 어떻게 되고 있나요?"),
        "{}",
        money.label
    );
    db.finish().await;
}

/// A recap's whole Markdown: the message, or the attached file when it was too long.
fn recap_text(reply: &Reply) -> String {
    let attached = reply
        .attachments
        .iter()
        .find(|a| a.content_type.starts_with("text/markdown"));
    match attached {
        Some(file) => String::from_utf8(file.bytes.clone()).unwrap(),
        None => reply.plain_text(),
    }
}

on_each_backend!(
    a_quarterly_round_of_the_plans_year_rates_each_written_sub_goal,
    a_quarterly_round_of_another_year_does_not_ask_and_the_question_reads_in_korean,
);
