//! Autocomplete (interaction type 4) answered with suggestions (callback type 8): time zones in
//! `/hoego settings`, template names in `/hoego schedule add`.

use crate::on_each_backend;
use crate::support::Backend;
use serde_json::Value;

use super::DiscordApp;
use super::payloads::{Person, autocomplete, schedule_autocomplete};

/// Dispatches an autocomplete interaction and returns the bot's callback.
async fn suggested(app: &DiscordApp, interaction: Value, id: u64) -> Value {
    app.registered().await;
    app.fake.dispatch("INTERACTION_CREATE", interaction);
    let path = format!("/interactions/{id}/");
    let answered = app.fake.wait_for("POST", &path, 1).await;
    answered[0].body.clone()
}

/// The values of a callback's choices, in order.
fn values(callback: &Value) -> Vec<String> {
    callback["data"]["choices"]
        .as_array()
        .unwrap_or_else(|| panic!("no choices: {callback}"))
        .iter()
        .map(|c| c["value"].as_str().unwrap().to_string())
        .collect()
}

async fn time_zones_are_suggested_as_they_are_typed(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let typed = autocomplete(91, &Person::member("6001"), "settings", "tz", "seoul");

    let callback = suggested(&app, typed, 91).await;

    assert_eq!(callback["type"], 8, "{callback}");
    assert_eq!(values(&callback), ["Asia/Seoul"]);
    app.finish().await;
}

async fn template_names_containing_what_was_typed_are_suggested_whatever_the_case(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let admin = Person::admin("6001");
    let typed = schedule_autocomplete(92, &admin, "add", "template", "S");

    let callback = suggested(&app, typed, 92).await;

    assert_eq!(callback["type"], 8, "{callback}");
    assert_eq!(
        values(&callback),
        [
            "4ls",
            "mad-sad-glad",
            "optional-seven",
            "seven",
            "start-stop-continue"
        ]
    );
    let first = &callback["data"]["choices"][0];
    assert_eq!(first["name"], "4ls", "{callback}");
    app.finish().await;
}

async fn every_template_is_suggested_before_anything_is_typed(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let typed = schedule_autocomplete(93, &Person::member("6002"), "add", "template", "");

    let callback = suggested(&app, typed, 93).await;

    assert_eq!(
        values(&callback),
        [
            "4ls",
            "kpt",
            "mad-sad-glad",
            "mandalart",
            "optional-seven",
            "quarterly",
            "seven",
            "start-stop-continue",
            "weekly",
            "year-end"
        ]
    );
    app.finish().await;
}

async fn a_template_nobody_has_gets_no_suggestion(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let typed = schedule_autocomplete(94, &Person::admin("6001"), "add", "template", "zzz");

    let callback = suggested(&app, typed, 94).await;

    assert_eq!(callback["type"], 8, "{callback}");
    assert_eq!(values(&callback), Vec::<String>::new());
    app.finish().await;
}

on_each_backend!(
    time_zones_are_suggested_as_they_are_typed,
    template_names_containing_what_was_typed_are_suggested_whatever_the_case,
    every_template_is_suggested_before_anything_is_typed,
    a_template_nobody_has_gets_no_suggestion,
);
