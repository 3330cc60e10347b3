//! Each slash subcommand's options become the platform-neutral `Command` the text grammar would
//! build: edit, visibility, resolutions set, schedule add-member/remove-member (Discord user
//! options, by id) and schedule add's window, remind and digest.

use crate::on_each_backend;
use crate::support::Backend;
use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::visibility::Visibility;
use hoego::service::Interaction;
use hoego::service::command::{Command, QuestionRef, ResolutionStatus};
use serde_json::{Value, json};

use super::payloads::{self, Person, schedule_sub, sub};
use super::{DiscordApp, content, ephemeral};

/// `/hoego schedule <name>` with `schedule` and user options (type 6) resolved as Discord does.
fn with_users(name: &str, schedule: &str, users: &[(&str, &Person)]) -> Value {
    let mut options = vec![json!({"name": "schedule", "type": 3, "value": schedule})];
    for (option, person) in users {
        options.push(json!({"name": option, "type": 6, "value": person.id}));
    }
    let inner = json!([{"name": name, "type": 1, "options": options}]);
    json!([{"name": "schedule", "type": 2, "options": inner}])
}

impl DiscordApp {
    /// `/hoego …` typed by `who`, with the users named in options resolved in the payload.
    pub(super) async fn slash_naming(
        &self,
        who: &Person,
        options: Value,
        named: &[&Person],
    ) -> Value {
        let users: serde_json::Map<String, Value> = named
            .iter()
            .map(|p| {
                let user = json!({"id": p.id, "username": p.name, "discriminator": "0",
                    "global_name": null, "avatar": null});
                (p.id.clone(), user)
            })
            .collect();
        self.interact(|id| {
            let mut payload = payloads::slash(id, who, options);
            payload["data"]["resolved"] = json!({"users": users});
            payload
        })
        .await
    }

    /// What the service answers `who` for `command` (the mapping's expected reply).
    async fn direct(&self, who: &Person, command: Command) -> String {
        let command = Interaction::Command(command);
        let outcome = self.service.interact(&self.actor(who), command).await;
        outcome.into_reply().plain_text()
    }

    async fn add_weekly(&self) {
        let admin = Person::admin("6000");
        let add = schedule_sub(
            "add",
            &[
                ("template", json!("weekly")),
                ("cron", json!("0 17 * * FRI")),
                ("name", json!("weekly")),
            ],
        );
        let added = self.slash(&admin, add).await;
        assert!(content(&added).contains("weekly"), "{added}");
    }
}

async fn edit_maps_to_the_edit_command(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let mina = Person::member("6001");

    let response = app.slash(&mina, sub("edit", &[])).await;

    let expected = app.direct(&mina, Command::Edit { schedule: None }).await;
    assert!(ephemeral(&response), "{response}");
    assert!(!expected.is_empty());
    assert_eq!(content(&response), expected);
    app.finish().await;
}

async fn visibility_maps_its_readers_and_question_to_set_visibility(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let mina = Person::member("6001");

    let response = app
        .slash(
            &mina,
            sub(
                "visibility",
                &[("readers", json!(2)), ("question", json!("2"))],
            ),
        )
        .await;

    let expected = Command::SetVisibility {
        question: QuestionRef::Number(2),
        visibility: Visibility::Anonymous,
    };
    assert!(ephemeral(&response), "{response}");
    assert_eq!(content(&response), app.direct(&mina, expected).await);
    app.finish().await;
}

async fn resolutions_set_maps_number_status_and_note(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let mina = Person::member("6001");
    let set = json!([{"name": "resolutions", "type": 2, "options": sub(
        "set",
        &[("number", json!(1)), ("status", json!(2)), ("note", json!("shipped"))],
    )}]);

    let response = app.slash(&mina, set).await;
    let listed = app
        .slash(
            &mina,
            json!([{"name": "resolutions", "type": 2, "options": sub("list", &[])}]),
        )
        .await;

    let expected = Command::SetResolution {
        number: 1,
        status: ResolutionStatus::Done,
        note: Some("shipped".into()),
    };
    assert!(ephemeral(&response), "{response}");
    assert_eq!(content(&response), app.direct(&mina, expected).await);
    assert_eq!(
        content(&listed),
        app.direct(&mina, Command::ListResolutions).await
    );
    app.finish().await;
}

async fn schedule_add_member_adds_the_people_chosen_in_user_options(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    app.add_weekly().await;
    let (admin, mina, joon) = (
        Person::admin("6000"),
        Person::member("6001"),
        Person::member("6002"),
    );

    let response = app
        .slash_naming(
            &admin,
            with_users(
                "add-member",
                "weekly",
                &[("member", &mina), ("also", &joon)],
            ),
            &[&mina, &joon],
        )
        .await;

    assert!(!content(&response).contains("Manage Server"), "{response}");
    let (team, _) = app.service.identify(&app.actor(&admin)).await.unwrap();
    let schedule = &app.store.schedules(team.id).await.unwrap()[0];
    let ids: Vec<String> = app
        .store
        .participants_of(schedule.id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    assert!(ids.contains(&"6001".to_string()), "{ids:?}");
    assert!(ids.contains(&"6002".to_string()), "{ids:?}");
    let said = content(&response);
    assert!(
        said.contains("Added user6001, user6002 to weekly"),
        "people hoego has not met yet are named as Discord names them: {said}"
    );
    app.finish().await;
}

async fn schedule_remove_member_removes_the_person_chosen(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    app.add_weekly().await;
    let (admin, mina) = (Person::admin("6000"), Person::member("6001"));
    app.direct(&mina, Command::Join { schedule: None }).await;

    let refused = app
        .slash_naming(
            &mina,
            with_users("remove-member", "weekly", &[("member", &mina)]),
            &[&mina],
        )
        .await;
    let response = app
        .slash_naming(
            &admin,
            with_users("remove-member", "weekly", &[("member", &mina)]),
            &[&mina],
        )
        .await;

    assert!(content(&refused).contains("Manage Server"), "{refused}");
    assert!(!content(&response).contains("Manage Server"), "{response}");
    let (team, _) = app.service.identify(&app.actor(&admin)).await.unwrap();
    let schedule = &app.store.schedules(team.id).await.unwrap()[0];
    let left = app.store.participants_of(schedule.id).await.unwrap();
    assert!(left.iter().all(|m| m.user_id != "6001"), "{left:?}");
    app.finish().await;
}

async fn schedule_add_maps_window_remind_and_digest(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let admin = Person::admin("6000");
    let add = |window: &str| {
        schedule_sub(
            "add",
            &[
                ("template", json!("weekly")),
                ("cron", json!("0 17 * * FRI")),
                ("name", json!("weekly")),
                ("window", json!(window)),
                ("remind", json!("60%")),
                ("digest", json!(1)),
            ],
        )
    };

    let bad = app.slash(&admin, add("soon")).await;
    let added = app.slash(&admin, add("3d")).await;

    assert!(content(&bad).contains("`soon` is not a duration"), "{bad}");
    assert!(content(&added).contains("weekly"), "{added}");
    let (team, _) = app.service.identify(&app.actor(&admin)).await.unwrap();
    let schedules = app.store.schedules(team.id).await.unwrap();
    assert_eq!(schedules.len(), 1, "the refused one added nothing");
    assert_eq!(schedules[0].window_secs, 3 * 24 * 3600);
    assert_eq!(schedules[0].reminder_percent, 60);
    assert_eq!(schedules[0].digest_group, DigestGrouping::Member);
    app.finish().await;
}

on_each_backend!(
    edit_maps_to_the_edit_command,
    visibility_maps_its_readers_and_question_to_set_visibility,
    resolutions_set_maps_number_status_and_note,
    schedule_add_member_adds_the_people_chosen_in_user_options,
    schedule_remove_member_removes_the_person_chosen,
    schedule_add_maps_window_remind_and_digest,
);
