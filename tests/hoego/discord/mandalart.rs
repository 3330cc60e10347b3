//! A Mandalart collected on Discord in stages, with a restart between them (real serenity and
//! poise against the fake): one modal for the centre and the sub-goals, then the actions, one
//! input per named sub-goal, five inputs a modal; the grid saved once whole.

use hoego::domain::mandalart::Grid;
use hoego::service::Interaction;
use hoego::service::ids::FormId;
use serde_json::{Value, json};

use super::payloads::{Person, Place, sub};
use super::prompts::{ALICE, a_round_of};
use super::{DiscordApp, content, ephemeral};
use crate::on_each_backend;
use crate::support::Backend;

const GOALS: &str = "Health\nMoney\nWork\nLearning\nFamily\nFriends\nHome\nRest";

/// Each input of a modal: (custom id, label, value shown).
fn inputs(modal: &Value) -> Vec<(String, String, String)> {
    let rows = modal["data"]["components"].as_array().unwrap();
    rows.iter()
        .map(|row| {
            let input = &row["components"][0];
            let text = |key: &str| input[key].as_str().unwrap_or_default().to_string();
            (text("custom_id"), text("label"), text("value"))
        })
        .collect()
}

fn ids(modal: &Value) -> Vec<String> {
    inputs(modal).into_iter().map(|(id, _, _)| id).collect()
}

fn actions(n: usize) -> String {
    (1..=8)
        .map(|a| format!("goal {n} action {a}"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn a_mandalart_is_collected_in_stages_across_a_restart(backend: Backend) {
    let Some(mut app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "mandalart").await;
    let delivery = deliveries.iter().find(|(u, _)| u == ALICE).unwrap().1;
    let alice = Person::member(ALICE);
    let form = format!("answer:{delivery}");

    let first = app.press(&alice, Place::Dm, &form).await;
    let goals = [("plan.centre", "A calm 2027"), ("plan.goals", GOALS)];
    let stage_one = app.submit(&alice, Place::Dm, &form, &goals).await;
    app.restart().await;
    let second = app.press(&alice, Place::Dm, &form).await;
    let page_one: Vec<(String, String)> =
        (1..=3).map(|n| (format!("plan.{n}"), actions(n))).collect();
    let mut values: Vec<(&str, &str)> = goals.to_vec();
    values.extend(page_one.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let kept = app
        .submit(&alice, Place::Dm, &format!("{form}@0"), &values)
        .await;
    let third = app
        .press(&alice, Place::Dm, &format!("more:{form}@1"))
        .await;
    let page_two: Vec<(String, String)> =
        (4..=8).map(|n| (format!("plan.{n}"), actions(n))).collect();
    let values: Vec<(&str, &str)> = page_two
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = app
        .submit(&alice, Place::Dm, &format!("{form}@1"), &values)
        .await;

    assert_eq!(first["type"], 9, "{first}");
    assert_eq!(ids(&first), ["plan.centre", "plan.goals"]);
    assert!(
        content(&stage_one).contains("Your Mandalart holds 9 of 73 cells"),
        "{stage_one}"
    );
    assert_eq!(
        second["type"], 9,
        "the actions open after a restart: {second}"
    );
    let shown = inputs(&second);
    assert_eq!(
        ids(&second),
        ["plan.centre", "plan.goals", "plan.1", "plan.2", "plan.3"]
    );
    assert_eq!(shown[0].2, "A calm 2027");
    assert_eq!(shown[1].2, GOALS);
    assert_eq!(shown[2].1, "1. Health: actions");
    assert!(
        second["data"]["title"]
            .as_str()
            .unwrap()
            .starts_with("(1/2)"),
        "{second}"
    );
    assert!(content(&kept).contains("not saved yet"), "{kept}");
    assert_eq!(
        ids(&third),
        ["plan.4", "plan.5", "plan.6", "plan.7", "plan.8"]
    );
    assert!(
        content(&saved).contains("Your Mandalart holds 73 of 73 cells"),
        "{saved}"
    );
    let stored = app.store.delivery_answers(delivery).await.unwrap();
    assert_eq!(stored.len(), 1);
    let grid = Grid::from_storage(&stored[0].value).expect("a grid");
    assert_eq!(grid.centre, "A calm 2027");
    assert_eq!(grid.goals[4].title, "Family");
    assert_eq!(grid.goals[7].actions[7], "goal 8 action 8");
    assert_eq!(grid.goals[0].actions[0], "goal 1 action 1");
    app.finish().await;
}

/// `/hoego mandalart` with `check` and `status` (a choice, sent as its index: done, partial,
/// not-yet).
fn mandalart(check: Option<&str>, status: Option<u64>) -> Value {
    let mut options = Vec::new();
    options.extend(check.map(|at| ("check", json!(at))));
    options.extend(status.map(|s| ("status", json!(s))));
    sub("mandalart", &options)
}

async fn an_action_is_checked_with_the_mandalart_options_and_bad_ones_are_refused(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "mandalart").await;
    let delivery = deliveries.iter().find(|(u, _)| u == ALICE).unwrap().1;
    let alice = Person::member(ALICE);
    let form = format!("answer:{delivery}");
    let goals = [
        ("plan.centre", "A calm year"),
        ("plan.goals", "Health\nMoney"),
    ];
    app.submit(&alice, Place::Dm, &form, &goals).await;
    let values = vec![("plan.1".to_string(), "Walk daily\nSleep by 11".to_string())];
    let submit = Interaction::Submit(FormId::Answer(delivery), values);
    app.service.interact(&app.actor(&alice), submit).await;

    let done = app.slash(&alice, mandalart(Some("1.1"), Some(0))).await;
    let out_of_range = app.slash(&alice, mandalart(Some("3.9"), Some(1))).await;
    let empty = app.slash(&alice, mandalart(Some("1.5"), Some(2))).await;
    let no_status = app.slash(&alice, mandalart(Some("1.2"), None)).await;
    let shown = app.slash(&alice, mandalart(None, None)).await;

    assert!(ephemeral(&done), "{done}");
    assert!(
        content(&done).contains("“Walk daily”: done.\n“Health”: 1 of 2 actions done"),
        "{done}"
    );
    assert!(
        content(&out_of_range).starts_with("`3.9` is not an action of a Mandalart"),
        "{out_of_range}"
    );
    assert!(
        content(&empty).contains(
            "is an empty cell: check an action you wrote, such as \
             `/hoego mandalart check:1.1 status:done`"
        ),
        "{empty}"
    );
    assert!(
        content(&no_status).starts_with("`mandalart check` is missing `status`."),
        "{no_status}"
    );
    assert!(
        content(&shown).contains("| ✅ Walk daily | Sleep by 11 |"),
        "{shown}"
    );
    app.finish().await;
}

on_each_backend!(
    a_mandalart_is_collected_in_stages_across_a_restart,
    an_action_is_checked_with_the_mandalart_options_and_bad_ones_are_refused,
);
