//! A form asked in two modals keeps its first page in the database: a restart between the pages
//! loses nothing; pages kept too long are refused with everything typed given back; and a
//! question that was not on the submitted page is never saved as empty (an earlier answer to an
//! optional question is never cleared by a page that did not show it).

use std::collections::BTreeMap;

use chrono::Duration;
use hoego::domain::ids::DeliveryId;
use hoego::domain::state::DeliveryStatus;
use hoego::service::Interaction;
use hoego::service::command::Command;
use serde_json::Value;

use super::payloads::{Person, Place};
use super::prompts::{ALICE, a_round_of};
use super::{DiscordApp, content, ephemeral};
use crate::on_each_backend;
use crate::support::Backend;

/// Each input of a modal: (custom id, value shown).
fn inputs(modal: &Value) -> Vec<(String, String)> {
    let rows = modal["data"]["components"].as_array().unwrap();
    rows.iter()
        .map(|row| {
            let input = &row["components"][0];
            let value = input["value"].as_str().unwrap_or_default().to_string();
            (input["custom_id"].as_str().unwrap().to_string(), value)
        })
        .collect()
}

/// The stored answers of `delivery`, by question.
async fn stored(app: &DiscordApp, delivery: DeliveryId) -> BTreeMap<String, String> {
    let answers = app.store.delivery_answers(delivery).await.unwrap();
    answers
        .into_iter()
        .map(|a| (a.question_id, a.value))
        .collect()
}

/// `text` for each of `ids`, numbered: `"<text> q1"`.
fn typed(ids: &[&str], text: &str) -> Vec<(String, String)> {
    ids.iter()
        .map(|id| (id.to_string(), format!("{text} {id}")))
        .collect()
}

fn pairs(values: &[(String, String)]) -> Vec<(&str, &str)> {
    values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

const FIRST: [&str; 5] = ["q1", "q2", "q3", "q4", "q5"];
const SECOND: [&str; 2] = ["q6", "q7"];

/// Alice answers the first page of `delivery`'s form (opened with `opener`) with `text`.
async fn first_page(app: &DiscordApp, delivery: DeliveryId, opener: &str, text: &str) -> Value {
    let alice = Person::member(ALICE);
    app.press(&alice, Place::Dm, &format!("{opener}:{delivery}"))
        .await;
    let page = format!("answer:{delivery}@0");
    let values = typed(&FIRST, text);
    app.submit(&alice, Place::Dm, &page, &pairs(&values)).await
}

/// Alice opens the second page (Continue) and submits it with `text`: (the modal, the reply).
async fn second_page(app: &DiscordApp, delivery: DeliveryId, text: &str) -> (Value, Value) {
    let alice = Person::member(ALICE);
    let modal = app
        .press(&alice, Place::Dm, &format!("more:answer:{delivery}@1"))
        .await;
    let values = typed(&SECOND, text);
    let page = format!("answer:{delivery}@1");
    let reply = app.submit(&alice, Place::Dm, &page, &pairs(&values)).await;
    (modal, reply)
}

async fn a_restart_between_the_pages_keeps_the_first_pages_answers(backend: Backend) {
    let Some(mut app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "seven").await;
    let delivery = deliveries[0].1;
    let kept = first_page(&app, delivery, "answer", "before the restart").await;

    app.restart().await;
    let alice = Person::member(ALICE);
    let reopened = app
        .press(&alice, Place::Dm, &format!("answer:{delivery}"))
        .await;
    let (second, saved) = second_page(&app, delivery, "after the restart").await;

    assert!(
        ephemeral(&kept) && content(&kept).contains("not saved yet"),
        "{kept}"
    );
    let shown: Vec<(String, String)> = inputs(&reopened);
    assert_eq!(shown, typed(&FIRST, "before the restart"), "{reopened}");
    assert_eq!(
        second["type"], 9,
        "the second page opens after a restart: {second}"
    );
    let ids: Vec<String> = inputs(&second).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, SECOND);
    assert!(content(&saved).contains("Saved 7 answers"), "{saved}");
    let mut expected: BTreeMap<String, String> =
        typed(&FIRST, "before the restart").into_iter().collect();
    expected.extend(typed(&SECOND, "after the restart"));
    assert_eq!(stored(&app, delivery).await, expected);
    let answered = app.store.deliveries_of_team(team).await.unwrap();
    let mine = answered.iter().find(|d| d.id == delivery).unwrap();
    assert_eq!(mine.status, DeliveryStatus::Answered);
    assert_eq!(app.store.form_draft(delivery).await.unwrap(), None);
    app.finish().await;
}

async fn pages_kept_too_long_are_refused_with_everything_typed_given_back(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "seven").await;
    let delivery = deliveries[0].1;
    first_page(&app, delivery, "answer", "typed an hour ago").await;

    app.clock.advance(Duration::minutes(61));
    let (_, refused) = second_page(&app, delivery, "typed now").await;

    let text = content(&refused);
    assert!(ephemeral(&refused), "{refused}");
    assert!(text.contains("no longer kept"), "{text}");
    assert!(text.contains("Nothing was saved"), "{text}");
    for (_, value) in typed(&FIRST, "typed an hour ago")
        .iter()
        .chain(&typed(&SECOND, "typed now"))
    {
        assert!(text.contains(value.as_str()), "{value} missing from {text}");
    }
    assert!(stored(&app, delivery).await.is_empty());
    let deliveries = app.store.deliveries_of_team(team).await.unwrap();
    let mine = deliveries.iter().find(|d| d.id == delivery).unwrap();
    assert_ne!(mine.status, DeliveryStatus::Answered);
    assert_eq!(app.store.form_draft(delivery).await.unwrap(), None);
    app.finish().await;
}

async fn an_earlier_answer_not_on_the_submitted_page_is_never_cleared(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "optional-seven").await;
    let delivery = deliveries[0].1;
    first_page(&app, delivery, "answer", "first").await;
    let (_, saved) = second_page(&app, delivery, "first").await;
    assert!(content(&saved).contains("Saved 7 answers"), "{saved}");
    let answered = stored(&app, delivery).await;

    first_page(&app, delivery, "edit", "edited").await;
    app.clock.advance(Duration::minutes(61));
    let (_, refused) = second_page(&app, delivery, "edited").await;

    assert!(content(&refused).contains("no longer kept"), "{refused}");
    assert_eq!(answered.len(), 7);
    assert_eq!(
        stored(&app, delivery).await,
        answered,
        "no answer was cleared or changed by a page submitted alone"
    );
    app.finish().await;
}

async fn forget_me_forgets_a_form_being_filled_in_memory_and_in_the_database(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "seven").await;
    let delivery = deliveries[0].1;
    first_page(&app, delivery, "answer", "typed before forgetting").await;
    assert!(app.store.form_draft(delivery).await.unwrap().is_some());

    let alice = Person::member(ALICE);
    let forget = Interaction::Command(Command::ForgetMe { confirmed: true });
    let forgotten = app.service.interact(&app.actor(&alice), forget).await;
    assert!(
        forgotten.into_reply().plain_text().contains("I deleted"),
        "forget-me confirmed"
    );
    let more = app
        .press(&alice, Place::Dm, &format!("more:answer:{delivery}@1"))
        .await;

    assert_ne!(
        more["type"], 9,
        "no page of the form is shown from memory after forget-me: {more}"
    );
    assert!(
        !more.to_string().contains("typed before forgetting"),
        "{more}"
    );
    assert_eq!(app.store.form_draft(delivery).await.unwrap(), None);
    app.finish().await;
}

on_each_backend!(
    forget_me_forgets_a_form_being_filled_in_memory_and_in_the_database,
    a_restart_between_the_pages_keeps_the_first_pages_answers,
    pages_kept_too_long_are_refused_with_everything_typed_given_back,
    an_earlier_answer_not_on_the_submitted_page_is_never_cleared,
);
