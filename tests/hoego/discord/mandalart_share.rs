//! A teammate's shared Mandalart on Discord (real serenity and poise against the fake): the
//! `member` user option of `/hoego mandalart` shows it with its sheet attached once it is
//! shared with the team, and says it is not shared while it is private.

use hoego::service::Interaction;
use serde_json::{Value, json};

use super::payloads::{Person, Place};
use super::prompts::{ALICE, BOB, a_round_of};
use super::{DiscordApp, content, ephemeral};
use crate::on_each_backend;
use crate::support::Backend;

/// `/hoego mandalart member:<who>`.
fn of(who: &Person) -> Value {
    let option = json!({"name": "member", "type": 6, "value": who.id});
    json!([{"name": "mandalart", "type": 1, "options": [option]}])
}

/// The names of the files a response uploaded.
fn file_names(response: &Value) -> Vec<String> {
    let files = response["_files"].as_array().cloned().unwrap_or_default();
    files
        .iter()
        .filter_map(|f| f["filename"].as_str().map(str::to_string))
        .collect()
}

async fn the_member_option_shows_a_shared_grid_and_not_a_private_one(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "mandalart").await;
    let delivery = deliveries.iter().find(|(u, _)| u == BOB).unwrap().1;
    let (alice, bob) = (Person::member(ALICE), Person::member(BOB));
    let goals = [
        ("plan.centre", "Ship the app"),
        ("plan.goals", "Launch\nHire"),
    ];
    app.submit(&bob, Place::Dm, &format!("answer:{delivery}"), &goals)
        .await;

    let private = app.slash_naming(&alice, of(&bob), &[&bob]).await;
    let share = Interaction::Text("visibility plan team".into());
    let shared = app.service.interact(&app.actor(&bob), share).await;
    let shown = app.slash_naming(&alice, of(&bob), &[&bob]).await;

    assert!(ephemeral(&private), "{private}");
    assert!(
        content(&private).contains("has not shared a Mandalart with the team."),
        "{private}"
    );
    assert!(!content(&private).contains("Ship the app"), "{private}");
    assert!(
        shared
            .reply()
            .plain_text()
            .contains("now shared with the team"),
        "{shared:?}"
    );
    assert!(ephemeral(&shown), "{shown}");
    assert!(
        content(&shown).contains("Mandalart for")
            && content(&shown).contains("shared with the team ·"),
        "{shown}"
    );
    assert!(content(&shown).contains("**Ship the app**"), "{shown}");
    let files = file_names(&shown);
    assert!(files.iter().any(|f| f.ends_with(".png")), "{files:?}");
    app.finish().await;
}

on_each_backend!(the_member_option_shows_a_shared_grid_and_not_a_private_one);
