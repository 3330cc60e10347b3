//! Answer → modal → submit → stored, then acknowledged; seven questions in two modals; the
//! database gone during a submit gives the member their text back.

use crate::on_each_backend;
use crate::support::Backend;
use std::sync::{Arc, Mutex};

use hoego::domain::ids::DeliveryId;
use hoego::domain::state::DeliveryStatus;
use serde_json::Value;

use super::fake::Observer;
use super::payloads::{Person, Place, sub};
use super::prompts::{ALICE, a_round_of};
use super::{DiscordApp, content, ephemeral, mentions_disabled};

/// A message response, or a deferral edited into one.
fn acknowledged(response: &Value) -> bool {
    response["type"] == 4 || response["type"] == 5
}

fn inputs(modal: &Value) -> Vec<String> {
    modal["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row["components"][0]["custom_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// What the database held at the moment each response to an interaction reached Discord:
/// (the response body, how many answers `delivery` had stored then).
type Seen = Arc<Mutex<Vec<(Value, usize)>>>;

/// Watches every interaction response (initial or edited) as it arrives at the fake, reading
/// the stored answers of `delivery` before the fake lets the response through.
fn answers_seen_at_each_response(app: &DiscordApp, delivery: DeliveryId) -> Seen {
    let seen: Seen = Arc::default();
    for path in ["/callback", "/messages/@original"] {
        let (store, seen) = (app.store.clone(), seen.clone());
        let observer: Observer = Arc::new(move |request| {
            let (store, seen) = (store.clone(), seen.clone());
            Box::pin(async move {
                let stored = store
                    .delivery_answers(delivery)
                    .await
                    .map_or(0, |a| a.len());
                seen.lock().unwrap().push((request.body, stored));
            })
        });
        app.fake.observe(path, observer);
    }
    seen
}

/// The built-in weekly's questions, as a modal's inputs.
const WEEKLY_IDS: [&str; 5] = [
    "went-well",
    "was-hard",
    "next-week",
    "mood",
    "turning-point",
];

/// What a test types into input `id`: `text`, or a point of the scale for the mood.
fn typed<'a>(id: &str, text: &'a str) -> &'a str {
    if id == "mood" { "4" } else { text }
}

/// The text of a response body: a callback's message, or an edit.
fn said(body: &Value) -> &str {
    body["data"]["content"]
        .as_str()
        .or(body["content"].as_str())
        .unwrap_or_default()
}

async fn answer_opens_a_modal_whose_submit_is_stored_before_it_is_acknowledged(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "weekly").await;
    app.sender().step().await.unwrap();
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;
    let seen = answers_seen_at_each_response(&app, delivery);

    let modal = app
        .press(&alice, Place::Dm, &format!("answer:{delivery}"))
        .await;
    let ids = inputs(&modal);
    let values: Vec<(&str, &str)> = ids
        .iter()
        .map(|id| (id.as_str(), typed(id, "Shipped the release")))
        .collect();
    let ack = app
        .submit(&alice, Place::Dm, &format!("answer:{delivery}"), &values)
        .await;

    assert_eq!(modal["type"], 9, "{modal}");
    assert_eq!(modal["data"]["custom_id"], format!("answer:{delivery}"));
    assert_eq!(ids, WEEKLY_IDS);
    assert!(acknowledged(&ack), "{ack}");
    assert!(ephemeral(&ack) && mentions_disabled(&ack["data"]), "{ack}");
    assert!(content(&ack).contains("Saved 5 answers"), "{ack}");
    let seen = seen.lock().unwrap().clone();
    let saying_saved: Vec<usize> = seen
        .iter()
        .filter(|(body, _)| said(body).contains("Saved"))
        .map(|(_, stored)| *stored)
        .collect();
    assert_eq!(
        saying_saved,
        [5],
        "committed before \"saved\" left: {seen:?}"
    );
    let answered = app.store.deliveries_of_team(team).await.unwrap();
    let mine = answered.iter().find(|d| d.id == delivery).unwrap();
    assert_eq!(mine.status, DeliveryStatus::Answered);
    app.finish().await;
}

async fn seven_questions_are_asked_in_two_modals_and_saved_together(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "seven").await;
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;

    let first = app
        .press(&alice, Place::Dm, &format!("answer:{delivery}"))
        .await;
    let first_ids = inputs(&first);
    let values: Vec<(&str, &str)> = first_ids
        .iter()
        .map(|id| (id.as_str(), "first part"))
        .collect();
    let kept = app
        .submit(&alice, Place::Dm, &format!("answer:{delivery}@0"), &values)
        .await;
    let more = kept["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let second = app.press(&alice, Place::Dm, &more).await;
    let second_ids = inputs(&second);
    let values: Vec<(&str, &str)> = second_ids
        .iter()
        .map(|id| (id.as_str(), "second part"))
        .collect();
    let saved = app
        .submit(&alice, Place::Dm, &format!("answer:{delivery}@1"), &values)
        .await;

    assert_eq!(first["data"]["custom_id"], format!("answer:{delivery}@0"));
    assert_eq!(first_ids, ["q1", "q2", "q3", "q4", "q5"]);
    assert!(
        ephemeral(&kept) && content(&kept).contains("not saved yet"),
        "{kept}"
    );
    assert_eq!(more, format!("more:answer:{delivery}@1"));
    assert_eq!(second["type"], 9, "{second}");
    assert_eq!(second_ids, ["q6", "q7"]);
    assert!(content(&saved).contains("Saved 7 answers"), "{saved}");
    let answered = app.store.deliveries_of_team(team).await.unwrap();
    assert_eq!(
        answered.iter().find(|d| d.id == delivery).unwrap().status,
        DeliveryStatus::Answered
    );
    app.finish().await;
}

async fn when_the_database_is_gone_during_a_submit_the_member_gets_their_text_back(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;
    let modal = app
        .press(&alice, Place::Dm, &format!("answer:{delivery}"))
        .await;
    let ids = inputs(&modal);

    app.store.close().await;
    let typed = [
        (ids[0].as_str(), "We finally fixed the flaky deploy"),
        (ids[1].as_str(), "Too many meetings on Tuesday"),
        (ids[2].as_str(), "Write the migration guide"),
    ];
    let ack = app
        .submit(&alice, Place::Dm, &format!("answer:{delivery}"), &typed)
        .await;

    assert!(acknowledged(&ack), "{ack}");
    assert!(ephemeral(&ack));
    let text = content(&ack);
    for (_, value) in typed {
        assert!(text.contains(value), "{value} missing from {text}");
    }
    app.finish().await;
}

async fn a_slow_commit_is_acknowledged_at_once_and_answered_once_it_is_saved(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;
    let modal = app
        .press(&alice, Place::Dm, &format!("answer:{delivery}"))
        .await;
    let ids = inputs(&modal);
    let values: Vec<(&str, &str)> = ids
        .iter()
        .map(|id| (id.as_str(), typed(id, "slow day")))
        .collect();
    let lock = app.db.hold_writes("deliveries").await;

    let form = format!("answer:{delivery}");
    let (ack, ()) = tokio::join!(app.submit(&alice, Place::Dm, &form, &values), async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        lock.release().await;
    });

    assert_eq!(ack["type"], 5, "deferred while the commit waited: {ack}");
    assert!(ephemeral(&ack), "{ack}");
    assert!(content(&ack).contains("Saved 5 answers"), "{ack}");
    app.finish().await;
}

async fn slash_answer_opens_the_same_modal_as_the_button(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;

    let modal = app.slash(&alice, sub("answer", &[])).await;

    assert_eq!(modal["type"], 9, "{modal}");
    assert_eq!(modal["data"]["custom_id"], format!("answer:{delivery}"));
    assert_eq!(inputs(&modal), WEEKLY_IDS);
    app.finish().await;
}

async fn a_refused_answer_is_explained_and_the_form_reopens_with_what_was_typed(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;
    let alice = Person::member(ALICE);
    let delivery = deliveries[0].1;
    let form = format!("answer:{delivery}");
    app.press(&alice, Place::Dm, &form).await;

    let values = [
        ("went-well", "   "),
        ("was-hard", "Reviews took long"),
        ("next-week", "Pair more"),
    ];
    let refused = app.submit(&alice, Place::Dm, &form, &values).await;
    let fix = refused["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let reopened = app.press(&alice, Place::Dm, &fix).await;

    assert!(content(&refused).contains("Nothing was saved"), "{refused}");
    assert_eq!(fix, format!("more:{form}@0"));
    assert_eq!(reopened["type"], 9, "{reopened}");
    let rows = reopened["data"]["components"].as_array().unwrap();
    assert!(
        rows[0]["components"][0]["label"]
            .as_str()
            .unwrap()
            .starts_with('⚠')
    );
    assert_eq!(rows[1]["components"][0]["value"], "Reviews took long");
    app.finish().await;
}

on_each_backend!(
    answer_opens_a_modal_whose_submit_is_stored_before_it_is_acknowledged,
    seven_questions_are_asked_in_two_modals_and_saved_together,
    when_the_database_is_gone_during_a_submit_the_member_gets_their_text_back,
    a_slow_commit_is_acknowledged_at_once_and_answered_once_it_is_saved,
    slash_answer_opens_the_same_modal_as_the_button,
    a_refused_answer_is_explained_and_the_form_reopens_with_what_was_typed,
);
