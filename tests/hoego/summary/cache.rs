//! The cache (asking again costs nothing until an answer changes), forget-me deleting the cached
//! summaries that cite the member, the per-team hourly limit (one count for every replica), and
//! the token counts in /metrics.

use std::time::Duration;

use hoego::app::http::HttpServer;
use hoego::domain::lang::Lang;
use hoego::domain::visibility::Visibility;
use hoego::service::summary::Summaries;

use super::fake::{Answer, FakeModel};
use super::{answered_team, as_member, turn_on};
use crate::http_endpoints::get;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;

const HEADING: &str = "## Summary, written by a model";

async fn asking_again_costs_nothing_until_an_answer_changes(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let team = answered_team(&db.store, Lang::En, &fake.summaries()).await;
    turn_on(&team).await;
    let member = as_member(&team, 0, false);
    let first = member.say("recap 2026 team summary").await.plain_text();
    let again = member.say("recap 2026 team summary").await.plain_text();
    assert_eq!(fake.requests(), 1);
    assert!(first.contains(HEADING), "{first}");
    assert_eq!(first, again);
    let note = (
        "note",
        "A new answer in week 5".to_string(),
        Visibility::Team,
    );
    team.round(5, &[Some(vec![note]), None, None]).await;
    team.close_all().await;
    let changed = member.say("recap 2026 team summary").await.plain_text();
    assert_eq!(fake.requests(), 2);
    assert!(changed.contains(HEADING), "{changed}");
    assert_eq!(db.store.cached_summaries(team.team).await.unwrap(), 2);
    db.finish().await;
}

async fn forget_me_deletes_the_cached_summaries_that_cite_the_member(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let team = answered_team(&db.store, Lang::En, &fake.summaries()).await;
    turn_on(&team).await;
    let (mina, joon, ara) = (
        as_member(&team, 0, false),
        as_member(&team, 1, false),
        as_member(&team, 2, false),
    );
    // The team's year cites its first item, ara's; mina's own year cites mina's; January's
    // team recap cites an anonymous answer (joon's among them).
    mina.say("recap 2026 team summary").await;
    mina.say("recap 2026 summary").await;
    fake.then([Answer::CitesAnonymous]);
    let january = mina.say("recap 2026-01 team summary").await.plain_text();
    assert!(january.contains("anonymous, "), "{january}");
    let cached = || db.store.cached_summaries(team.team);
    assert_eq!(cached().await.unwrap(), 3);
    joon.say("forget-me confirm").await;
    assert_eq!(
        cached().await.unwrap(),
        2,
        "the one citing anonymous answers"
    );
    ara.say("forget-me confirm").await;
    assert_eq!(cached().await.unwrap(), 1, "the one citing ara");
    mina.say("forget-me confirm").await;
    assert_eq!(cached().await.unwrap(), 0, "mina's own");
    db.finish().await;
}

async fn a_team_past_its_hourly_summaries_gets_the_recap_alone(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let mut settings = fake.settings(Duration::from_secs(5));
    settings.per_team_per_hour = 1;
    let team = answered_team(&db.store, Lang::En, &Summaries::from_settings(&settings)).await;
    turn_on(&team).await;
    let member = as_member(&team, 0, false);
    let year = member.say("recap 2026 team summary").await.plain_text();
    assert!(year.contains(HEADING), "{year}");
    let january = member.say("recap 2026-01 team summary").await.plain_text();
    assert!(
        january.contains("this team has had 1 summary written in the last hour"),
        "{january}"
    );
    assert!(january.contains("Shipped the search beta"), "{january}");
    // A cached summary costs nothing and is not refused.
    let again = member.say("recap 2026 team summary").await.plain_text();
    assert!(again.contains(HEADING), "{again}");
    assert_eq!(fake.requests(), 1);
    db.finish().await;
}

/// Two replicas (two services, each with its own `Summaries`, on one database) keep to one
/// hourly count for the team; an hour later the team may ask again.
async fn replicas_share_the_teams_hourly_count(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let mut settings = fake.settings(Duration::from_secs(5));
    settings.per_team_per_hour = 1;
    let team = answered_team(&db.store, Lang::En, &Summaries::from_settings(&settings)).await;
    turn_on(&team).await;
    let first = as_member(&team, 0, false);
    let year = first.say("recap 2026 team summary").await.plain_text();
    assert!(year.contains(HEADING), "{year}");
    let mut second = as_member(&team, 1, false);
    second.service.summaries = Summaries::from_settings(&settings);
    let january = second.say("recap 2026-01 team summary").await.plain_text();
    assert!(
        january.contains("this team has had 1 summary written in the last hour"),
        "the other replica counted the first summary: {january}"
    );
    assert_eq!(fake.requests(), 1);
    team.chat.clock.advance(chrono::TimeDelta::minutes(61));
    let later = second.say("recap 2026-01 team summary").await.plain_text();
    assert!(later.contains(HEADING), "an hour later: {later}");
    assert_eq!(fake.requests(), 2);
    db.finish().await;
}

#[tokio::test]
async fn token_counts_and_dropped_sentences_reach_the_metrics() {
    let db = TestDb::new(Backend::Sqlite)
        .await
        .expect("sqlite always runs");
    let server = HttpServer::bind("127.0.0.1:0".parse().unwrap(), db.store.clone())
        .await
        .unwrap();
    let addr = server.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve(async move {
        let _ = stopped.await;
    }));
    let fake = FakeModel::start().await;
    let uncited =
        r#"{"span": [{"text": "Unsourced.", "cites": []}, {"text": "Sourced.", "cites": ["a1"]}]}"#;
    fake.then([Answer::Content(uncited.into())]);
    let team = answered_team(&db.store, Lang::En, &fake.summaries()).await;
    turn_on(&team).await;
    as_member(&team, 0, false)
        .say("recap 2026 team summary")
        .await;
    let (status, metrics) = get(addr, "/metrics").await;
    assert_eq!(status, 200);
    let value = |name: &str| -> f64 {
        let line = metrics.lines().find(|l| l.starts_with(name));
        let line = line.unwrap_or_else(|| panic!("{name} in {metrics}"));
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    assert!(value("hoego_summary_tokens_total{kind=\"prompt\"}") >= 1234.0);
    assert!(value("hoego_summary_tokens_total{kind=\"completion\"}") >= 56.0);
    assert!(value("hoego_summary_sentences_dropped_total{reason=\"uncited\"}") >= 1.0);
    assert!(value("hoego_summary_requests_total{outcome=\"written\"}") >= 1.0);
    stop.send(()).unwrap();
    serving.await.unwrap().unwrap();
}

on_each_backend!(
    asking_again_costs_nothing_until_an_answer_changes,
    forget_me_deletes_the_cached_summaries_that_cite_the_member,
    a_team_past_its_hourly_summaries_gets_the_recap_alone,
    replicas_share_the_teams_hourly_count,
);
