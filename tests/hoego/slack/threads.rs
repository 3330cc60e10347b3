//! Prompts in a thread of the schedule's channel, for members who chose `delivery thread`: one
//! thread per round title, opened by its first message, every prompt a reply in it naming its
//! member (and only them); a restarted hoego finds the round's thread and goes on in it.

use crate::on_each_backend;
use crate::support::Backend;
use hoego::service::Interaction;
use serde_json::json;

use std::sync::Arc;

use hoego::platform::slack::SlackMessenger;

use super::fake::BOT_TOKEN;
use super::payloads::{ALICE, BOB, CHANNEL};
use super::rounds::{a_round, a_round_for, actor};
use super::{SlackApp, buttons};
use crate::support::messenger::RefusesFor;
use crate::support::world::unpaced_sender;

async fn prompts_for_members_who_chose_threads_are_replies_in_one_thread_of_the_channel(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    for who in [&ALICE, &BOB] {
        let thread = Interaction::Text("settings delivery thread".into());
        let chose = app.service.interact(&actor(who, false), thread).await;
        let chose = chose.into_reply();
        assert!(!chose.plain_text().is_empty());
    }
    a_round(&app).await;

    let step = app.sender().step().await.unwrap();

    assert_eq!(step.sent, 2);
    let posts = app.fake.calls_of("chat.postMessage");
    assert_eq!(
        posts.len(),
        3,
        "the thread's first message and two prompts: {posts:?}"
    );
    for post in &posts {
        assert_eq!(post.body["channel"], json!(CHANNEL));
    }
    let roots: Vec<_> = posts
        .iter()
        .filter(|p| p.body["thread_ts"].is_null())
        .collect();
    assert_eq!(roots.len(), 1, "one thread");
    let replies: Vec<_> = posts
        .iter()
        .filter(|p| !p.body["thread_ts"].is_null())
        .collect();
    let thread = replies[0].body["thread_ts"].clone();
    assert!(replies.iter().all(|r| r.body["thread_ts"] == thread));
    assert!(replies.iter().all(|r| buttons(&r.body).len() == 2));
    let mut named: Vec<&str> = Vec::new();
    for reply in &replies {
        let text = reply.body["text"].as_str().unwrap_or_default().to_string();
        let first = first_section(&reply.body);
        let mentioned: Vec<&str> = [ALICE.id, BOB.id]
            .into_iter()
            .filter(|id| first.contains(&format!("<@{id}>")))
            .collect();
        assert_eq!(mentioned.len(), 1, "one member named: {first}");
        assert!(
            text.starts_with(&format!("<@{}> ", mentioned[0])),
            "the notification names them too, without Markdown: {text}"
        );
        assert!(!text.contains("**"), "{text}");
        named.push(mentioned[0]);
    }
    named.sort_unstable();
    assert_eq!(
        named,
        [ALICE.id, BOB.id],
        "each prompt names its own member"
    );
    assert!(
        app.fake.calls_of("conversations.open").is_empty(),
        "no DM opened"
    );
    app.finish().await;
}

/// The text of a posted message's first section block.
fn first_section(body: &serde_json::Value) -> String {
    let blocks = match &body["blocks"] {
        serde_json::Value::String(encoded) => serde_json::from_str(encoded).unwrap_or_default(),
        other => other.clone(),
    };
    blocks
        .as_array()
        .into_iter()
        .flatten()
        .find(|b| b["type"] == "section")
        .and_then(|b| b["text"]["text"].as_str())
        .unwrap_or_default()
        .to_string()
}

async fn a_restarted_hoego_goes_on_in_the_rounds_thread_instead_of_opening_another(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    let people = [(ALICE.id, ALICE.name), (BOB.id, BOB.name)];
    a_round_for(&app, &people, true).await;
    let refusing = RefusesFor {
        inner: app.bot.as_ref().unwrap().messenger(),
        user: BOB.id.into(),
    };
    let before = unpaced_sender(&app.store, &app.clock, Arc::new(refusing));
    let first = before.step().await.unwrap();
    app.clock.advance(chrono::Duration::seconds(30));
    let url = url::Url::parse(&app.fake.api_url()).unwrap();
    let restarted = SlackMessenger::connect(BOT_TOKEN, Some(&url)).unwrap();
    let after = unpaced_sender(&app.store, &app.clock, Arc::new(restarted));

    let second = after.step().await.unwrap();

    assert_eq!((first.sent, first.retried, second.sent), (1, 1, 1));
    let posts = app.fake.calls_of("chat.postMessage");
    let roots: Vec<_> = posts
        .iter()
        .filter(|p| p.body["thread_ts"].is_null())
        .collect();
    assert_eq!(roots.len(), 1, "one thread for the round: {posts:?}");
    let root = &roots[0].answer["ts"];
    let replies = posts.iter().filter(|p| !p.body["thread_ts"].is_null());
    assert!(
        replies.clone().count() == 2 && replies.into_iter().all(|p| &p.body["thread_ts"] == root)
    );
    app.finish().await;
}

on_each_backend!(
    prompts_for_members_who_chose_threads_are_replies_in_one_thread_of_the_channel,
    a_restarted_hoego_goes_on_in_the_rounds_thread_instead_of_opening_another,
);
