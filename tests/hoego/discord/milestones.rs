//! `/hoego milestone add|list|remove|visibility` through serenity + poise against the fake
//! Discord: registered as a group with options, answered ephemerally, a bad date refused with an
//! example, team milestones for admins only, and the milestone's number suggested as typed.

use serde_json::{Value, json};

use crate::on_each_backend;
use crate::support::Backend;

use super::payloads::{Person, autocomplete, sub};
use super::{DiscordApp, content, ephemeral};

/// A subcommand of the `milestone` group.
fn milestone(name: &str, options: &[(&str, Value)]) -> Value {
    let inner = sub(name, options);
    json!([{"name": "milestone", "type": 2, "options": inner}])
}

async fn milestones_are_a_group_of_four_subcommands_answered_privately(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (mina, sora) = (Person::member("6001"), Person::admin("6002"));

    let registered = app.registered().await;
    let add = |who: &Person, options: &[(&str, Value)]| {
        let who = who.clone();
        let options = milestone("add", options);
        let app = &app;
        async move { app.slash(&who, options).await }
    };
    let mine = add(
        &mina,
        &[("date", json!("2026-04-01")), ("text", json!("New job"))],
    )
    .await;
    let bad = add(
        &mina,
        &[("date", json!("April 1")), ("text", json!("New job"))],
    )
    .await;
    let not_admin = add(
        &mina,
        &[
            ("date", json!("2026-09-14")),
            ("text", json!("Reorg")),
            ("team", json!(true)),
        ],
    )
    .await;
    let team = add(
        &sora,
        &[
            ("date", json!("2026-09-14")),
            ("text", json!("Reorg")),
            ("team", json!(true)),
        ],
    )
    .await;
    let listed = app.slash(&mina, milestone("list", &[])).await;
    let removed = app
        .slash(&mina, milestone("remove", &[("number", json!(1))]))
        .await;

    let hoego = &registered[0].body[0];
    let group = hoego["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "milestone")
        .expect("a milestone group");
    let subs: Vec<&str> = group["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(subs, ["add", "list", "remove", "visibility"]);
    let text_option = &group["options"][0]["options"][1];
    assert_eq!(text_option["name"], "text");
    assert_eq!(text_option["max_length"], 120, "{text_option}");
    for response in [&mine, &bad, &not_admin, &team, &listed, &removed] {
        assert!(ephemeral(response), "{response}");
    }
    assert!(content(&mine).starts_with("Added milestone 1: Wed 1 Apr — New job."));
    let bad = content(&bad);
    assert!(bad.starts_with("`April 1` is not a date"), "{bad}");
    assert!(
        bad.contains("`milestone add 2026-04-01 First day at the new job`"),
        "{bad}"
    );
    assert!(content(&not_admin).starts_with("Only admins add or remove team milestones."));
    assert!(content(&team).starts_with("Added team milestone 1: Mon 14 Sep — Reorg."));
    assert_eq!(
        content(&listed),
        "The milestones you can see:\n1. Wed 1 Apr — New job (only you)\n\
         2. Mon 14 Sep — Reorg (team, added by user6002)"
    );
    assert_eq!(
        content(&removed),
        "Removed milestone 1: Wed 1 Apr — New job."
    );
    app.finish().await;
}

/// Autocomplete of `/hoego milestone <sub> <option>` with `typed` so far.
fn milestone_autocomplete(id: u64, who: &Person, sub: &str, option: &str, typed: &str) -> Value {
    let mut payload = autocomplete(id, who, sub, option, typed);
    let inner = payload["data"]["options"].take();
    payload["data"]["options"] = json!([{"name": "milestone", "type": 2, "options": inner}]);
    payload
}

async fn the_number_to_remove_is_suggested_from_the_milestones_i_can_see(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    app.registered().await;
    for (date, text) in [("2026-02-10", "Moved to Busan"), ("2026-04-01", "New job")] {
        let options = milestone("add", &[("date", json!(date)), ("text", json!(text))]);
        app.slash(&mina, options).await;
    }

    let typed = milestone_autocomplete(93, &mina, "remove", "number", "job");
    app.fake.dispatch("INTERACTION_CREATE", typed);
    let answered = app.fake.wait_for("POST", "/interactions/93/", 1).await;

    let callback = &answered[0].body;
    assert_eq!(callback["type"], 8, "{callback}");
    assert_eq!(
        callback["data"]["choices"],
        json!([{"name": "2. 2026-04-01 New job", "value": 2}])
    );
    app.finish().await;
}

on_each_backend!(
    milestones_are_a_group_of_four_subcommands_answered_privately,
    the_number_to_remove_is_suggested_from_the_milestones_i_can_see
);
