//! `/hoego capsule write|list` through serenity + poise against the fake Discord: the letter is
//! written in a modal, sealed, listed without its words, and on its day sent back by DM once —
//! not again by the next step or after a restart.

use serde_json::{Value, json};

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::world::utc;

use super::payloads::{Person, Place, sub};
use super::{DiscordApp, content, ephemeral, mentions_disabled};

const LETTER: &str = "Dear me, did you keep running?";

/// A subcommand of the `capsule` group.
fn capsule(name: &str, options: &[(&str, Value)]) -> Value {
    json!([{"name": "capsule", "type": 2, "options": sub(name, options)}])
}

/// The messages posted in DM channels so far: (path, body).
fn dms(app: &DiscordApp) -> Vec<Value> {
    app.fake
        .requests_to("POST", "/channels/")
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .map(|r| r.body)
        .collect()
}

async fn a_letter_is_written_in_a_modal_and_sent_back_once_by_dm(backend: Backend) {
    let Some(mut app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    app.registered().await;

    let modal = app
        .slash(&mina, capsule("write", &[("until", json!("2026-12-28"))]))
        .await;
    let custom_id = modal["data"]["custom_id"].as_str().unwrap_or_default();
    let sealed = app
        .submit(&mina, Place::Guild, custom_id, &[("letter", LETTER)])
        .await;
    let bad = app
        .slash(&mina, capsule("write", &[("until", json!("28.12.2026"))]))
        .await;
    let listed = app.slash(&mina, capsule("list", &[])).await;
    app.clock.set(utc(2026, 12, 27, 23, 0));
    let early = app.sender().step().await.unwrap();
    app.clock.set(utc(2026, 12, 28, 0, 0));
    let opened = app.sender().step().await.unwrap();
    let again = app.sender().step().await.unwrap();
    app.restart().await;
    let restarted = app.sender().step().await.unwrap();

    assert_eq!(modal["type"], 9, "a modal opens: {modal}");
    assert_eq!(custom_id, "capsule:2026-12-28");
    assert_eq!(modal["data"]["title"], "A letter for 28 Dec 2026");
    let input = &modal["data"]["components"][0]["components"][0];
    assert_eq!(input["custom_id"], "letter");
    assert_eq!(input["label"], "Your letter");
    assert!(
        content(&sealed).starts_with("Sealed until 28 Dec 2026 (the day you chose)."),
        "{sealed}"
    );
    assert!(ephemeral(&sealed), "{sealed}");
    assert!(content(&bad).contains("28.12.2026"), "{bad}");
    assert!(
        content(&bad).contains("/hoego capsule write until:2027-12-31")
            || content(&bad).contains("capsule write until 2027-12-31"),
        "{bad}"
    );
    let list = content(&listed);
    assert!(
        list.contains("1. written 1 Dec 2026 · sealed until 28 Dec 2026"),
        "{list}"
    );
    assert!(!list.contains(LETTER), "{list}");
    assert_eq!(
        (
            early.letters,
            opened.letters,
            again.letters,
            restarted.letters
        ),
        (0, 1, 0, 0)
    );
    let sent = dms(&app);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0]["content"],
        format!("**A letter from 1 Dec 2026**\n\n{LETTER}")
    );
    assert!(mentions_disabled(&sent[0]), "{}", sent[0]);
    assert_eq!(app.fake.requests_to("POST", "/users/@me/channels").len(), 1);
    app.finish().await;
}

async fn a_letter_is_deleted_by_its_number_with_the_delete_subcommand(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    app.registered().await;
    let modal = app
        .slash(&mina, capsule("write", &[("until", json!("2026-12-28"))]))
        .await;
    let custom_id = modal["data"]["custom_id"].as_str().unwrap_or_default();
    app.submit(&mina, Place::Guild, custom_id, &[("letter", LETTER)])
        .await;

    let none = app
        .slash(&mina, capsule("delete", &[("n", json!(2))]))
        .await;
    let deleted = app
        .slash(&mina, capsule("delete", &[("n", json!(1))]))
        .await;
    let listed = app.slash(&mina, capsule("list", &[])).await;

    assert_eq!(
        content(&none),
        "You have no letter 2: `/hoego capsule list` numbers your letters from 1 to 1."
    );
    assert!(ephemeral(&deleted), "{deleted}");
    assert!(
        content(&deleted).starts_with(
            "Deleted letter 1, written 1 Dec 2026 and sealed until 28 Dec 2026. It is gone for good"
        ),
        "{deleted}"
    );
    assert!(
        content(&listed).starts_with("You have no letters yet."),
        "{listed}"
    );
    app.finish().await;
}

on_each_backend!(
    a_letter_is_written_in_a_modal_and_sent_back_once_by_dm,
    a_letter_is_deleted_by_its_number_with_the_delete_subcommand,
);
