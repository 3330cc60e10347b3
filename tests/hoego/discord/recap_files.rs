//! A year recap with more pictures than one Discord message takes (ten files): the response
//! carries the text and the first ten files (the Markdown first), and ephemeral follow-ups carry
//! the rest, ten at most each, in the recap's order, none lost and none twice. A message the
//! sender posts in a channel spills over the same way, into further channel messages, and a
//! retried send posts none of them twice.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use hoego::domain::lang::Lang;
use hoego::domain::mandalart::Grid;
use hoego::domain::visibility::Visibility;
use hoego::platform::discord::DiscordMessenger;
use hoego::platform::discord::permissions::needed;
use hoego::service::messenger::{Destination, Messenger, Outgoing};
use hoego::service::reply::{Attachment, Reply};
use hoego::store::{AnswerWrite, NewDelivery, NewRound};
use serde_json::{Value, json};

use super::fake::FakeDiscord;
use super::payloads::{Person, sub};
use super::{DiscordApp, content, ephemeral, mentions_disabled};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::friday_schedule;

/// Scale questions in [`many_scales`]: one trend chart each.
const SCALES: usize = 12;

/// A template with a text question, [`SCALES`] scale questions and a Mandalart.
fn many_scales() -> String {
    let mut toml = String::from(
        "id = \"many\"\n[name]\nen = \"Many\"\nko = \"여럿\"\n[description]\nen = \"Week.\"\n\
         ko = \"주.\"\n[[questions]]\nid = \"note\"\nkind = \"text\"\n[questions.text]\n\
         en = \"What happened?\"\nko = \"무슨 일이 있었나요?\"\n",
    );
    for n in 1..=SCALES {
        toml.push_str(&format!(
            "[[questions]]\nid = \"s{n:02}\"\nkind = \"scale\"\n[questions.text]\n\
             en = \"Scale {n}?\"\nko = \"척도 {n}?\"\n[questions.low]\nen = \"low\"\nko = \"낮음\"\n\
             [questions.high]\nen = \"high\"\nko = \"높음\"\n"
        ));
    }
    toml.push_str(
        "[[questions]]\nid = \"plan\"\nkind = \"mandalart\"\nrequired = false\n\
         [questions.text]\nen = \"Plan\"\nko = \"계획\"\n",
    );
    toml
}

fn write(question: &str, value: String, mandalart: Option<i32>) -> AnswerWrite {
    AnswerWrite {
        question_id: question.into(),
        value: Some(value),
        visibility: Visibility::Private,
        resolutions: None,
        milestone: None,
        mandalart,
    }
}

/// `who` answered the `many` template on the Friday of ISO weeks 10, 20 and 30 of 2026 (every
/// scale, and a long note), and wrote a Mandalart for 2027 in week 50.
async fn answered_many(app: &DiscordApp, who: &Person) {
    app.registered().await;
    let store = &app.store;
    let (team, member) = app.service.identify(&app.actor(who)).await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let template = store
        .save_template(team.id, "many", &many_scales(), start)
        .await
        .unwrap();
    let schedule = friday_schedule(team.id, "many", template);
    let schedule = store.create_schedule(&schedule, start).await.unwrap();
    for week in [10, 20, 30, 50] {
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
        let mut writes = vec![write(
            "note",
            format!("week {week}: {}", "회고 ".repeat(200)),
            None,
        )];
        for n in 1..=SCALES {
            let value = (1 + (week as usize + n) % 5).to_string();
            writes.push(write(&format!("s{n:02}"), value, None));
        }
        if week == 50 {
            let mut grid = Grid {
                centre: "A calm year".into(),
                ..Grid::default()
            };
            grid.goals[0].title = "Health".into();
            grid.goals[0].actions[0] = "Walk daily".into();
            writes.push(write("plan", grid.to_storage(), Some(2027)));
        }
        store
            .save_answers(delivery, member.id, &writes, due + Duration::hours(1))
            .await
            .unwrap();
    }
}

fn filenames(body: &Value) -> Vec<String> {
    body["_files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["filename"].as_str().unwrap().to_string())
        .collect()
}

async fn a_year_recap_with_more_than_ten_files_sends_them_all_in_follow_ups(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    answered_many(&app, &mina).await;
    let mut expected = vec!["hoego-recap-2026.md".to_string()];
    expected.extend((1..=SCALES).map(|n| format!("hoego-recap-2026-trend-s{n:02}.png")));
    expected.push("hoego-recap-2026-mandalart-2027.png".into());

    let response = app
        .slash(&mina, sub("recap", &[("period", json!("2026"))]))
        .await;
    let follow_ups = app.fake.wait_for("POST", "/webhooks/", 1).await;

    assert_eq!(response["type"], 4, "{response}");
    assert!(ephemeral(&response), "{response}");
    assert!(content(&response).contains("Answered 4 of"), "{response}");
    let mut sent = filenames(&response);
    assert_eq!(sent.len(), 10, "the first message is full: {sent:?}");
    for follow_up in &follow_ups {
        let names = filenames(&follow_up.body);
        assert!((1..=10).contains(&names.len()), "{names:?}");
        assert!(
            ephemeral(&json!({"data": follow_up.body})),
            "{:?}",
            follow_up.body
        );
        assert!(mentions_disabled(&follow_up.body), "{:?}", follow_up.body);
        sent.extend(names);
    }
    assert_eq!(sent, expected, "every file once, in the recap's order");
    assert_eq!(follow_ups.len(), 1, "four files left: one follow-up");
    assert_eq!(follow_ups[0].body["content"], "📎 11–14 / 14");
    app.finish().await;
}

#[tokio::test]
async fn a_posted_reply_with_15_files_goes_as_two_messages_and_a_retry_repeats_none() {
    const CHANNEL: &str = "5100";
    let fake = FakeDiscord::with_token("bot-token").await;
    fake.add_guild("8000", "Team", needed().bits());
    fake.add_channel("8000", CHANNEL, "retro");
    let messenger = DiscordMessenger::new("bot-token", Some(fake.base_url()));
    let mut reply = Reply::text(Lang::Ko, "2026년 회고예요");
    reply.attachments = (1..=15)
        .map(|n| Attachment {
            filename: format!("chart-{n:02}.png"),
            content_type: "image/png".into(),
            bytes: vec![n],
        })
        .collect();
    let recap = Outgoing {
        to: Destination::Channel {
            channel_id: CHANNEL.into(),
            thread: None,
        },
        reply,
        idempotency_key: "recap:2026".into(),
        mention: None,
    };

    let first = messenger.send(&recap).await.unwrap();
    let retried = messenger.send(&recap).await.unwrap();

    assert_eq!(retried, first, "the retry finds the message it posted");
    assert_eq!(fake.messages_created_in(CHANNEL), 2, "10 + 5 files");
    let posts = fake.requests_to("POST", &format!("/channels/{CHANNEL}/messages"));
    let names: Vec<String> = posts[..2].iter().flat_map(|p| filenames(&p.body)).collect();
    let expected: Vec<String> = (1..=15).map(|n| format!("chart-{n:02}.png")).collect();
    assert_eq!(names, expected, "every file once, in order");
    let contents: Vec<&str> = posts[..2]
        .iter()
        .map(|p| p.body["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["2026년 회고예요", "📎 11–15 / 15"]);
    fake.assert_no_violations();
}

on_each_backend!(a_year_recap_with_more_than_ten_files_sends_them_all_in_follow_ups);
