//! The year-end form on Slack (real slack-morphism against the fake): one modal holding every
//! question, ending with the Mandalart's centre and sub-goals and the letter to oneself; the
//! letter sealed (not kept as an answer) and shown again in the modal of an edit; the
//! Mandalart's actions added to the same modal once its sub-goals are named.

use hoego::domain::mandalart::Grid;
use serde_json::Value;

use super::payloads::{self, ALICE, Person};
use super::rounds::actor;
use super::{SlackApp, text_of};
use crate::on_each_backend;
use crate::support::Backend;

const LETTER: &str = "Dear next-December me: did the garden grow?";

/// The `views.open` call made after Alice pressed `action`: its body.
async fn opened_by(app: &SlackApp, action: &str) -> Value {
    let before = app.fake.calls_of("views.open").len();
    let url = app.fake.response_url();
    let press = payloads::press(&ALICE, "DALICE", action, &app.trigger(), &url);
    app.fake.ack(&app.fake.envelope("interactive", press)).await;
    let mut opened = app.fake.wait_for("views.open", before + 1).await;
    opened.remove(before).body
}

/// The input blocks of a modal: (block id, initial value).
fn inputs(opened: &Value) -> Vec<(String, String)> {
    let blocks = opened["view"]["blocks"].as_array().unwrap();
    blocks
        .iter()
        .filter(|b| b["type"] == "input")
        .map(|b| {
            let id = b["block_id"].as_str().unwrap().to_string();
            let value = b["element"]["initial_value"].as_str().unwrap_or_default();
            (id, value.to_string())
        })
        .collect()
}

async fn submit(app: &SlackApp, opened: &Value, values: &[(&str, &str)]) -> Value {
    let submission = payloads::submission(&ALICE, opened, values);
    let envelope = app.fake.envelope("interactive", submission);
    app.fake.ack(&envelope).await.0
}

async fn the_year_end_modal_ends_with_the_mandalart_and_a_sealed_letter(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let admin = actor(
        &Person {
            id: "UADMIN",
            name: "admin",
        },
        true,
    );
    let member = actor(&ALICE, false);
    for (who, text) in [
        (&admin, "schedule add year-end \"0 10 28 12 *\" name year"),
        (&admin, "leave year"),
        (&member, "join year"),
        (&admin, "schedule run-now year"),
    ] {
        let said = hoego::service::Interaction::Text(text.to_string());
        app.service.interact(who, said).await;
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let row = app
        .store
        .deliveries_of_team(team.id)
        .await
        .unwrap()
        .remove(0);
    let (delivery, alice) = (row.id, row.member_id);
    let action = format!("answer:{delivery}");

    let first = opened_by(&app, &action).await;
    let values = [
        ("periods", "Spring\nAutumn"),
        ("highlights", "The move"),
        ("learned", "Rest is work too"),
        ("energy", "3"),
        ("resolutions", "Garden"),
        ("plan.centre", "A green 2027"),
        ("plan.goals", "Garden\nRead"),
        ("to-next-year", LETTER),
    ];
    let ack = submit(&app, &first, &values).await;
    let second = opened_by(&app, &format!("edit:{delivery}")).await;

    let ids: Vec<String> = inputs(&first).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        [
            "periods",
            "highlights",
            "learned",
            "was-hard",
            "energy",
            "resolutions",
            "plan.centre",
            "plan.goals",
            "to-next-year"
        ]
    );
    assert_ne!(ack["response_action"], "errors", "{ack}");
    let stored = app.store.delivery_answers(delivery).await.unwrap();
    assert!(
        stored.iter().all(|a| a.question_id != "to-next-year"),
        "{stored:?}"
    );
    let plan = stored.iter().find(|a| a.question_id == "plan").unwrap();
    assert_eq!(
        Grid::from_storage(&plan.value).unwrap().centre,
        "A green 2027"
    );
    let letters = app.store.capsules_of(alice).await.unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].text, LETTER);
    let shown = inputs(&second);
    let ids: Vec<&str> = shown.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids[6..],
        [
            "plan.centre",
            "plan.goals",
            "plan.1",
            "plan.2",
            "to-next-year"
        ]
    );
    assert_eq!(
        shown.last().unwrap().1,
        LETTER,
        "the edit shows the letter to its author"
    );
    let everything: String = app
        .fake
        .calls()
        .iter()
        .filter(|c| c.method != "views.open")
        .map(|c| text_of(&c.body))
        .collect();
    assert!(
        !everything.contains("garden grow"),
        "the letter was posted: {everything}"
    );
    app.finish().await;
}

on_each_backend!(the_year_end_modal_ends_with_the_mandalart_and_a_sealed_letter);
