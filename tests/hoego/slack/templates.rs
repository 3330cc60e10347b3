//! Every built-in template opens as a Slack modal that Slack accepts, in English and in Korean:
//! title, labels and inputs within Block Kit's limits (the strict fake refuses anything else),
//! each question in the reader's language.

use hoego::domain::template::TemplateLibrary;
use serde_json::{Value, json};

use super::SlackApp;
use super::fake::Call;
use super::payloads::{self, ALICE, Person};
use super::rounds::actor;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::run_now_unlimited;
use crate::support::language::assert_korean;

const MINA: Person = Person {
    id: "UMINA",
    name: "mina",
};

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// A line of the command grammar said by `actor`.
async fn say(app: &SlackApp, actor: &hoego::service::Actor, text: &str) {
    let text = hoego::service::Interaction::Text(text.to_string());
    app.service.interact(actor, text).await;
}

/// The `views.open` call made after `who` pressed `action`.
async fn opened_by(app: &SlackApp, who: &Person, action: &str) -> Call {
    let before = app.fake.calls_of("views.open").len();
    let channel = format!("D{}", who.id);
    let url = app.fake.response_url();
    let press = payloads::press(who, &channel, action, &app.trigger(), &url);
    app.fake.ack(&app.fake.envelope("interactive", press)).await;
    app.fake
        .wait_for("views.open", before + 1)
        .await
        .remove(before)
}

async fn every_built_in_template_opens_as_a_slack_modal_in_english_and_korean(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    app.fake.set_user(MINA.id, json!({"locale": "ko-KR"}));
    let admin = actor(
        &Person {
            id: "UADMIN",
            name: "admin",
        },
        true,
    );
    let library = TemplateLibrary::built_in();
    for id in library.ids() {
        let add = format!("schedule add {id} \"0 17 * * FRI\" name {id}");
        say(&app, &admin, &add).await;
        say(&app, &admin, &format!("leave {id}")).await;
        for who in [&ALICE, &MINA] {
            let mut member = actor(who, false);
            member.locale = (who.id == MINA.id).then(|| "ko-KR".to_string());
            say(&app, &member, &format!("join {id}")).await;
        }
        let run = hoego::service::Interaction::Text(format!("schedule run-now {id}"));
        run_now_unlimited(&app.service).interact(&admin, run).await;
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let deliveries = app.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(deliveries.len(), library.ids().len() * 2);

    for delivery in &deliveries {
        let member = app.store.member(delivery.member_id).await.unwrap();
        let who = if member.user_id == MINA.id {
            &MINA
        } else {
            &ALICE
        };
        let opened = opened_by(&app, who, &format!("answer:{}", delivery.id)).await;

        let view = &opened.body["view"];
        let inputs: Vec<&Value> = view["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["type"] == "input")
            .collect();
        let at = format!("delivery {} for {}", delivery.id, who.name);
        assert_eq!(opened.answer["ok"], true, "{at}: {}", opened.answer);
        // A Mandalart's first part asks its centre and sub-goals (`plan.centre`, `plan.goals`),
        // alone in the Mandalart template and after the other questions at the end of the year.
        let grid = inputs
            .iter()
            .filter(|b| b["block_id"].as_str().unwrap().starts_with("plan."))
            .count();
        assert!(grid == 0 || grid == 2, "{at}: {grid} grid inputs");
        let questions = inputs.len() - grid;
        let grid_alone = questions == 0 && grid == 2;
        assert!(
            grid_alone || (3..=7).contains(&questions),
            "{at}: {questions} questions"
        );
        for input in inputs {
            let label = input["label"]["text"].as_str().unwrap();
            if who.id == MINA.id {
                assert_korean(label);
            } else {
                assert!(!has_hangul(label), "{at}: {label}");
            }
        }
        let title = view["title"]["text"].as_str().unwrap();
        if who.id == MINA.id {
            assert_korean(title);
        }
        assert!(title.chars().count() <= 24, "{at}: {title}");
    }
    app.finish().await;
}

on_each_backend!(every_built_in_template_opens_as_a_slack_modal_in_english_and_korean);
