//! A member who can view a schedule's digest channel gets that schedule's team recap without
//! taking part; one who cannot does not. Discord is asked through serenity (the channel's
//! overwrites, the server's roles, the member's roles) against the fake; when it does not
//! answer, the member is taken as not reading the channel.

use chrono::{Duration, TimeZone, Utc};
use hoego::domain::visibility::Visibility;
use hoego::service::Interaction;
use hoego::store::{AnswerWrite, NewDelivery, NewRound, NewSchedule};
use serde_json::json;

use super::DiscordApp;
use super::payloads::{GUILD, Person};
use super::roles::member;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{WEEKLY, friday_schedule};

/// The private digest channel of the leads' schedule.
const LEADS_CHANNEL: &str = "5100";
/// The role that may view it.
const LEADS_ROLE: &str = "9300";
const VIEW_CHANNEL: u64 = 1 << 10;
const SEND_MESSAGES: u64 = 1 << 11;
/// The bot's role in the fake servers.
const BOT_ROLE: &str = "8100";

/// A server where everyone views channels, but `#leads` only the leads role (and the bot);
/// the schedule `leads` posts its digests there, and its one participant (6001) answered.
async fn leads_schedule(app: &DiscordApp) {
    app.registered().await;
    let fake = &app.fake;
    fake.add_guild(GUILD, "Guild", VIEW_CHANNEL | SEND_MESSAGES);
    fake.set_everyone(GUILD, VIEW_CHANNEL | SEND_MESSAGES);
    fake.add_role(GUILD, LEADS_ROLE, 0);
    fake.add_channel(GUILD, LEADS_CHANNEL, "leads");
    fake.overwrite_in_channel(LEADS_CHANNEL, GUILD, 0, VIEW_CHANNEL);
    fake.overwrite_in_channel(LEADS_CHANNEL, LEADS_ROLE, VIEW_CHANNEL, 0);
    fake.overwrite_in_channel(LEADS_CHANNEL, BOT_ROLE, VIEW_CHANNEL, 0);
    fake.set_members(vec![
        member("6001", &[LEADS_ROLE], false),
        member("6002", &[LEADS_ROLE], false),
        member("6003", &[], false),
    ]);

    let store = &app.store;
    let lead = Person::member("6001");
    let (team, author) = app.service.identify(&app.actor(&lead)).await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let template = store
        .save_template(team.id, "weekly", WEEKLY, start)
        .await
        .unwrap();
    let schedule = NewSchedule {
        digest_channel_id: Some(LEADS_CHANNEL.into()),
        ..friday_schedule(team.id, "leads", template)
    };
    let schedule = store.create_schedule(&schedule, start).await.unwrap();
    store
        .add_participant(schedule, author.id, start, None)
        .await
        .unwrap();
    let due = Utc.with_ymd_and_hms(2026, 3, 6, 8, 0, 0).unwrap();
    let closes = due + Duration::hours(48);
    let round = NewRound {
        team_id: team.id,
        schedule_id: Some(schedule),
        template_id: template,
        occurrence_local: due.naive_utc() + Duration::hours(9),
        due_at: due,
        closes_at: closes,
    };
    let round = store.insert_round(&round, due).await.unwrap();
    let delivery = NewDelivery {
        round_id: round,
        member_id: author.id,
        due_at: due,
        closes_at: closes,
        remind_at: None,
    };
    let delivery = store.insert_delivery(&delivery).await.unwrap();
    let write = AnswerWrite {
        question_id: "went-well".into(),
        value: Some("the leads offsite".into()),
        visibility: Visibility::Team,
        resolutions: None,
        milestone: None,
        mandalart: None,
    };
    store
        .save_answers(delivery, author.id, &[write], due + Duration::hours(1))
        .await
        .unwrap();
    store.close_ended_rounds(closes).await.unwrap();
}

/// `who`'s team recap of 2026, as text.
async fn team_recap(app: &DiscordApp, who: &Person) -> String {
    let ask = Interaction::Text("recap 2026 team".into());
    let reply = app
        .service
        .interact(&app.actor(who), ask)
        .await
        .into_reply();
    let mut text = reply.plain_text();
    for file in &reply.attachments {
        text.push_str(&String::from_utf8_lossy(&file.bytes));
    }
    text
}

async fn a_member_who_views_the_digest_channel_gets_its_schedules_team_recap(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    leads_schedule(&app).await;

    let reader = team_recap(&app, &Person::member("6002")).await;
    let outsider = team_recap(&app, &Person::member("6003")).await;

    assert!(reader.contains("the leads offsite"), "{reader}");
    assert!(!outsider.contains("the leads offsite"), "{outsider}");
    // Asked of Discord: the channel, the server's roles, each member.
    let asked = app.fake.requests_to("GET", "/members/");
    assert!(asked.iter().any(|r| r.path.ends_with("/members/6002")));
    assert!(asked.iter().any(|r| r.path.ends_with("/members/6003")));
    app.finish().await;
}

async fn when_discord_does_not_answer_the_member_is_not_taken_as_a_reader(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    leads_schedule(&app).await;
    let error = json!({"message": "500: Internal Server Error", "code": 0});
    app.fake.fail_next(
        axum::http::Method::GET,
        &format!("/channels/{LEADS_CHANNEL}"),
        500,
        error,
    );

    let refused = team_recap(&app, &Person::member("6002")).await;
    assert!(!refused.contains("the leads offsite"), "{refused}");
    // Not kept: asked again, Discord answers, and the reader gets the recap.
    let later = team_recap(&app, &Person::member("6002")).await;
    assert!(later.contains("the leads offsite"), "{later}");
    app.finish().await;
}

on_each_backend!(
    a_member_who_views_the_digest_channel_gets_its_schedules_team_recap,
    when_discord_does_not_answer_the_member_is_not_taken_as_a_reader,
);
