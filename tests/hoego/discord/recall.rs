//! "Then vs now" on Discord (real serenity and poise against the fake): last year's answer is
//! the placeholder of its author's input in the modal only they see, and under its question in
//! a prompt sent by DM — not in the prompt posted in the channel's thread, not in another
//! member's modal (nor when another member presses the author's button in the thread), not in
//! the round's digest.

use hoego::domain::visibility::Visibility;
use hoego::service::Interaction;
use hoego::service::ids::FormId;
use serde_json::{Value, json};

use super::payloads::{Person, Place, sub};
use super::prompts::{ALICE, BOB, a_round_of};
use super::{DiscordApp, content};
use crate::on_each_backend;
use crate::recall::earlier_round;
use crate::support::Backend;
use crate::support::chat::YEAR_END;

const THEN: &str = "Ship small";

/// The placeholder of the modal input `id`, if the response is a modal holding it.
fn placeholder(modal: &Value, id: &str) -> Option<String> {
    let rows = modal["data"]["components"].as_array()?;
    let input = rows
        .iter()
        .map(|row| &row["components"][0])
        .find(|input| input["custom_id"] == id)?;
    input["placeholder"].as_str().map(str::to_string)
}

async fn last_years_answer_shows_only_in_its_authors_modal(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let (alice, bob) = (Person::member(ALICE), Person::member(BOB));
    // Alice takes her prompts in the schedule channel's thread, where the team reads along.
    app.slash(&alice, sub("settings", &[("delivery", json!(1))]))
        .await;
    let (team, deliveries) = a_round_of(&app, "year-end").await;
    let (_, member) = app.service.identify(&app.actor(&alice)).await.unwrap();
    let then = chrono::NaiveDate::from_ymd_opt(2025, 12, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let (_, bobs) = app.service.identify(&app.actor(&bob)).await.unwrap();
    let answers = [
        (member.id, "learned", THEN, Visibility::Team),
        (bobs.id, "learned", "Ask for help", Visibility::Team),
    ];
    earlier_round(&app.store, team, ("year-end", YEAR_END), then, &answers).await;
    let of = |user: &str| deliveries.iter().find(|(u, _)| u == user).unwrap().1;
    let (hers, his) = (
        format!("answer:{}", of(ALICE)),
        format!("answer:{}", of(BOB)),
    );

    let sent = app.sender().step().await.unwrap();
    let her_modal = app.press(&alice, Place::Guild, &hers).await;
    let his_modal = app.press(&bob, Place::Dm, &his).await;
    let pressed_hers = app.press(&bob, Place::Guild, &hers).await;
    let values = [
        ("periods", "All"),
        ("highlights", "A trip"),
        ("learned", "Write it down"),
        ("energy", "4"),
        ("resolutions", "Run"),
    ];
    let submit = Interaction::Submit(FormId::Answer(of(ALICE)), to_owned(&values));
    app.service.interact(&app.actor(&alice), submit).await;
    let round = app.store.delivery_round(of(ALICE)).await.unwrap().unwrap();
    let messenger = app.bot.as_ref().unwrap().messenger();
    app.service
        .post_digest(round.round_id, messenger.as_ref())
        .await
        .unwrap();

    assert_eq!(sent.sent, 2);
    assert_eq!(her_modal["type"], 9, "{her_modal}");
    assert_eq!(
        placeholder(&her_modal, "learned").as_deref(),
        Some("A year ago you wrote: Ship small")
    );
    assert_eq!(his_modal["type"], 9, "{his_modal}");
    assert_eq!(
        placeholder(&his_modal, "learned").as_deref(),
        Some("A year ago you wrote: Ask for help")
    );
    // Bob's prompt is a DM: it quotes his own answer under the question, and nothing else.
    let dm = app
        .fake
        .requests_to("POST", &format!("/channels/7{BOB}/messages"));
    let dm = dm[0].body["content"].as_str().unwrap().to_string();
    assert!(
        dm.contains("3. What did 2026 teach you?\n    ↺ A year ago you wrote: Ask for help"),
        "{dm}"
    );
    assert_ne!(pressed_hers["type"], 9, "{pressed_hers}");
    assert!(
        content(&pressed_hers).contains("not yours"),
        "{pressed_hers}"
    );
    let posted: Vec<_> = app.fake.requests_to("POST", "/messages");
    assert!(
        posted
            .iter()
            .any(|r| r.body.to_string().contains("Write it down"))
    );
    let shown: Vec<String> = app
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.body.to_string().contains(THEN))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(shown.len(), 1, "only Alice's modal: {shown:?}");
    assert!(shown[0].ends_with("/callback"), "{shown:?}");
    app.finish().await;
}

fn to_owned(values: &[(&str, &str)]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

on_each_backend!(last_years_answer_shows_only_in_its_authors_modal);
