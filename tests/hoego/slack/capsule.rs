//! `/hoego capsule write` on Slack (real slack-morphism against the fake): the letter is written
//! in a modal (an empty one refused under its input), sealed, and on its day sent back by DM
//! once — not again by the next step or after a restart.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::payloads::{self, ALICE};
use super::{SlackApp, text_of};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::world::utc;

const LETTER: &str = "Dear me, is the garden growing?";

/// Waits for a `chat.postMessage` whose text holds `wanted`; its body.
async fn posted(app: &SlackApp, wanted: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = app
            .fake
            .calls_of("chat.postMessage")
            .into_iter()
            .chain(app.fake.calls_of("response_url"))
            .find(|c| text_of(&c.body).contains(wanted));
        if let Some(call) = found {
            return call.body;
        }
        assert!(
            Instant::now() < deadline,
            "nothing said {wanted:?}: {:?}",
            app.fake.calls()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn letters_in_dms(app: &SlackApp) -> usize {
    app.fake
        .calls_of("chat.postMessage")
        .iter()
        .filter(|c| text_of(&c.body).contains(LETTER))
        .count()
}

async fn a_letter_is_written_in_a_modal_and_sent_back_once_by_dm(backend: Backend) {
    let Some(mut app) = SlackApp::start(backend).await else {
        return;
    };
    app.command(&ALICE, "capsule write until 2026-12-28").await;
    let opened = app.fake.wait_for("views.open", 1).await.remove(0).body;
    let submit = |values: &[(&str, &str)]| {
        let submission = payloads::submission(&ALICE, &opened, values);
        app.fake.envelope("interactive", submission)
    };
    let (refused, _) = app.fake.ack(&submit(&[("letter", "  ")])).await;
    let (accepted, _) = app.fake.ack(&submit(&[("letter", LETTER)])).await;
    let sealed = posted(&app, "Sealed until 28 Dec 2026").await;
    app.clock.set(utc(2026, 12, 28, 0, 0));
    let opened_now = app.sender().step().await.unwrap();
    let again = app.sender().step().await.unwrap();
    app.restart().await;
    let restarted = app.sender().step().await.unwrap();

    assert_eq!(opened["view"]["title"]["text"], "A letter for 28 Dec 2026");
    let blocks = opened["view"]["blocks"].as_array().unwrap();
    assert!(blocks.iter().any(|b| b["block_id"] == "letter"), "{opened}");
    assert_eq!(refused["response_action"], "errors", "{refused}");
    assert_eq!(
        refused["errors"]["letter"],
        "The letter is empty: write a few words to your future self."
    );
    assert!(accepted.get("response_action").is_none(), "{accepted}");
    assert!(!text_of(&sealed).contains(LETTER), "{sealed}");
    assert_eq!(
        (opened_now.letters, again.letters, restarted.letters),
        (1, 0, 0)
    );
    assert_eq!(letters_in_dms(&app), 1);
    let letter = posted(&app, LETTER).await;
    assert!(
        text_of(&letter).starts_with("*A letter from 1 Dec 2026*")
            || text_of(&letter).contains("A letter from 1 Dec 2026"),
        "{letter}"
    );
    // The seal's confirmation went to Alice's id and named her DM, which the letter reused.
    assert_eq!(app.fake.calls_of("conversations.open").len(), 0);
    app.finish().await;
}

on_each_backend!(a_letter_is_written_in_a_modal_and_sent_back_once_by_dm);
