//! Every built-in template opens as Discord modals that Discord accepts, in English and in
//! Korean: titles, labels, placeholders and page sizes within Discord's limits (the strict fake
//! refuses anything else), each question labelled in the reader's language.

use std::collections::BTreeMap;

use hoego::domain::ids::DeliveryId;
use hoego::domain::template::TemplateLibrary;
use hoego::service::Interaction;
use hoego::service::command::{ChannelRef, Command, NewSchedule, ScheduleCommand};
use serde_json::Value;

use super::DiscordApp;
use super::payloads::{CHANNEL, Person, Place};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::run_now_unlimited;
use crate::support::language::assert_korean;

/// Hangul syllables.
fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// A round of every built-in template, opened now, that `people` take part in: each
/// (template, user) with its delivery.
pub async fn a_round_of_every_template(
    app: &DiscordApp,
    people: &[&Person],
) -> BTreeMap<(String, String), DeliveryId> {
    app.registered().await;
    let admin = app.actor(&Person::admin("6000"));
    let library = TemplateLibrary::built_in();
    let ids = library.ids();
    for id in &ids {
        let add = NewSchedule {
            template: id.to_string(),
            cron: "0 17 * * FRI".into(),
            name: Some(id.to_string()),
            channel: Some(ChannelRef::Id(CHANNEL.into())),
            ..NewSchedule::default()
        };
        let add = Interaction::Command(Command::Schedule(ScheduleCommand::Add(add)));
        let added = app.service.interact(&admin, add).await.into_reply();
        assert!(added.plain_text().contains(id), "{}", added.plain_text());
        let leave = Command::Leave {
            schedule: Some(id.to_string()),
        };
        app.service
            .interact(&admin, Interaction::Command(leave))
            .await;
        for person in people {
            let join = Command::Join {
                schedule: Some(id.to_string()),
            };
            let join = Interaction::Command(join);
            app.service.interact(&app.actor(person), join).await;
        }
        let run = ScheduleCommand::RunNow {
            target: id.to_string(),
        };
        let run = Interaction::Command(Command::Schedule(run));
        run_now_unlimited(&app.service).interact(&admin, run).await;
    }
    let (team, _) = app.service.identify(&admin).await.unwrap();
    let schedules = app.store.schedules(team.id).await.unwrap();
    let rounds_of_team = app.store.rounds_of_team(team.id).await.unwrap();
    let mut rounds = BTreeMap::new();
    for delivery in app.store.deliveries_of_team(team.id).await.unwrap() {
        let round = rounds_of_team
            .iter()
            .find(|r| r.id == delivery.round_id)
            .unwrap();
        let schedule = schedules
            .iter()
            .find(|s| Some(s.id) == round.schedule_id)
            .unwrap();
        let member = app.store.member(delivery.member_id).await.unwrap();
        rounds.insert((schedule.name.clone(), member.user_id), delivery.id);
    }
    assert_eq!(rounds.len(), ids.len() * people.len(), "{rounds:?}");
    rounds
}

/// The text inputs of a modal response.
fn inputs(modal: &Value) -> Vec<Value> {
    modal["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["components"][0].clone())
        .collect()
}

async fn every_built_in_template_opens_as_discord_modals_in_english_and_korean(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let alice = Person::member("6101");
    let mina = Person::member("6103").speaking("ko");
    let rounds = a_round_of_every_template(&app, &[&alice, &mina]).await;
    let library = TemplateLibrary::built_in();

    for ((template, user), delivery) in &rounds {
        let who = if *user == alice.id { &alice } else { &mina };
        // A Mandalart's first modal asks its centre and sub-goals (two inputs).
        let questions: usize = (library.get(template).unwrap().questions.iter())
            .map(|q| if q.is_mandalart() { 2 } else { 1 })
            .sum();
        let first = app
            .press(who, Place::Dm, &format!("answer:{delivery}"))
            .await;
        let mut shown = inputs(&first);
        if questions > 5 {
            let more = format!("more:answer:{delivery}@1");
            shown.extend(inputs(&app.press(who, Place::Dm, &more).await));
        }

        let at = format!("{template} for {user}");
        assert_eq!(first["type"], 9, "{at}: {first}");
        if who.locale == "ko" {
            assert_korean(first["data"]["title"].as_str().unwrap());
        }
        assert_eq!(shown.len(), questions, "{at}");
        for input in &shown {
            let label = input["label"].as_str().unwrap();
            if who.locale == "ko" {
                assert_korean(label);
            } else {
                assert!(!has_hangul(label), "{at}: {label}");
            }
            assert!(
                !label.ends_with('…'),
                "{at}: a built-in label is never cut: {label}"
            );
        }
    }
    let callbacks = app.fake.requests_to("POST", "/callback");
    assert!(
        callbacks.iter().all(|r| r.status == 204),
        "every modal accepted"
    );
    app.finish().await;
}

on_each_backend!(every_built_in_template_opens_as_discord_modals_in_english_and_korean);
