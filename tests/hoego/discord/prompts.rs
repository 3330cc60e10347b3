//! Prompts as DMs: the DM channel opened, Answer and Skip buttons carrying the action ids, the
//! idempotency key as nonce, mentions off; a 429 honoured with no duplicate; a member who does
//! not accept DMs left undeliverable.

use crate::on_each_backend;
use crate::support::Backend;
use axum::http::Method;
use chrono::Duration;
use hoego::domain::ids::{DeliveryId, TeamId};
use hoego::domain::state::DeliveryStatus;
use hoego::service::Interaction;
use hoego::service::command::{ChannelRef, Command, NewSchedule, ScheduleCommand};
use serde_json::json;

use super::payloads::{CHANNEL, Person, schedule_sub, sub};
use super::{DiscordApp, content, mentions_disabled};

pub const ALICE: &str = "6101";
pub const BOB: &str = "6102";

/// A schedule of `template` that alice and bob joined, a round opened with
/// `/hoego schedule run-now`, and the deliveries by user id.
pub async fn a_round_of(app: &DiscordApp, template: &str) -> (TeamId, Vec<(String, DeliveryId)>) {
    a_round_for(app, template, &[ALICE, BOB]).await
}

/// A schedule of `template` that `users` joined, a round opened with `/hoego schedule run-now`,
/// and the deliveries by user id.
pub async fn a_round_for(
    app: &DiscordApp,
    template: &str,
    users: &[&str],
) -> (TeamId, Vec<(String, DeliveryId)>) {
    app.registered().await;
    let admin = Person::admin("6000");
    let add = NewSchedule {
        template: template.into(),
        cron: "0 17 * * FRI".into(),
        name: Some(template.into()),
        channel: Some(ChannelRef::Id(CHANNEL.into())),
        ..NewSchedule::default()
    };
    let add = Interaction::Command(Command::Schedule(ScheduleCommand::Add(add)));
    let added = app.service.interact(&app.actor(&admin), add).await;
    let added = added.into_reply();
    assert!(
        added.plain_text().contains(template),
        "{}",
        added.plain_text()
    );
    let leave = Interaction::Command(Command::Leave { schedule: None });
    app.service.interact(&app.actor(&admin), leave).await;
    for &user in users {
        let join = Interaction::Command(Command::Join { schedule: None });
        app.service
            .interact(&app.actor(&Person::member(user)), join)
            .await;
    }
    let ran = app
        .slash(
            &admin,
            schedule_sub("run-now", &[("target", json!(template))]),
        )
        .await;
    assert!(!content(&ran).contains("Manage Server"), "{ran}");
    let (team, _) = app.service.identify(&app.actor(&admin)).await.unwrap();
    let deliveries = app.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(deliveries.len(), users.len(), "{deliveries:?}");
    let mut by_user = Vec::new();
    for delivery in deliveries {
        let member = app.store.member(delivery.member_id).await.unwrap();
        by_user.push((member.user_id, delivery.id));
    }
    by_user.sort();
    (team.id, by_user)
}

async fn a_round_sends_each_member_a_dm_with_answer_and_skip_buttons(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (_, deliveries) = a_round_of(&app, "weekly").await;

    let step = app.sender().step().await.unwrap();

    assert_eq!(step.sent, 2);
    let opened = app.fake.requests_to("POST", "/users/@me/channels");
    let recipients: Vec<&str> = opened
        .iter()
        .map(|r| r.body["recipient_id"].as_str().unwrap())
        .collect();
    assert_eq!(recipients.len(), 2);
    assert!(recipients.contains(&ALICE) && recipients.contains(&BOB));
    for (user, delivery) in &deliveries {
        let posts = app
            .fake
            .requests_to("POST", &format!("/channels/7{user}/messages"));
        assert_eq!(posts.len(), 1, "one DM to {user}");
        let body = &posts[0].body;
        let ids: Vec<&str> = body["components"][0]["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["custom_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [format!("answer:{delivery}"), format!("skip:{delivery}")]
        );
        assert_eq!(body["nonce"], format!("hoego-d{delivery}"));
        assert_eq!(body["enforce_nonce"], true);
        assert!(mentions_disabled(body), "{body}");
        assert!(
            body["content"]
                .as_str()
                .unwrap()
                .contains("What went well this week?")
        );
    }
    app.finish().await;
}

async fn a_429_is_honoured_after_its_retry_after_and_nothing_is_posted_twice(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "weekly").await;
    let limited =
        json!({"message": "You are being rate limited.", "retry_after": 1.5, "global": false});
    app.fake.fail_next(Method::POST, "/messages", 429, limited);

    let first = app.sender().step().await.unwrap();
    let too_early = app.sender().step().await.unwrap();
    app.clock.advance(Duration::seconds(2));
    let later = app.sender().step().await.unwrap();

    assert_eq!(
        (first.sent, first.rate_limited, too_early.sent, later.sent),
        (1, 1, 0, 1)
    );
    for (user, _) in &deliveries {
        let delivered: Vec<_> = app
            .fake
            .requests_to("POST", &format!("/channels/7{user}/messages"))
            .into_iter()
            .filter(|r| r.status == 200)
            .collect();
        assert_eq!(delivered.len(), 1, "exactly one DM reached {user}");
    }
    let statuses: Vec<_> = app
        .store
        .deliveries_of_team(team)
        .await
        .unwrap()
        .iter()
        .map(|d| (d.status, d.attempts))
        .collect();
    assert!(
        statuses.iter().all(|(s, _)| *s == DeliveryStatus::Sent),
        "{statuses:?}"
    );
    app.finish().await;
}

async fn a_member_who_does_not_accept_dms_is_marked_undeliverable(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "weekly").await;
    let (alice, _) = &deliveries[0];
    let refused = json!({"message": "Cannot send messages to this user", "code": 50007});
    app.fake.fail_next(
        Method::POST,
        &format!("/channels/7{alice}/messages"),
        403,
        refused,
    );

    app.sender().step().await.unwrap();

    let statuses: Vec<_> = app
        .store
        .deliveries_of_team(team)
        .await
        .unwrap()
        .iter()
        .map(|d| d.status)
        .collect();
    assert!(
        statuses.contains(&DeliveryStatus::Undeliverable),
        "{statuses:?}"
    );
    assert!(statuses.contains(&DeliveryStatus::Sent), "{statuses:?}");
    app.finish().await;
}

async fn a_member_who_chose_threads_is_prompted_in_a_thread_of_the_schedules_channel(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    app.registered().await;
    let alice = Person::member(ALICE);
    let chose = app
        .slash(&alice, sub("settings", &[("delivery", json!(1))]))
        .await;
    assert_eq!(chose["type"], 4, "{chose}");
    let (_, deliveries) = a_round_of(&app, "weekly").await;

    app.sender().step().await.unwrap();

    let threads = app
        .fake
        .requests_to("POST", &format!("/channels/{CHANNEL}/threads"));
    assert_eq!(
        threads.len(),
        1,
        "one thread opened in the schedule's channel"
    );
    assert!(
        threads[0].body["name"]
            .as_str()
            .unwrap()
            .starts_with("weekly")
    );
    let (_, delivery) = deliveries.iter().find(|(u, _)| u == ALICE).unwrap();
    let posted: Vec<_> = app
        .fake
        .requests_to("POST", "/messages")
        .into_iter()
        .filter(|r| r.body["nonce"] == format!("hoego-d{delivery}"))
        .collect();
    assert_eq!(posted.len(), 1);
    assert!(
        !posted[0].path.contains(&format!("/channels/7{ALICE}/")),
        "not a DM"
    );
    let text = posted[0].body["content"].as_str().unwrap_or_default();
    assert!(text.starts_with(&format!("<@{ALICE}> ")), "{text}");
    assert!(!text.contains(&format!("<@{BOB}>")), "{text}");
    let allowed = &posted[0].body["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "{allowed}");
    assert_eq!(
        allowed["users"],
        json!([ALICE]),
        "only the member: {allowed}"
    );
    assert_eq!(allowed["roles"], json!([]), "{allowed}");
    assert!(
        app.fake
            .requests_to("POST", &format!("/channels/7{BOB}/messages"))
            .len()
            == 1
    );
    app.finish().await;
}

async fn the_next_prompt_reuses_the_cached_dm_channel(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, _) = a_round_of(&app, "weekly").await;
    app.sender().step().await.unwrap();
    let admin = Person::admin("6000");
    app.clock.advance(Duration::days(7));
    app.slash(
        &admin,
        schedule_sub("run-now", &[("target", json!("weekly"))]),
    )
    .await;
    let rounds = app.store.deliveries_of_team(team).await.unwrap().len();

    let step = app.sender().step().await.unwrap();

    assert_eq!((rounds, step.sent), (4, 2));
    assert_eq!(app.fake.requests_to("POST", "/users/@me/channels").len(), 2);
    assert_eq!(
        app.fake
            .requests_to("POST", &format!("/channels/7{ALICE}/messages"))
            .len(),
        2
    );
    app.finish().await;
}

async fn a_member_refusing_dms_is_told_once_in_the_schedules_channel_pinging_only_them(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let (team, deliveries) = a_round_of(&app, "weekly").await;
    let (alice, _) = deliveries[0].clone();
    let refuse = || {
        let refused = json!({"message": "Cannot send messages to this user", "code": 50007});
        app.fake.fail_next(
            Method::POST,
            &format!("/channels/7{alice}/messages"),
            403,
            refused,
        );
    };
    let admin = Person::admin("6000");

    refuse();
    app.sender().step().await.unwrap();
    app.clock.advance(Duration::days(3));
    let again = app
        .slash(
            &admin,
            schedule_sub("run-now", &[("target", json!("weekly"))]),
        )
        .await;
    refuse();
    app.sender().step().await.unwrap();
    let listed = app.slash(&admin, schedule_sub("list", &[])).await;

    assert!(!content(&again).contains("Manage Server"), "{again}");
    let undeliverable = app
        .store
        .deliveries_of_team(team)
        .await
        .unwrap()
        .iter()
        .filter(|d| d.status == DeliveryStatus::Undeliverable)
        .count();
    assert_eq!(undeliverable, 2, "both of alice's prompts");
    let notices: Vec<_> = app
        .fake
        .requests_to("POST", &format!("/channels/{CHANNEL}/messages"))
        .into_iter()
        .filter(|r| r.body["content"].as_str().is_some_and(|c| c.contains("<@")))
        .collect();
    assert_eq!(notices.len(), 1, "told once: {notices:?}");
    let notice = &notices[0].body;
    let text = notice["content"].as_str().unwrap();
    assert!(text.starts_with(&format!("<@{alice}> ")), "{text}");
    assert!(text.contains("direct message"), "{text}");
    assert_eq!(notice["allowed_mentions"]["parse"], json!([]), "{notice}");
    assert_eq!(
        notice["allowed_mentions"]["users"],
        json!([alice]),
        "{notice}"
    );
    assert!(content(&listed).contains("undeliverable: 2"), "{listed}");
    app.finish().await;
}

on_each_backend!(
    a_round_sends_each_member_a_dm_with_answer_and_skip_buttons,
    a_429_is_honoured_after_its_retry_after_and_nothing_is_posted_twice,
    a_member_who_does_not_accept_dms_is_marked_undeliverable,
    a_member_who_chose_threads_is_prompted_in_a_thread_of_the_schedules_channel,
    the_next_prompt_reuses_the_cached_dm_channel,
    a_member_refusing_dms_is_told_once_in_the_schedules_channel_pinging_only_them,
);
