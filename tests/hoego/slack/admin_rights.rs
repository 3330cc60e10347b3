//! Slack admin rights fail closed: they last as long as the profile they were read from; when
//! `users.info` fails after that, the person keeps their name but is no admin, except those in
//! `slack.admin_user_ids`; and a profile read in one workspace says nothing of another.

use chrono::Duration;
use hoego::platform::slack::PROFILE_TTL_SECS;
use hoego::service::Interaction;
use serde_json::json;

use super::SlackApp;
use super::payloads::{self, Person};
use super::rounds::actor;
use crate::on_each_backend;
use crate::support::Backend;

const BOSS: Person = Person {
    id: "UBOSS",
    name: "boss",
};
const OPS: Person = Person {
    id: "UOPS",
    name: "ops",
};

fn reads_of(app: &SlackApp, who: &Person) -> usize {
    let calls = app.fake.calls_of("users.info");
    calls.iter().filter(|c| c.body["user"] == who.id).count()
}

/// Makes the next `users.info` fail as Slack does when it cannot answer.
fn slack_cannot_answer(app: &SlackApp) {
    app.fake.fail_next("users.info", 200, "fatal_error", None);
}

/// `/hoego <text>` typed by `who` in the workspace `team`; the text of the answer.
async fn typed_in(app: &SlackApp, team: &str, who: &Person, text: &str) -> String {
    let url = app.fake.response_url();
    let mut payload = payloads::command(who, text, &app.trigger(), &url);
    payload["team_id"] = json!(team);
    let envelope = app.fake.envelope("slash_commands", payload);
    app.fake.ack(&envelope).await;
    super::text_of(&app.answer_at(&url).await.body)
}

async fn admin_rights_expire_with_the_profile_and_fail_closed(backend: Backend) {
    let configure = |settings: &mut hoego::config::SlackSettings, _: &_| {
        settings.admin_user_ids = vec![OPS.id.to_string()];
    };
    let Some(app) = SlackApp::start_with(backend, configure).await else {
        return;
    };
    app.fake.wait_connected(1).await;
    app.fake.set_user(BOSS.id, json!({"is_admin": true}));
    let add = Interaction::Text("schedule add weekly \"0 17 * * FRI\"".into());
    app.service.interact(&actor(&BOSS, true), add).await;
    let listed = app.typed(&BOSS, "schedule list").await;
    assert!(listed.contains("weekly"), "{listed}");

    // Within the profile's time Slack is not asked again.
    app.clock.advance(Duration::seconds(PROFILE_TTL_SECS - 1));
    let paused = app.typed(&BOSS, "schedule pause weekly").await;
    assert!(paused.contains("Paused the schedule weekly"), "{paused}");
    assert_eq!(reads_of(&app, &BOSS), 1);

    // After it, a failed read keeps no admin rights.
    app.clock.advance(Duration::seconds(2));
    slack_cannot_answer(&app);
    let refused = app.typed(&BOSS, "schedule resume weekly").await;
    assert!(refused.contains("Only admins of"), "{refused}");
    assert_eq!(reads_of(&app, &BOSS), 2);

    // Once Slack answers again, the rights it gives are back.
    let resumed = app.typed(&BOSS, "schedule resume weekly").await;
    assert!(resumed.contains("Resumed the schedule weekly"), "{resumed}");
    assert_eq!(reads_of(&app, &BOSS), 3);

    // A configured admin stays one while Slack cannot answer, even never read before.
    slack_cannot_answer(&app);
    let by_ops = app.typed(&OPS, "schedule pause weekly").await;
    assert!(by_ops.contains("Paused the schedule weekly"), "{by_ops}");

    // The same user id in another workspace is read there afresh: no rights carried over.
    app.fake.set_user(BOSS.id, json!({"is_admin": false}));
    let elsewhere = typed_in(&app, "T0OTHER", &BOSS, "schedule pause weekly").await;
    assert!(elsewhere.contains("Only admins of"), "{elsewhere}");
    assert_eq!(reads_of(&app, &BOSS), 4);
    let at_home = app.typed(&BOSS, "schedule resume weekly").await;
    assert!(at_home.contains("Resumed the schedule weekly"), "{at_home}");
    assert_eq!(
        reads_of(&app, &BOSS),
        4,
        "the home workspace's profile is still cached"
    );
    app.finish().await;
}

on_each_backend!(admin_rights_expire_with_the_profile_and_fail_closed);
