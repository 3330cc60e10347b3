//! Each way a model's reply can go, one test each: good cited text; uncited, made-up and
//! unsupported sentences dropped and counted; malformed JSON; a 429 then success; a 429 asking
//! to wait past the timeout; a timeout; the wrong language; nothing left after the check.

use std::time::{Duration, Instant};

use hoego::domain::lang::Lang;
use hoego::service::summary::Summaries;
use serde_json::json;

use super::fake::{Answer, FakeModel};
use super::{answered_team, as_member, turn_on};
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::team::Team;

const HEADING: &str = "## Summary, written by a model";

/// A team that turned summaries on, asking `fake` within `timeout`.
async fn ready(db: &TestDb, lang: Lang, fake: &FakeModel, timeout: Duration) -> Team {
    let summaries = Summaries::from_settings(&fake.settings(timeout));
    let team = answered_team(&db.store, lang, &summaries).await;
    turn_on(&team).await;
    team
}

async fn ask(team: &Team) -> String {
    let member = as_member(team, 0, false);
    member.say("recap 2026 team summary").await.plain_text()
}

fn sentences(span: serde_json::Value) -> String {
    json!({"span": span, "periods": []}).to_string()
}

async fn a_cited_reply_is_shown_above_the_recap_with_its_sources(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(5)).await;
    let reply = ask(&team).await;
    let heading = reply.find(HEADING).expect(&reply);
    let recap = reply.find("### What happened").expect(&reply);
    assert!(heading < recap, "{reply}");
    assert!(
        reply.contains("**The whole span.** Looking back, the span went as the answers tell.[1]"),
        "{reply}"
    );
    assert!(reply.contains("**Sources**\n\n- [1] “"), "{reply}");
    let body = &fake.seen()[0].body;
    assert_eq!(body["model"], "fake-model");
    assert!(!reply.contains("left out"), "{reply}");
    db.finish().await;
}

async fn uncited_made_up_and_unsupported_sentences_are_dropped_and_counted(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    fake.then([Answer::Content(sentences(json!([
        {"text": "Nobody can check this.", "cites": []},
        {"text": "This cites an answer never sent.", "cites": ["a999"]},
        {"text": "The team closed 40 bugs.", "cites": ["a1"]},
        {"text": "A steady start.", "cites": ["a1"]},
    ])))]);
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(5)).await;
    let reply = ask(&team).await;
    assert!(reply.contains("A steady start.[1]"), "{reply}");
    for dropped in ["Nobody can check", "never sent", "40 bugs"] {
        assert!(!reply.contains(dropped), "{dropped}: {reply}");
    }
    assert!(
        reply.contains("3 sentences of the model's reply left out"),
        "{reply}"
    );
    db.finish().await;
}

async fn a_malformed_reply_leaves_the_recap_alone_with_a_notice(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    fake.then([Answer::Content("Sure! {\"span\": [oops".into())]);
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(5)).await;
    let reply = ask(&team).await;
    assert!(
        reply.contains("the model's reply was not in the form asked for"),
        "{reply}"
    );
    assert!(!reply.contains(HEADING), "{reply}");
    assert!(reply.contains("Shipped the search beta"), "{reply}");
    db.finish().await;
}

async fn a_reply_with_nothing_cited_leaves_the_recap_alone(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let uncited = sentences(json!([{"text": "A good year.", "cites": []}]));
    fake.then([Answer::Content(uncited)]);
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(5)).await;
    let reply = ask(&team).await;
    assert!(
        reply.contains("none of the model's sentences named"),
        "{reply}"
    );
    assert!(!reply.contains(HEADING), "{reply}");
    db.finish().await;
}

async fn a_429_is_retried_after_its_retry_after(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    fake.then([Answer::TooMany(1.0), Answer::Cited]);
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(10)).await;
    let started = Instant::now();
    let reply = ask(&team).await;
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(fake.requests(), 2);
    assert!(reply.contains(HEADING), "{reply}");
    db.finish().await;
}

async fn a_429_asking_to_wait_past_the_timeout_is_not_waited_for(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    fake.then([Answer::TooMany(60.0)]);
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(3)).await;
    let started = Instant::now();
    let reply = ask(&team).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(fake.requests(), 1);
    assert!(reply.contains("the model is busy"), "{reply}");
    assert!(reply.contains("Shipped the search beta"), "{reply}");
    db.finish().await;
}

async fn a_slow_model_does_not_delay_the_recap_past_the_timeout(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    fake.then([Answer::Slow(Duration::from_secs(20))]);
    let team = ready(&db, Lang::En, &fake, Duration::from_secs(1)).await;
    let started = Instant::now();
    let reply = ask(&team).await;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "{took:?}");
    assert!(reply.contains("did not answer within 1 second."), "{reply}");
    assert!(reply.contains("Shipped the search beta"), "{reply}");
    db.finish().await;
}

async fn a_reply_in_the_wrong_language_leaves_the_recap_alone(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let english = sentences(json!([{"text": "A good year for the team.", "cites": ["a1"]}]));
    fake.then([Answer::Content(english)]);
    let team = ready(&db, Lang::Ko, &fake, Duration::from_secs(5)).await;
    let reply = ask(&team).await;
    assert!(reply.contains("모델이 한국어로 쓰지 않았어요"), "{reply}");
    assert!(!reply.contains("A good year"), "{reply}");
    assert!(!reply.contains("## 모델이 쓴 요약"), "{reply}");
    db.finish().await;
}

on_each_backend!(
    a_cited_reply_is_shown_above_the_recap_with_its_sources,
    uncited_made_up_and_unsupported_sentences_are_dropped_and_counted,
    a_malformed_reply_leaves_the_recap_alone_with_a_notice,
    a_reply_with_nothing_cited_leaves_the_recap_alone,
    a_429_is_retried_after_its_retry_after,
    a_429_asking_to_wait_past_the_timeout_is_not_waited_for,
    a_slow_model_does_not_delay_the_recap_past_the_timeout,
    a_reply_in_the_wrong_language_leaves_the_recap_alone,
);
