//! `/hoego recap` and `/hoego export` through the fake: ephemeral replies within Discord's
//! 2,000 characters or a summary with the Markdown attached (a multipart upload), the chart PNGs
//! attached, and a recap quoting "@everyone" pinging no one.

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::friday_schedule;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::visibility::Visibility;
use hoego::store::{AnswerWrite, NewDelivery, NewRound};
use serde_json::{Value, json};

use super::payloads::{Person, sub};
use super::{DiscordApp, content, ephemeral, mentions_disabled};

/// A template with a text and a scale question.
pub(super) const PULSE: &str = r#"
id = "pulse"
[name]
en = "Pulse"
ko = "펄스"
[description]
en = "Week."
ko = "주."
[[questions]]
id = "note"
kind = "text"
[questions.text]
en = "What happened?"
ko = "무슨 일이 있었나요?"
[[questions]]
id = "energy"
kind = "scale"
[questions.text]
en = "Energy?"
ko = "에너지는?"
[questions.low]
en = "low"
ko = "낮음"
[questions.high]
en = "high"
ko = "높음"
"#;

/// `who` answered a `pulse` round on the Friday of each ISO week of 2026 in `weeks`, with the
/// note `note(week)` and an energy of 3 or 4.
async fn answered_weeks(
    app: &DiscordApp,
    who: &Person,
    weeks: std::ops::RangeInclusive<u32>,
    note: impl Fn(u32) -> String,
) {
    app.registered().await;
    let store = &app.store;
    let (team, member) = app.service.identify(&app.actor(who)).await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let template = store
        .save_template(team.id, "pulse", PULSE, start)
        .await
        .unwrap();
    let schedule = friday_schedule(team.id, "pulse", template);
    let schedule = store.create_schedule(&schedule, start).await.unwrap();
    for week in weeks {
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
            write("note", note(week)),
            write("energy", (3 + week % 2).to_string()),
        ];
        store
            .save_answers(delivery, member.id, &writes, due + Duration::hours(1))
            .await
            .unwrap();
    }
}

/// The files a response uploaded, by name.
fn files(response: &Value) -> Vec<Value> {
    response["_files"].as_array().cloned().unwrap_or_default()
}

fn filenames(response: &Value) -> Vec<String> {
    files(response)
        .iter()
        .map(|f| f["filename"].as_str().unwrap().to_string())
        .collect()
}

async fn a_long_recap_is_an_ephemeral_summary_with_the_markdown_and_charts_uploaded(
    backend: Backend,
) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    answered_weeks(&app, &mina, 1..=20, |week| {
        format!("week {week}: {}", "회고 ".repeat(60))
    })
    .await;

    let response = app
        .slash(&mina, sub("recap", &[("period", json!("2026"))]))
        .await;

    assert_eq!(response["type"], 4, "{response}");
    assert!(ephemeral(&response), "{response}");
    assert!(mentions_disabled(&response["data"]), "{response}");
    let text = content(&response);
    assert!(text.chars().count() <= 2000, "{}", text.chars().count());
    assert!(text.contains("Answered 20 of 20 rounds"), "{text}");
    assert_eq!(
        filenames(&response),
        ["hoego-recap-2026.md", "hoego-recap-2026-trend-energy.png"],
        "every week answered: no participation chart"
    );
    let uploaded = files(&response);
    let document = uploaded[0]["text"].as_str().unwrap();
    assert!(document.contains("- week 20: 회고"), "{document}");
    assert!(
        document.contains("](hoego-recap-2026-trend-energy.png)\n"),
        "the Markdown embeds the chart by its attachment's name: {document}"
    );
    assert!(uploaded[1]["png"].as_bool().unwrap());
    let attachments = response["data"]["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2, "{response}");
    app.finish().await;
}

async fn a_short_recap_fits_one_message_and_its_quoted_everyone_pings_no_one(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    answered_weeks(&app, &mina, 45..=45, |_| {
        "told @everyone and <@&9000> about the release".into()
    })
    .await;

    let response = app
        .slash(&mina, sub("recap", &[("period", json!("2026"))]))
        .await;

    assert_eq!(response["type"], 4, "{response}");
    assert!(ephemeral(&response), "{response}");
    let text = content(&response);
    assert!(text.contains("@everyone"), "{text}");
    assert!(text.chars().count() <= 2000);
    assert!(
        !filenames(&response).iter().any(|f| f.ends_with(".md")),
        "{response}"
    );
    let allowed = &response["data"]["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "{response}");
    assert!(mentions_disabled(&response["data"]), "{response}");
    app.finish().await;
}

async fn export_uploads_the_markdown_and_json_files_ephemerally(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    answered_weeks(&app, &mina, 1..=3, |week| format!("week {week} @everyone")).await;

    let response = app.slash(&mina, sub("export", &[])).await;

    assert_eq!(response["type"], 4, "{response}");
    assert!(ephemeral(&response), "{response}");
    assert!(mentions_disabled(&response["data"]), "{response}");
    assert_eq!(
        filenames(&response),
        ["hoego-export.md", "hoego-export.json"]
    );
    let uploaded = files(&response);
    assert!(uploaded[0]["text"].as_str().unwrap().contains("week 3"));
    let json: Value = serde_json::from_str(uploaded[1]["text"].as_str().unwrap()).unwrap();
    assert!(json.is_object(), "{json}");
    app.finish().await;
}

on_each_backend!(
    a_long_recap_is_an_ephemeral_summary_with_the_markdown_and_charts_uploaded,
    a_short_recap_fits_one_message_and_its_quoted_everyone_pings_no_one,
    export_uploads_the_markdown_and_json_files_ephemerally,
);
