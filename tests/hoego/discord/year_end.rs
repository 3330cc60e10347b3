//! The year-end form on Discord (real serenity and poise against the fake), five inputs a
//! modal: the six questions, then the Mandalart's centre and sub-goals and the letter to
//! oneself on the second modal; on an edit the actions of each named sub-goal come before the
//! letter, which its author sees again on the last modal. The letter is sealed, not kept as an
//! answer, and an edit replaces it.

use hoego::domain::mandalart::Grid;
use serde_json::Value;

use super::payloads::{Person, Place};
use super::prompts::{ALICE, a_round_of};
use super::{DiscordApp, content};
use crate::on_each_backend;
use crate::support::Backend;

/// Each input of a modal: (custom id, value shown).
fn inputs(modal: &Value) -> Vec<(String, String)> {
    let rows = modal["data"]["components"].as_array().unwrap();
    rows.iter()
        .map(|row| {
            let input = &row["components"][0];
            let text = |key: &str| input[key].as_str().unwrap_or_default().to_string();
            (text("custom_id"), text("value"))
        })
        .collect()
}

fn ids(modal: &Value) -> Vec<String> {
    inputs(modal).into_iter().map(|(id, _)| id).collect()
}

fn title(modal: &Value) -> &str {
    modal["data"]["title"].as_str().unwrap_or_default()
}

const PAGE_ONE: [(&str, &str); 5] = [
    ("periods", "Winter\nSummer"),
    ("highlights", "The move"),
    ("learned", "Rest is work too"),
    ("was-hard", ""),
    ("energy", "4"),
];

async fn the_year_end_form_ends_with_the_mandalart_and_a_letter_five_inputs_a_modal(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "year-end").await;
    let delivery = deliveries.iter().find(|(u, _)| u == ALICE).unwrap().1;
    let alice = Person::member(ALICE);
    let form = format!("answer:{delivery}");

    let first = app.press(&alice, Place::Dm, &form).await;
    app.submit(&alice, Place::Dm, &format!("{form}@0"), &PAGE_ONE)
        .await;
    let second = app
        .press(&alice, Place::Dm, &format!("more:{form}@1"))
        .await;
    let page_two = [
        ("resolutions", "Garden\nRead"),
        ("plan.centre", "A green 2027"),
        ("plan.goals", "Garden\nRead"),
        ("to-next-year", "Dear me: did the garden grow?"),
    ];
    let saved = app
        .submit(&alice, Place::Dm, &format!("{form}@1"), &page_two)
        .await;
    let member = app
        .store
        .delivery_round(delivery)
        .await
        .unwrap()
        .unwrap()
        .member_id;
    let sealed = app.store.capsules_of(member).await.unwrap();

    // The edit: the actions of the two named sub-goals join the form before the letter.
    let edit = format!("edit:{delivery}");
    let reopened = app.press(&alice, Place::Dm, &edit).await;
    app.submit(&alice, Place::Dm, &format!("{form}@0"), &PAGE_ONE)
        .await;
    let again = [
        ("resolutions", "Garden\nRead"),
        ("plan.centre", "A green 2027"),
        ("plan.goals", "Garden\nRead"),
        ("plan.1", "Sow in March\nWater daily"),
        ("plan.2", "A book a month"),
    ];
    app.submit(&alice, Place::Dm, &format!("{form}@1"), &again)
        .await;
    let last = app
        .press(&alice, Place::Dm, &format!("more:{form}@2"))
        .await;
    let letter = [(
        "to-next-year",
        "Dear me: did the garden grow? And the books?",
    )];
    let edited = app
        .submit(&alice, Place::Dm, &format!("{form}@2"), &letter)
        .await;
    let replaced = app.store.capsules_of(member).await.unwrap();
    let stored = app.store.delivery_answers(delivery).await.unwrap();

    assert_eq!(first["type"], 9, "{first}");
    assert_eq!(
        ids(&first),
        ["periods", "highlights", "learned", "was-hard", "energy"]
    );
    assert!(title(&first).starts_with("(1/2)"), "{first}");
    assert_eq!(
        ids(&second),
        ["resolutions", "plan.centre", "plan.goals", "to-next-year"]
    );
    assert!(title(&second).starts_with("(2/2)"), "{second}");
    assert!(
        content(&saved).contains("Your letter to yourself is sealed until"),
        "{saved}"
    );
    assert_eq!(sealed.len(), 1);
    assert_eq!(sealed[0].text, "Dear me: did the garden grow?");
    assert!(title(&reopened).starts_with("(1/3)"), "{reopened}");
    assert_eq!(ids(&last), ["to-next-year"]);
    assert!(title(&last).starts_with("(3/3)"), "{last}");
    assert_eq!(inputs(&last)[0].1, "Dear me: did the garden grow?");
    assert!(content(&edited).contains("sealed until"), "{edited}");
    assert_eq!(replaced.len(), 1);
    assert_eq!(replaced[0].text, letter[0].1);
    assert!(stored.iter().all(|a| a.question_id != "to-next-year"));
    let plan = stored.iter().find(|a| a.question_id == "plan").unwrap();
    let grid = Grid::from_storage(&plan.value).expect("a grid");
    assert_eq!(grid.goals[0].actions[..2], ["Sow in March", "Water daily"]);
    assert_eq!(grid.goals[1].actions[0], "A book a month");
    app.finish().await;
}

on_each_backend!(the_year_end_form_ends_with_the_mandalart_and_a_letter_five_inputs_a_modal);
