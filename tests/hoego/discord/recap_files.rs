//! A year recap with more pictures than one Discord message takes (ten files): the response
//! carries the text and the first ten files (the Markdown first), and ephemeral follow-ups carry
//! the rest, ten at most each, in the recap's order, none lost and none twice. A message the
//! sender posts in a channel spills over the same way, into further channel messages, and a
//! retried send posts none of them twice.

use hoego::domain::lang::Lang;
use hoego::platform::discord::DiscordMessenger;
use hoego::platform::discord::permissions::needed;
use hoego::service::messenger::{Destination, Messenger, Outgoing};
use hoego::service::reply::{Attachment, Reply};
use serde_json::{Value, json};

use super::fake::FakeDiscord;
use super::payloads::{Person, sub};
use super::{DiscordApp, content, ephemeral, mentions_disabled};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::many_charts::{answered_many, many_charts};

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
    app.registered().await;
    let (team, member) = app.service.identify(&app.actor(&mina)).await.unwrap();
    answered_many(&app.store, team.id, member.id).await;
    let mut expected = vec!["hoego-recap-2026.md".to_string()];
    expected.extend(many_charts("hoego-recap-2026"));

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
