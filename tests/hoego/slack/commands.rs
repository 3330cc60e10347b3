//! `/hoego` over Socket Mode: acknowledged at once, answered through the response URL, admin
//! rights from `users.info` or `slack.admin_user_ids`, the person's Slack locale and zone as
//! their first settings.

use crate::on_each_backend;
use crate::support::Backend;
use std::time::Duration;

use hoego::domain::lang::Lang;
use serde_json::json;

use super::fake::TEAM;
use super::payloads::{self, ALICE, BOB};
use super::{SlackApp, text_of};

const ADD: &str = "schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul channel <#C0RETRO|retro>";

async fn schedule_count(app: &SlackApp) -> usize {
    let Some(team) = app.store.all_teams().await.unwrap().into_iter().next() else {
        return 0;
    };
    app.store.schedules(team.id).await.unwrap().len()
}

async fn help_is_acknowledged_at_once_and_answered_through_the_response_url(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    let (ack, latency, url) = app.command(&ALICE, "help").await;
    let answer = app.answer_at(&url).await;

    assert!(
        latency < Duration::from_secs(1),
        "acknowledged after {latency:?}"
    );
    assert_eq!(ack, json!({}), "an empty acknowledgement shows nothing");
    let text = text_of(&answer.body);
    for command in ["answer", "recap", "settings", "schedule"] {
        assert!(text.contains(command), "{command} missing from {text}");
    }
    assert!(
        answer
            .body
            .get("response_type")
            .is_none_or(|t| t == "ephemeral")
    );
    app.finish().await;
}

/// The acknowledgement's latency is measured by `cargo bench --bench slack`; here it must come
/// before the slow work, far inside Slack's 3 seconds.
async fn a_recap_is_acknowledged_before_it_is_compiled_and_then_posted(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    let url = app.fake.response_url();
    let typed = payloads::command(&ALICE, "recap", &app.trigger(), &url);
    let envelope = app.fake.envelope("slash_commands", typed);
    let (ack, latency) = app.fake.ack(&envelope).await;
    let answer = app.answer_at(&url).await;

    assert_eq!(ack, json!({}));
    assert!(app.fake.acked_at(&envelope).unwrap() <= answer.at);
    assert!(
        latency < Duration::from_secs(1),
        "acknowledged after {latency:?}"
    );
    let text = text_of(&answer.body).to_lowercase();
    assert!(
        text.contains("no answers in this period yet"),
        "{}",
        answer.body
    );
    app.finish().await;
}

async fn a_member_who_is_no_workspace_admin_cannot_add_a_schedule(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };

    let answer = app.typed(&BOB, ADD).await;

    assert!(answer.contains("admin"), "{answer}");
    assert_eq!(schedule_count(&app).await, 0);
    app.finish().await;
}

async fn a_workspace_admin_or_a_listed_user_can_add_schedules(backend: Backend) {
    let Some(app) = SlackApp::start_with(backend, |settings, _| {
        settings.admin_user_ids = vec![BOB.id.to_string()];
    })
    .await
    else {
        return;
    };
    app.fake.wait_connected(1).await;
    app.fake.set_user(ALICE.id, json!({"is_admin": true}));

    app.command(&ALICE, ADD).await;
    app.fake.wait_for("chat.postMessage", 1).await;
    app.command(&BOB, &ADD.replace("weekly", "kpt").replace("FRI", "MON"))
        .await;
    let announced = app.fake.wait_for("chat.postMessage", 2).await;

    let texts: Vec<String> = announced.iter().map(|c| text_of(&c.body)).collect();
    assert!(texts[0].contains("Added the schedule weekly"), "{texts:?}");
    assert!(texts[1].contains("Added the schedule kpt"), "{texts:?}");
    for call in &announced {
        assert_eq!(
            call.body["channel"], "C0RETRO",
            "announced in the schedule's channel"
        );
    }
    assert_eq!(schedule_count(&app).await, 2);
    app.finish().await;
}

async fn a_korean_slack_profile_gets_korean_answers_and_its_own_time_zone(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    app.fake.set_user(
        ALICE.id,
        json!({"locale": "ko-KR", "tz": "America/New_York", "profile": {"display_name": "앨리스"}}),
    );

    let answer = app.typed(&ALICE, "help").await;

    crate::support::language::assert_korean(&answer);
    let team = app.store.all_teams().await.unwrap().remove(0);
    assert_eq!(team.external_id, TEAM);
    let member = app
        .store
        .find_member(team.id, ALICE.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(member.language, Lang::Ko);
    assert_eq!(member.time_zone.map(|z| z.name()), Some("America/New_York"));
    assert_eq!(member.display_name, "앨리스");
    app.finish().await;
}

on_each_backend!(
    help_is_acknowledged_at_once_and_answered_through_the_response_url,
    a_recap_is_acknowledged_before_it_is_compiled_and_then_posted,
    a_member_who_is_no_workspace_admin_cannot_add_a_schedule,
    a_workspace_admin_or_a_listed_user_can_add_schedules,
    a_korean_slack_profile_gets_korean_answers_and_its_own_time_zone,
);
