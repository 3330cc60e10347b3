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

/// `/hoego mandalart` with `team`, `write` and `year` options.
fn team_options(write: bool) -> Value {
    let mut options = vec![
        json!({"name": "year", "type": 4, "value": 2027}),
        json!({"name": "team", "type": 5, "value": true}),
    ];
    if write {
        options.push(json!({"name": "write", "type": 5, "value": true}));
    }
    json!([{"name": "mandalart", "type": 1, "options": options}])
}

/// Each input's custom id in a modal response.
fn input_ids(modal: &Value) -> Vec<String> {
    let rows = modal["data"]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .filter_map(|row| {
            row["components"][0]["custom_id"]
                .as_str()
                .map(str::to_string)
        })
        .collect()
}

async fn an_admin_writes_the_team_mandalart_in_modals_of_five_inputs(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let (admin, member) = (Person::admin("6000"), Person::member(ALICE));

    let refused = app.slash(&member, team_options(true)).await;
    let first = app.slash(&admin, team_options(true)).await;
    let goals = [
        ("team.centre", "Ship it"),
        ("team.goals", "Launch\nHire\nLearn\nRest\nPlay\nHelp"),
    ];
    let form = "team-grid:2027:0";
    let saved = app.submit(&admin, Place::Guild, form, &goals).await;
    let second = app.press(&admin, Place::Guild, "team-grid:2027:2").await;
    let shown = app.slash(&member, team_options(false)).await;

    assert!(ephemeral(&refused), "{refused}");
    assert!(content(&refused).starts_with("Only admins of"), "{refused}");
    assert_eq!(first["type"], 9, "a modal: {first}");
    assert_eq!(input_ids(&first), ["team.centre", "team.goals"]);
    assert!(content(&saved).contains("7 of 73 cells written"), "{saved}");
    assert_eq!(second["type"], 9, "a modal: {second}");
    assert_eq!(
        input_ids(&second),
        ["team.1", "team.2", "team.3", "team.4", "team.5"]
    );
    assert!(
        content(&shown).starts_with("**The team's Mandalart for 2027** · 7 of 73 cells"),
        "{shown}"
    );
    assert!(file_names(&shown).iter().any(|f| f.ends_with(".png")));
    app.finish().await;
}

on_each_backend!(an_admin_writes_the_team_mandalart_in_modals_of_five_inputs);
