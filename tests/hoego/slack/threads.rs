//! Prompts in a thread of the schedule's channel, for members who chose `delivery thread`: one
//! thread per round title, opened by its first message, every prompt a reply in it.

use crate::on_each_backend;
use crate::support::Backend;
use hoego::service::Interaction;
use serde_json::json;

use super::payloads::{ALICE, BOB, CHANNEL};
use super::rounds::{a_round, actor};
use super::{SlackApp, buttons};

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
    assert!(
        app.fake.calls_of("conversations.open").is_empty(),
        "no DM opened"
    );
    app.finish().await;
}

on_each_backend!(prompts_for_members_who_chose_threads_are_replies_in_one_thread_of_the_channel,);
