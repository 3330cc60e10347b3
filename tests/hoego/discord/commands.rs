//! Start, command registration and slash commands: personal replies are ephemeral, mentions are
//! off, schedule changes need Manage Server, the Discord locale picks the language.

use crate::on_each_backend;
use crate::support::Backend;
use serde_json::json;

use super::payloads::{Person, schedule_sub, sub};
use super::{DiscordApp, content, ephemeral, mentions_disabled};

async fn the_bot_identifies_without_privileged_intents_and_registers_hoego_in_the_guild(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };

    let registered = app.registered().await;

    assert_eq!(
        registered[0].path,
        "/api/v10/applications/2000/guilds/8000/commands"
    );
    let commands = registered[0].body.as_array().unwrap();
    assert_eq!(commands.len(), 1);
    let hoego = &commands[0];
    assert_eq!(hoego["name"], "hoego");
    assert_eq!(
        hoego["description"],
        "Reflect with your team: answer rounds, read recaps, change your settings."
    );
    let names: Vec<&str> = hoego["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    for expected in [
        "answer",
        "skip",
        "recap",
        "settings",
        "pause",
        "resume",
        "export",
        "forget-me",
        "resolutions",
        "schedule",
        "help",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let schedule = hoego["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "schedule")
        .unwrap();
    let subs: Vec<&str> = schedule["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        subs,
        [
            "add",
            "list",
            "preview",
            "pause",
            "resume",
            "remove",
            "run-now",
            "add-member",
            "remove-member"
        ]
    );
    let intents = app.fake.identifies()[0]["intents"].as_u64().unwrap();
    assert_eq!(intents, 1, "GUILDS only, no privileged intent");
    app.finish().await;
}

/// Every registered name and description has a Korean one, and every choice a Korean label, so a
/// Korean Discord client shows no English; returns the paths that lack one.
fn missing_korean(item: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
    let korean = |key: &str| {
        item[key]["ko"]
            .as_str()
            .is_some_and(|t| t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)))
    };
    let is_choice = item.get("value").is_some();
    if !korean("name_localizations") {
        missing.push(format!("{path}: name"));
    }
    if !is_choice && !korean("description_localizations") {
        missing.push(format!("{path}: description"));
    }
    for key in ["options", "choices"] {
        for child in item[key].as_array().into_iter().flatten() {
            let name = child["name"].as_str().unwrap_or("?");
            missing_korean(child, &format!("{path} {name}"), missing);
        }
    }
}

async fn every_registered_command_option_and_choice_carries_korean(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };

    let registered = app.registered().await;

    let hoego = &registered[0].body.as_array().unwrap()[0];
    let mut missing = Vec::new();
    missing_korean(hoego, "hoego", &mut missing);
    assert!(missing.is_empty(), "no Korean for: {missing:#?}");
    assert_eq!(hoego["name_localizations"]["ko"], "회고");
    let answer = hoego["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "answer")
        .unwrap();
    assert_eq!(answer["name_localizations"]["ko"], "답변");
    assert_eq!(
        answer["description_localizations"]["ko"],
        "열린 회차의 질문에 지금 답변해요."
    );
    app.finish().await;
}

async fn a_recap_command_is_answered_ephemerally_with_mentions_off(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;

    let response = app
        .slash(
            &Person::member("6001"),
            sub("recap", &[("period", json!("week"))]),
        )
        .await;

    assert_eq!(response["type"], 4, "{response}");
    assert!(ephemeral(&response), "{response}");
    assert!(mentions_disabled(&response["data"]), "{response}");
    assert!(!content(&response).is_empty());
    app.finish().await;
}

async fn a_member_without_manage_server_is_refused_schedule_add_and_nothing_is_added(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let add = || {
        schedule_sub(
            "add",
            &[
                ("template", json!("weekly")),
                ("cron", json!("0 17 * * FRI")),
            ],
        )
    };

    let refused = app.slash(&Person::member("6001"), add()).await;
    let listed = app
        .slash(&Person::member("6001"), schedule_sub("list", &[]))
        .await;

    assert!(content(&refused).contains("Manage Server"), "{refused}");
    assert!(ephemeral(&refused));
    assert!(content(&listed).contains("no schedules yet"), "{listed}");
    let added = app.slash(&Person::admin("6000"), add()).await;
    let listed = app
        .slash(&Person::member("6001"), schedule_sub("list", &[]))
        .await;
    assert!(!content(&added).contains("Manage Server"), "{added}");
    assert!(
        content(&listed).contains("every Friday at 5 pm"),
        "{listed}"
    );
    app.finish().await;
}

async fn a_member_whose_discord_speaks_korean_is_answered_in_korean(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;

    let response = app
        .slash(&Person::member("6002").speaking("ko"), sub("settings", &[]))
        .await;

    crate::support::language::assert_korean(&content(&response));
    app.finish().await;
}

async fn help_lists_every_subcommand_with_its_doc_comment(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;

    let response = app.slash(&Person::member("6001"), sub("help", &[])).await;

    let text = content(&response);
    assert!(
        text.contains("`/hoego schedule run-now` — Open a round now"),
        "{text}"
    );
    assert!(
        text.contains("`/hoego answer` — Answer the questions of an open round now."),
        "{text}"
    );
    app.finish().await;
}

async fn after_the_gateway_closes_with_4000_the_bot_resumes_and_keeps_answering(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;

    app.fake.close_gateway(4000);
    app.fake.wait_for_sessions(1, 1).await;
    let response = app
        .slash(&Person::member("6001"), sub("settings", &[]))
        .await;

    assert_eq!(
        app.fake.identifies().len(),
        1,
        "resumed, not identified again"
    );
    assert_eq!(response["type"], 4);
    app.finish().await;
}

async fn asking_for_the_members_intent_the_application_lacks_stops_the_bot(backend: Backend) {
    let Some(mut app) = DiscordApp::start_with(backend, |s, _| s.members_intent = true).await
    else {
        return;
    };

    let stopped = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        app.bot.as_mut().unwrap().stopped(),
    )
    .await;

    assert!(stopped.expect("the client stops").is_err());
    app.finish().await;
}

async fn with_the_members_intent_enabled_for_the_application_the_bot_asks_for_it_and_runs(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start_with(backend, |s, fake| {
        s.members_intent = true;
        fake.enable_members_intent();
    })
    .await
    else {
        return;
    };

    app.registered().await;

    let intents = app.fake.identifies()[0]["intents"].as_u64().unwrap();
    assert_eq!(intents, 1 | 2, "GUILDS and GUILD_MEMBERS");
    app.finish().await;
}

async fn a_process_given_a_shard_range_identifies_as_those_shards_only(backend: Backend) {
    let Some(app) = DiscordApp::start_with(backend, |s, _| {
        s.shard_count = 2;
        s.shard_range = Some((1, 1));
    })
    .await
    else {
        return;
    };

    app.registered().await;

    let identifies = app.fake.identifies();
    assert_eq!(identifies.len(), 1);
    assert_eq!(identifies[0]["shard"], json!([1, 2]));
    app.finish().await;
}

on_each_backend!(
    the_bot_identifies_without_privileged_intents_and_registers_hoego_in_the_guild,
    every_registered_command_option_and_choice_carries_korean,
    a_recap_command_is_answered_ephemerally_with_mentions_off,
    a_member_without_manage_server_is_refused_schedule_add_and_nothing_is_added,
    a_member_whose_discord_speaks_korean_is_answered_in_korean,
    help_lists_every_subcommand_with_its_doc_comment,
    after_the_gateway_closes_with_4000_the_bot_resumes_and_keeps_answering,
    asking_for_the_members_intent_the_application_lacks_stops_the_bot,
    with_the_members_intent_enabled_for_the_application_the_bot_asks_for_it_and_runs,
    a_process_given_a_shard_range_identifies_as_those_shards_only,
);
