//! Acknowledgement latency of 200 `/hoego recap` slash commands sent at once over Socket Mode
//! to the bot in this process, from 50 members of a workspace with a year of weekly answers
//! (50 × 48 rounds of the weekly template, 9 in 10 answered), half asking for their own year and
//! half for the team's: from the envelope leaving the fake to its acknowledgement arriving back
//! (goal: p99 under 50 ms). Also reported: how long until every recap reached its response URL.
//! Checked: every command acknowledged within Slack's 3 s, every recap answered with the seeded
//! year in it, nothing Slack would refuse.

use std::time::{Duration, Instant};

use hoego::config::SlackSettings;
use hoego::platform::slack::SlackBot;
use secrecy::SecretString;
use sqlx::{Connection, Executor, PgConnection};

use super::database;
use super::fake::{FakeSlack, TEAM};
use super::payloads::{self, Person};
use super::platform;

const COMMANDS: usize = 200;
const MEMBERS: usize = 50;
const ROUNDS: usize = 3;

pub async fn run() -> anyhow::Result<()> {
    let name = format!("hoego_bench_slack_{}", std::process::id());
    database::on_fresh_database(&name, |url| async move { acks(&url).await }).await
}

async fn acks(url: &str) -> anyhow::Result<()> {
    let (store, service) = platform::store_and_service(url).await?;
    let answers = seed(&mut PgConnection::connect(url).await?).await?;
    let fake = FakeSlack::with_tokens("xoxb-bench", "xapp-bench").await;
    let slack = SlackSettings {
        bot_token: Some(SecretString::from("xoxb-bench")),
        app_token: Some(SecretString::from("xapp-bench")),
        signing_secret: None,
        api_base_url: Some(url::Url::parse(&fake.api_url())?),
        http_bind: None,
        admin_user_ids: Vec::new(),
    };
    let bot = SlackBot::start(&slack, service).await?;
    fake.wait_connected(2).await;
    println!(
        "slack: {COMMANDS} concurrent `/hoego recap 2026` commands (own and team) over 2 Socket Mode connections; {MEMBERS} members, {answers} answers seeded"
    );
    let mut failures = Vec::new();
    for round in 1..=ROUNDS {
        let (mut latencies, answered, empty) = burst(&fake, round).await;
        latencies.sort();
        let at = |q: f64| latencies[((latencies.len() as f64 * q).ceil() as usize).max(1) - 1];
        println!(
            "  run {round}: ack p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; all {COMMANDS} recaps answered after {:.0} ms",
            ms(at(0.50)),
            ms(at(0.99)),
            ms(at(1.0)),
            ms(answered),
        );
        if empty > 0 {
            failures.push(format!(
                "run {round}: {empty} recaps without the seeded year"
            ));
        }
    }
    println!("  goal: ack p99 under 50 ms");
    let violations = fake.take_violations();
    bot.stop().await;
    store.close().await;
    anyhow::ensure!(violations.is_empty(), "Slack refused: {violations:#?}");
    anyhow::ensure!(failures.is_empty(), "{failures:?}");
    Ok(())
}

fn member(i: usize) -> Person {
    let id: &'static str = Box::leak(format!("U{i:08}").into_boxed_str());
    Person { id, name: id }
}

/// Sends the commands at once; their acknowledgement latencies, the time until the last answer
/// reached its response URL, and how many answers lacked the seeded year.
async fn burst(fake: &FakeSlack, round: usize) -> (Vec<Duration>, Duration, usize) {
    let start = Instant::now();
    let already = fake.calls_of("response_url").len();
    let mut envelopes = Vec::with_capacity(COMMANDS);
    for i in 0..COMMANDS {
        let text = if i % 2 == 0 {
            "recap 2026"
        } else {
            "recap 2026 team"
        };
        let trigger = format!("bench-{round}-{i}");
        let payload = payloads::command(&member(i % MEMBERS), text, &trigger, &fake.response_url());
        envelopes.push(fake.envelope("slash_commands", payload));
    }
    let mut latencies = Vec::with_capacity(COMMANDS);
    for envelope in &envelopes {
        latencies.push(fake.ack(envelope).await.1);
    }
    let answers = fake.wait_for("response_url", already + COMMANDS).await;
    let empty = answers[already..]
        .iter()
        .filter(|c| !c.body.to_string().contains("2026"))
        .count();
    (latencies, start.elapsed(), empty)
}

/// The workspace, its members and a year of weekly rounds with their answers; the number of
/// answers.
async fn seed(db: &mut PgConnection) -> anyhow::Result<i64> {
    let weekly = include_str!("../../config/templates/weekly.toml");
    sqlx::query(
        "INSERT INTO teams (platform, external_id, name, time_zone, language, created_at)
         VALUES ('slack', $1, 'Bench', 'Asia/Seoul', 'en', now())",
    )
    .bind(TEAM)
    .execute(&mut *db)
    .await?;
    sqlx::query(
        "INSERT INTO members (team_id, user_id, display_name, created_at)
         SELECT 1, 'U' || lpad((g - 1)::text, 8, '0'), 'Member ' || g, now()
         FROM generate_series(1, $1) g",
    )
    .bind(MEMBERS as i64)
    .execute(&mut *db)
    .await?;
    sqlx::query(
        "INSERT INTO templates (team_id, key, source, created_at) VALUES (1, 'weekly', $1, now())",
    )
    .bind(weekly)
    .execute(&mut *db)
    .await?;
    db.execute(
        "INSERT INTO rounds (team_id, template_id, occurrence_local, due_at, closes_at, status, created_at)
         SELECT 1, 1, timestamp '2026-01-02 17:00' + (g - 1) * interval '7 days',
                timestamptz '2026-01-02 08:00Z' + (g - 1) * interval '7 days',
                timestamptz '2026-01-04 08:00Z' + (g - 1) * interval '7 days', 'closed', now()
         FROM generate_series(1, 48) g;
         INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, next_attempt_at)
         SELECT r.id, m.id, CASE WHEN (r.id + m.id) % 10 = 0 THEN 'missed' ELSE 'answered' END,
                r.due_at, r.closes_at, r.due_at
         FROM rounds r CROSS JOIN members m;
         INSERT INTO answers (delivery_id, question_id, value, visibility, created_at, updated_at)
         SELECT d.id, q.id,
                CASE q.id WHEN 'next-week' THEN 'Plan ' || d.id || E'\nReview the roadmap'
                     ELSE 'Member ' || d.member_id || ' in week ' || r.id || ': a steady week.' END,
                CASE (d.id + length(q.id)) % 3 WHEN 0 THEN 'private' WHEN 1 THEN 'team'
                     ELSE 'anonymous' END,
                r.due_at + interval '1 hour', r.due_at + interval '1 hour'
         FROM deliveries d JOIN rounds r ON r.id = d.round_id
         CROSS JOIN (VALUES ('went-well'), ('was-hard'), ('next-week')) AS q(id)
         WHERE d.status = 'answered';
         ANALYZE",
    )
    .await?;
    Ok(sqlx::query_scalar("SELECT count(*) FROM answers")
        .fetch_one(&mut *db)
        .await?)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
