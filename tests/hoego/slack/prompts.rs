//! Prompts as Block Kit DMs with Answer and Skip; Answer → `views.open` → per-field errors →
//! stored, committed before the acknowledgement closes the modal; a 429 honoured with no duplicate; text people type never mentions anyone.

use std::sync::{Arc, Mutex};

use crate::on_each_backend;
use crate::support::Backend;
use chrono::Duration;
use hoego::domain::state::DeliveryStatus;
use hoego::service::Interaction;
use hoego::service::ids::FormId;
use serde_json::{Value, json};

use super::fake::Observer;
use super::payloads::{self, ALICE, BOB};
use super::rounds::{a_round, actor, delivery_of, pressed_answer};
use super::{SlackApp, buttons, text_of};

async fn a_round_sends_each_member_a_block_kit_dm_with_answer_and_skip(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = a_round(&app).await;

    let step = app.sender().step().await.unwrap();

    assert_eq!(step.sent, 2);
    let opened = app.fake.calls_of("conversations.open");
    assert!(opened.is_empty(), "posted to the member's id: {opened:?}");
    for who in [&ALICE, &BOB] {
        let id = delivery_of(&deliveries, who).0;
        let posts: Vec<Value> = app
            .fake
            .calls_of("chat.postMessage")
            .into_iter()
            .filter(|c| c.answer["channel"] == json!(format!("D{}", who.id)))
            .map(|c| c.body)
            .collect();
        assert_eq!(posts.len(), 1, "one prompt to {}", who.id);
        assert_eq!(
            buttons(&posts[0]),
            vec![format!("answer:{id}"), format!("skip:{id}")]
        );
        assert!(text_of(&posts[0]).contains("went well"), "{}", posts[0]);
    }
    app.finish().await;
}

async fn answer_opens_a_modal_refuses_per_field_and_stores_a_good_submission(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = a_round(&app).await;
    app.sender().step().await.unwrap();
    let delivery = delivery_of(&deliveries, &ALICE);
    let channel = format!("D{}", ALICE.id);

    let seen: Arc<Mutex<Vec<(Value, usize)>>> = Arc::default();
    let (store, log) = (app.store.clone(), seen.clone());
    let observer: Observer = Arc::new(move |ack| {
        let (store, log) = (store.clone(), log.clone());
        Box::pin(async move {
            let stored = store
                .delivery_answers(delivery)
                .await
                .map_or(0, |a| a.len());
            log.lock()
                .unwrap()
                .push((ack["envelope_id"].clone(), stored));
        })
    });
    app.fake.observe("ack", observer);

    let (pressed, opened) = pressed_answer(&app, &ALICE, delivery).await;
    let empty = payloads::submission(
        &ALICE,
        &opened,
        &[
            ("went-well", ""),
            ("was-hard", "x"),
            ("next-week", "a"),
            ("mood", "9"),
        ],
    );
    let (refused, _) = app.fake.ack(&app.fake.envelope("interactive", empty)).await;
    let good = payloads::submission(
        &ALICE,
        &opened,
        &[
            ("went-well", "Shipped <!channel> @here"),
            ("was-hard", "Flaky CI"),
            ("next-week", "Fix CI\nDocs"),
            ("mood", "3"),
            ("turning-point", ""),
        ],
    );
    let good = app.fake.envelope("interactive", good);
    let (saved, _) = app.fake.ack(&good).await;

    assert_eq!(pressed, Value::Null, "a press is acknowledged bare");
    assert!(
        opened["trigger_id"]
            .as_str()
            .unwrap()
            .starts_with("trigger-")
    );
    let blocks = opened["view"]["blocks"].as_array().unwrap();
    let inputs: Vec<&str> = blocks
        .iter()
        .filter(|b| b["type"] == "input")
        .map(|b| b["block_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        inputs,
        [
            "went-well",
            "was-hard",
            "next-week",
            "mood",
            "turning-point"
        ]
    );
    assert_eq!(opened["view"]["title"]["text"], "Weekly retrospective");
    assert_eq!(
        blocks[0]["text"]["text"], "*Weekly retrospective · 2026-12-01*",
        "the whole title above the questions"
    );
    assert_eq!(refused["response_action"], "errors", "{refused}");
    assert!(refused["errors"]["went-well"].is_string(), "{refused}");
    assert!(refused["errors"]["mood"].is_string(), "{refused}");
    assert!(saved.is_null() || saved == json!({}), "{saved}");
    let at_ack: Vec<usize> = seen
        .lock()
        .unwrap()
        .iter()
        .filter(|(id, _)| *id == json!(good))
        .map(|(_, stored)| *stored)
        .collect();
    assert_eq!(
        at_ack,
        [4],
        "committed before the acknowledgement closed the modal"
    );
    let stored = app
        .store
        .deliveries_of_team(app.store.all_teams().await.unwrap()[0].id)
        .await
        .unwrap();
    let status = stored.iter().find(|d| d.id == delivery).unwrap().status;
    assert_eq!(status, DeliveryStatus::Answered);
    let confirmed = app.fake.wait_for("chat.postMessage", 3).await;
    let confirmation = &confirmed[2].body;
    assert_eq!(confirmation["channel"], json!(channel), "{confirmation}");
    assert!(
        buttons(confirmation).iter().all(|b| b.starts_with("edit:")),
        "{confirmation}"
    );

    let (_, _, url) = app.command(&ALICE, "recap").await;
    let recap = app.answer_at(&url).await.body.to_string();
    assert!(recap.contains("Shipped"), "{recap}");
    assert!(
        !recap.contains("<!channel>") && !recap.contains("@here"),
        "{recap}"
    );
    assert!(recap.contains("&lt;!channel&gt;"), "{recap}");
    app.finish().await;
}

async fn a_429_is_honoured_after_its_retry_after_and_nothing_is_posted_twice(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = a_round(&app).await;
    app.fake
        .fail_next("chat.postMessage", 429, "ratelimited", Some(1));

    let first = app.sender().step().await.unwrap();
    let too_early = app.sender().step().await.unwrap();
    app.clock.advance(Duration::seconds(2));
    let later = app.sender().step().await.unwrap();

    assert_eq!(
        (first.sent, first.rate_limited, too_early.sent, later.sent),
        (1, 1, 0, 1)
    );
    for (user, _) in &deliveries {
        let delivered: Vec<_> = app
            .fake
            .calls_of("chat.postMessage")
            .into_iter()
            .filter(|c| c.status == 200 && c.answer["channel"] == json!(format!("D{user}")))
            .collect();
        assert_eq!(delivered.len(), 1, "exactly one DM reached {user}");
    }
    app.finish().await;
}

async fn when_the_database_is_gone_the_modal_stays_open_with_everything_typed(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = a_round(&app).await;
    app.sender().step().await.unwrap();
    let delivery = delivery_of(&deliveries, &ALICE);
    let (_, opened) = pressed_answer(&app, &ALICE, delivery).await;

    app.store.close().await;
    let typed = [
        ("went-well", "A long careful answer"),
        ("was-hard", "x"),
        ("next-week", "y"),
    ];
    let submit = payloads::submission(&ALICE, &opened, &typed);
    let (ack, latency) = app
        .fake
        .ack(&app.fake.envelope("interactive", submit))
        .await;

    assert_eq!(ack["response_action"], "errors", "{ack}");
    let message = ack["errors"]["went-well"].as_str().unwrap();
    assert!(message.contains("still here"), "{message}");
    assert!(
        latency < std::time::Duration::from_secs(3),
        "acknowledged after {latency:?}"
    );
    app.finish().await;
}

async fn an_export_answers_through_the_response_url_and_uploads_its_files_to_the_dm(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let deliveries = a_round(&app).await;
    let delivery = delivery_of(&deliveries, &ALICE);
    let form = FormId::Answer(delivery);
    let values = vec![
        ("went-well".to_string(), "Paired on the parser".to_string()),
        ("was-hard".to_string(), "Naming".to_string()),
        ("next-week".to_string(), "Ship it".to_string()),
    ];
    let submit = Interaction::Submit(form, values);
    app.service.interact(&actor(&ALICE, false), submit).await;

    let (_, _, url) = app.command(&ALICE, "export").await;
    let answered = app.answer_at(&url).await;
    let completed = app.fake.wait_for("files.completeUploadExternal", 2).await;

    assert!(!text_of(&answered.body).is_empty());
    for call in &completed {
        assert_eq!(
            call.body["channel_id"],
            json!(format!("D{}", ALICE.id)),
            "{}",
            call.body
        );
    }
    let uploads = app.fake.uploads();
    let markdown = uploads
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes).to_string())
        .find(|text| text.contains("Paired on the parser") && !text.trim_start().starts_with('{'));
    assert!(
        markdown.is_some(),
        "the Markdown export arrived whole: {uploads:?}"
    );
    app.finish().await;
}

on_each_backend!(
    a_round_sends_each_member_a_block_kit_dm_with_answer_and_skip,
    answer_opens_a_modal_refuses_per_field_and_stores_a_good_submission,
    a_429_is_honoured_after_its_retry_after_and_nothing_is_posted_twice,
    when_the_database_is_gone_the_modal_stays_open_with_everything_typed,
    an_export_answers_through_the_response_url_and_uploads_its_files_to_the_dm,
);
