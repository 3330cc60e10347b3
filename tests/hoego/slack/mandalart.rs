//! A Mandalart collected on Slack in stages, with a restart between them (real slack-morphism
//! against the fake): one modal for the centre and the sub-goals, then one modal holding an
//! input per named sub-goal (Slack's modals hold them all); the grid saved whole.

use hoego::domain::mandalart::Grid;
use serde_json::Value;

use super::SlackApp;
use super::payloads::{self, ALICE, Person};
use super::rounds::actor;
use crate::on_each_backend;
use crate::support::Backend;

/// The `views.open` call made after `who` pressed `action`: its body.
async fn opened_by(app: &SlackApp, who: &Person, action: &str) -> Value {
    let before = app.fake.calls_of("views.open").len();
    let channel = format!("D{}", who.id);
    let url = app.fake.response_url();
    let press = payloads::press(who, &channel, action, &app.trigger(), &url);
    app.fake.ack(&app.fake.envelope("interactive", press)).await;
    app.fake
        .wait_for("views.open", before + 1)
        .await
        .remove(before)
        .body
}

/// The input blocks of a modal: (block id, label).
fn inputs(opened: &Value) -> Vec<(String, String)> {
    let blocks = opened["view"]["blocks"].as_array().unwrap();
    blocks
        .iter()
        .filter(|b| b["type"] == "input")
        .map(|b| {
            let id = b["block_id"].as_str().unwrap().to_string();
            (id, b["label"]["text"].as_str().unwrap().to_string())
        })
        .collect()
}

async fn submit(app: &SlackApp, opened: &Value, values: &[(&str, &str)]) -> Value {
    let submission = payloads::submission(&ALICE, opened, values);
    let (ack, _) = app
        .fake
        .ack(&app.fake.envelope("interactive", submission))
        .await;
    ack
}

async fn a_mandalart_is_collected_in_two_modals_across_a_restart(backend: Backend) {
    let Some(mut app) = SlackApp::start(backend).await else {
        return;
    };
    let admin = actor(
        &Person {
            id: "UADMIN",
            name: "admin",
        },
        true,
    );
    let member = actor(&ALICE, false);
    for (who, text) in [
        (&admin, "schedule add mandalart \"0 10 28 12 *\" name plan"),
        (&admin, "leave plan"),
        (&member, "join plan"),
        (&admin, "schedule run-now plan"),
    ] {
        let said = hoego::service::Interaction::Text(text.to_string());
        app.service.interact(who, said).await;
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let delivery = app.store.deliveries_of_team(team.id).await.unwrap()[0].id;
    let action = format!("answer:{delivery}");

    let first = opened_by(&app, &ALICE, &action).await;
    let goals = "Health\n\nWork";
    let refused = submit(
        &app,
        &first,
        &[
            ("plan.centre", "A calm 2027"),
            ("plan.goals", "1\n2\n3\n4\n5\n6\n7\n8\n9"),
        ],
    )
    .await;
    submit(
        &app,
        &first,
        &[("plan.centre", "A calm 2027"), ("plan.goals", goals)],
    )
    .await;
    app.restart().await;
    let second = opened_by(&app, &ALICE, &action).await;
    submit(
        &app,
        &second,
        &[
            ("plan.centre", "A calm 2027"),
            ("plan.goals", goals),
            ("plan.1", "Walk daily\n\nSwim"),
            ("plan.3", "Ship the rewrite"),
        ],
    )
    .await;

    let ids: Vec<String> = inputs(&first).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["plan.centre", "plan.goals"]);
    assert_eq!(refused["response_action"], "errors", "{refused}");
    assert!(
        refused["errors"]["plan.goals"]
            .as_str()
            .unwrap()
            .contains("9 lines"),
        "{refused}"
    );
    let shown = inputs(&second);
    let ids: Vec<&str> = shown.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["plan.centre", "plan.goals", "plan.1", "plan.3"]);
    assert!(shown[3].1.contains("“Work”"), "{}", shown[3].1);
    let stored = app.store.delivery_answers(delivery).await.unwrap();
    let grid = Grid::from_storage(&stored[0].value).expect("a grid");
    assert_eq!(grid.goals[0].actions[..3], ["Walk daily", "", "Swim"]);
    assert_eq!(grid.goals[2].actions[0], "Ship the rewrite");
    assert_eq!(grid.filled(), 6);
    app.finish().await;
}

async fn an_action_is_checked_with_a_slash_command_and_a_bad_one_is_refused(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let admin = actor(
        &Person {
            id: "UADMIN",
            name: "admin",
        },
        true,
    );
    let member = actor(&ALICE, false);
    for (who, text) in [
        (&admin, "schedule add mandalart \"0 10 28 12 *\" name plan"),
        (&admin, "leave plan"),
        (&member, "join plan"),
        (&admin, "schedule run-now plan"),
    ] {
        let said = hoego::service::Interaction::Text(text.to_string());
        app.service.interact(who, said).await;
    }
    let team = app.store.all_teams().await.unwrap().remove(0);
    let delivery = app.store.deliveries_of_team(team.id).await.unwrap()[0].id;
    let first = opened_by(&app, &ALICE, &format!("answer:{delivery}")).await;
    let goals = [("plan.centre", "A calm 2027"), ("plan.goals", "Health")];
    submit(&app, &first, &goals).await;
    let second = opened_by(&app, &ALICE, &format!("answer:{delivery}")).await;
    let mut values = goals.to_vec();
    values.push(("plan.1", "Walk daily\nSwim"));
    submit(&app, &second, &values).await;

    let checked = app.typed(&ALICE, "mandalart check 1.2 partial").await;
    let unknown = app.typed(&ALICE, "mandalart check 1.1 finished").await;
    let shown = app.typed(&ALICE, "mandalart").await;

    assert!(
        checked.contains("“Swim”: partly done.\n“Health”: 0 of 2 actions done, 1 partly done"),
        "{checked}"
    );
    assert!(
        unknown.contains("`finished` is not a valid `status`: use one of done, partial, not-yet."),
        "{unknown}"
    );
    assert!(
        unknown.contains("Example: `mandalart check 3.5 done`"),
        "{unknown}"
    );
    assert!(shown.contains("| Walk daily | 🔸 Swim |"), "{shown}");
    app.finish().await;
}

on_each_backend!(
    a_mandalart_is_collected_in_two_modals_across_a_restart,
    an_action_is_checked_with_a_slash_command_and_a_bad_one_is_refused,
);
