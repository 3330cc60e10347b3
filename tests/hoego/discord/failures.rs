//! A command that fails inside (here: Discord refuses its reply once with a 500): the member is
//! told, ephemerally and in their language, that something went wrong on our side, with a
//! reference to quote.

use crate::on_each_backend;
use crate::support::Backend;
use axum::http::Method;
use hoego::domain::lang::Lang;
use hoego::service::Interaction;
use hoego::service::command::{Command, SettingsChange};
use serde_json::{Value, json};

use super::payloads::{Person, slash, sub};
use super::{DiscordApp, content, ephemeral, mentions_disabled};

/// `/hoego help` typed by `who` while Discord fails its first response; the second response.
async fn failed_help(app: &DiscordApp, who: &Person, id: u64) -> Value {
    app.registered().await;
    let callback = format!("/interactions/{id}/");
    let error = json!({"message": "500: Internal Server Error", "code": 0});
    app.fake.fail_next(Method::POST, &callback, 500, error);

    app.fake
        .dispatch("INTERACTION_CREATE", slash(id, who, sub("help", &[])));

    let responses = app.fake.wait_for("POST", &callback, 2).await;
    assert_eq!(responses[0].status, 500);
    responses[1].body.clone()
}

/// The reference an apology quotes: the eight hex digits at its end.
fn reference(text: &str) -> &str {
    let reference = text.trim_end_matches('.');
    let reference = &reference[reference.len() - 8..];
    assert!(
        reference.chars().all(|c| c.is_ascii_hexdigit()),
        "no reference in {text}"
    );
    reference
}

async fn a_failed_command_apologizes_in_the_members_discord_locale_with_a_reference(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001").speaking("ko");

    let apology = failed_help(&app, &mina, 95).await;

    assert_eq!(apology["type"], 4, "{apology}");
    assert!(ephemeral(&apology), "{apology}");
    assert!(mentions_disabled(&apology["data"]), "{apology}");
    let text = content(&apology);
    assert!(text.starts_with("처리 중에 문제가 생겼어요."), "{text}");
    crate::support::language::assert_korean(&text);
    reference(&text);
    app.finish().await;
}

async fn a_failed_command_apologizes_in_the_language_the_member_chose(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let joon = Person::member("6002");
    let korean = SettingsChange {
        lang: Some(Lang::Ko),
        ..SettingsChange::default()
    };
    let korean = Interaction::Command(Command::UpdateSettings(korean));
    app.service.interact(&app.actor(&joon), korean).await;

    let apology = failed_help(&app, &joon, 96).await;

    let text = content(&apology);
    assert!(text.starts_with("처리 중에 문제가 생겼어요."), "{text}");
    crate::support::language::assert_korean(&text);
    assert!(ephemeral(&apology), "{apology}");
    app.finish().await;
}

async fn a_failed_command_apologizes_in_english_to_an_english_speaker(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let alex = Person::member("6003");

    let apology = failed_help(&app, &alex, 97).await;

    let text = content(&apology);
    assert!(
        text.starts_with("Something went wrong on my side."),
        "{text}"
    );
    reference(&text);
    app.finish().await;
}

on_each_backend!(
    a_failed_command_apologizes_in_the_members_discord_locale_with_a_reference,
    a_failed_command_apologizes_in_the_language_the_member_chose,
    a_failed_command_apologizes_in_english_to_an_english_speaker,
);
