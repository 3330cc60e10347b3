//! `/hoego recap` on Slack: the recap comes through the response URL, and its chart PNGs go up
//! as files (`files.getUploadURLExternal`, the upload, `files.completeUploadExternal`) to the
//! member's DM; a recap with thirteen charts shares every one of them there, in order (one file per `files.completeUploadExternal`, so no per-message limit applies).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::visibility::Visibility;
use hoego::store::{AnswerWrite, NewDelivery, NewRound};
use serde_json::json;

use super::SlackApp;
use super::payloads::ALICE;
use super::rounds::actor;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{WEEKLY, friday_schedule};
use crate::support::many_charts::{answered_many, many_charts};

/// Alice answered the built-in weekly on the Friday of ISO weeks 1 to 12 of 2026, each with a
/// note and a mood from 2 to 5.
async fn twelve_weeks(app: &SlackApp) {
    let store = &app.store;
    let (team, member) = app.service.identify(&actor(&ALICE, false)).await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let template = store.save_template(team.id, "weekly", WEEKLY, start);
    let template = template.await.unwrap();
    let schedule = friday_schedule(team.id, "weekly", template);
    let schedule = store.create_schedule(&schedule, start).await.unwrap();
    for week in 1..=12u32 {
        let date = NaiveDate::from_isoywd_opt(2026, week, chrono::Weekday::Fri).unwrap();
        let local = date.and_hms_opt(17, 0, 0).unwrap();
        let due = Utc.from_utc_datetime(&(local - Duration::hours(9)));
        let closes = due + Duration::hours(48);
        let round = NewRound {
            team_id: team.id,
            schedule_id: Some(schedule),
            template_id: template,
            occurrence_local: local,
            due_at: due,
            closes_at: closes,
        };
        let round = store.insert_round(&round, due).await.unwrap();
        let delivery = NewDelivery {
            round_id: round,
            member_id: member.id,
            due_at: due,
            closes_at: closes,
            remind_at: None,
        };
        let delivery = store.insert_delivery(&delivery).await.unwrap();
        let write = |question: &str, value: String| AnswerWrite {
            question_id: question.into(),
            value: Some(value),
            visibility: Visibility::Team,
            resolutions: None,
            milestone: None,
            mandalart: None,
        };
        let writes = [
            write(
                "went-well",
                format!("week {week}: {}", "paired on the parser ".repeat(12)),
            ),
            write("mood", (2 + week % 4).to_string()),
        ];
        let at = due + Duration::hours(1);
        store
            .save_answers(delivery, member.id, &writes, at)
            .await
            .unwrap();
    }
}

async fn a_recap_comes_through_the_response_url_and_its_chart_png_goes_to_the_dm(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    twelve_weeks(&app).await;

    let (_, _, url) = app.command(&ALICE, "recap 2026").await;
    let answered = app.answer_at(&url).await;
    let completed = app.fake.wait_for("files.completeUploadExternal", 1).await;

    let asked: Vec<String> = app
        .fake
        .calls_of("files.getUploadURLExternal")
        .iter()
        .map(|c| c.body["filename"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        asked,
        ["hoego-recap-2026-trend-mood.png"],
        "every week answered: the mood chart and no participation chart"
    );
    let text = answered.body.to_string();
    assert!(text.contains("Answered 12 of 12 rounds"), "{text}");
    let mut shared = 0;
    for call in &completed {
        assert_eq!(call.body["channel_id"], json!(format!("D{}", ALICE.id)));
        shared += call.body["files"].as_array().map_or(0, Vec::len);
    }
    assert_eq!(shared, 1, "the chart shared to the DM: {completed:?}");
    let uploads = app.fake.uploads();
    let pngs: Vec<&Vec<u8>> = uploads
        .values()
        .filter(|bytes| bytes.starts_with(b"\x89PNG\r\n\x1a\n"))
        .collect();
    assert_eq!(pngs.len(), 1, "the chart uploaded whole: {uploads:?}");
    let decoder = png::Decoder::new(std::io::Cursor::new(pngs[0].as_slice()));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (1000, 420));
    app.fake.assert_no_violations();
    app.finish().await;
}

async fn a_recap_with_thirteen_charts_shares_every_one_in_the_dm_in_order(backend: Backend) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let (team, member) = app.service.identify(&actor(&ALICE, false)).await.unwrap();
    answered_many(&app.store, team.id, member.id).await;
    let charts = many_charts("hoego-recap-2026");

    let (_, _, url) = app.command(&ALICE, "recap 2026").await;
    app.answer_at(&url).await;
    let completed = app
        .fake
        .wait_for("files.completeUploadExternal", charts.len())
        .await;

    let mut shared = Vec::new();
    for call in &completed {
        assert_eq!(call.body["channel_id"], json!(format!("D{}", ALICE.id)));
        for file in call.body["files"].as_array().unwrap() {
            shared.push(file["title"].as_str().unwrap().to_string());
        }
    }
    let charts_shared: Vec<&String> = shared.iter().filter(|f| f.ends_with(".png")).collect();
    assert_eq!(
        charts_shared,
        charts.iter().collect::<Vec<_>>(),
        "{shared:?}"
    );
    app.fake.assert_no_violations();
    app.finish().await;
}

on_each_backend!(
    a_recap_comes_through_the_response_url_and_its_chart_png_goes_to_the_dm,
    a_recap_with_thirteen_charts_shares_every_one_in_the_dm_in_order,
);
