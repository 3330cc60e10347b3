//! Round digests posted by the bot's messenger (the DigestPoster's path) in the schedule's
//! digest channel: a short one as one message, a long one as a summary with the whole Markdown
//! uploaded as a file (multipart), mentions disabled either way.

use crate::on_each_backend;
use crate::support::Backend;
use chrono::{Duration, TimeZone, Utc};
use hoego::domain::ids::RoundId;
use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::visibility::Visibility;
use hoego::service::digest::DigestOutcome;
use hoego::store::{AnswerWrite, NewDelivery, NewRound, NewSchedule};
use serde_json::json;

use super::payloads::Person;
use super::recaps::PULSE;
use super::{DiscordApp, mentions_disabled};

/// The channel the schedule posts its digests in.
const DIGESTS: &str = "5100";

/// A `pulse` round of 2026-12-04 whose digest goes to [`DIGESTS`], answered by each person with
/// their note (shared with the team, named).
async fn answered_round(app: &DiscordApp, notes: &[(Person, String)]) -> RoundId {
    app.registered().await;
    let store = &app.store;
    let (team, _) = app.service.identify(&app.actor(&notes[0].0)).await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let template = store
        .save_template(team.id, "pulse", PULSE, start)
        .await
        .unwrap();
    let schedule = NewSchedule {
        team_id: team.id,
        name: "pulse".into(),
        template_id: template,
        cron: "0 17 * * FRI".into(),
        time_zone: Some("Asia/Seoul".into()),
        channel_id: None,
        digest_channel_id: Some(DIGESTS.into()),
        digest_group: DigestGrouping::Question,
        window_secs: 48 * 3600,
        reminder_percent: 0,
        grace_secs: 3600,
        next_local: None,
        next_due_at: None,
    };
    let schedule = store.create_schedule(&schedule, start).await.unwrap();
    let local = chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap();
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
    for (who, note) in notes {
        let (_, member) = app.service.identify(&app.actor(who)).await.unwrap();
        let delivery = NewDelivery {
            round_id: round,
            member_id: member.id,
            due_at: due,
            closes_at: closes,
            remind_at: None,
        };
        let delivery = store.insert_delivery(&delivery).await.unwrap();
        let write = AnswerWrite {
            question_id: "note".into(),
            value: Some(note.clone()),
            visibility: Visibility::Team,
            resolutions: None,
            milestone: None,
            mandalart: None,
        };
        let at = due + Duration::hours(1);
        store
            .save_answers(delivery, member.id, &[write], at)
            .await
            .unwrap();
    }
    round
}

/// Posts `round`'s digest through the bot's messenger, as the DigestPoster does.
async fn post_digest(app: &DiscordApp, round: RoundId) -> DigestOutcome {
    let messenger = app.bot.as_ref().unwrap().messenger();
    app.service
        .post_digest(round, messenger.as_ref())
        .await
        .unwrap()
}

async fn a_long_digest_is_posted_as_a_summary_with_the_whole_markdown_uploaded(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let mina = Person::member("6001");
    let joon = Person::member("6002");
    let notes = [
        (mina, format!("@everyone {}", "회고 ".repeat(700))),
        (joon, format!("{} the end", "retro ".repeat(400))),
    ];
    let round = answered_round(&app, &notes).await;

    let outcome = post_digest(&app, round).await;

    assert_eq!(outcome, DigestOutcome::Posted(DIGESTS.into()));
    let posted = app
        .fake
        .requests_to("POST", &format!("/channels/{DIGESTS}/"));
    assert_eq!(posted.len(), 1, "{posted:#?}");
    let body = &posted[0].body;
    let content = body["content"].as_str().unwrap();
    assert!(content.chars().count() <= 2000, "{content}");
    assert!(content.contains("pulse"), "{content}");
    assert!(mentions_disabled(body), "{body}");
    let filename = "hoego-digest-2026-12-04.md";
    assert_eq!(
        body["attachments"],
        json!([{"id": 0, "filename": filename}])
    );
    let files = body["_files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{body}");
    assert_eq!(files[0]["name"], "files[0]");
    assert_eq!(files[0]["filename"], filename);
    let (digest, _) = app.service.round_digest(round).await.unwrap();
    let uploaded = files[0]["text"].as_str().unwrap();
    assert_eq!(uploaded, digest.render());
    for (_, note) in &notes {
        assert!(uploaded.contains(note.trim_end()), "a note is cut short");
    }
    app.finish().await;
}

async fn a_short_digest_is_one_message_without_files(backend: Backend) {
    let Some(app) = DiscordApp::start(backend).await else {
        return;
    };
    let notes = [(Person::member("6001"), "Shipped @everyone".to_string())];
    let round = answered_round(&app, &notes).await;

    let outcome = post_digest(&app, round).await;

    assert_eq!(outcome, DigestOutcome::Posted(DIGESTS.into()));
    let posted = app
        .fake
        .requests_to("POST", &format!("/channels/{DIGESTS}/"));
    assert_eq!(posted.len(), 1, "{posted:#?}");
    let body = &posted[0].body;
    assert!(body.get("_files").is_none(), "{body}");
    let content = body["content"].as_str().unwrap();
    assert!(content.contains("> Shipped @everyone"), "{content}");
    assert!(mentions_disabled(body), "{body}");
    app.finish().await;
}

on_each_backend!(
    a_long_digest_is_posted_as_a_summary_with_the_whole_markdown_uploaded,
    a_short_digest_is_one_message_without_files,
);
