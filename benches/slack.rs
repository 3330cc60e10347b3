//! Slack benchmark through the real slack-morphism client and the fake Slack of the tests.
//!
//! Run: `cargo bench --bench slack` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own database).
//!
//! Acknowledgement latency of 200 `/hoego recap` slash commands sent at once over Socket Mode:
//! from the envelope leaving the fake to its acknowledgement arriving back (goal: p99 under
//! 50 ms). Also reported: how long until every recap reached its response URL.

#[path = "../tests/hoego/slack/fake/mod.rs"]
mod fake;
#[allow(dead_code)]
#[path = "../tests/hoego/slack/payloads.rs"]
mod payloads;

#[path = "support/database.rs"]
mod database;
#[path = "support/platform.rs"]
mod platform;

use std::time::{Duration, Instant};

use hoego::config::SlackSettings;
use hoego::platform::slack::SlackBot;
use secrecy::SecretString;

use self::fake::FakeSlack;
use self::payloads::Person;

const COMMANDS: usize = 200;
const ROUNDS: usize = 3;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let name = format!("hoego_bench_slack_{}", std::process::id());
    database::on_fresh_database(&name, |url| async move { acks(&url).await }).await
}

async fn acks(url: &str) -> anyhow::Result<()> {
    let (store, service) = platform::store_and_service(url).await?;
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
    println!("slack: {COMMANDS} concurrent `/hoego recap` commands over 2 Socket Mode connections");
    for round in 1..=ROUNDS {
        let (mut latencies, answered) = burst(&fake, round).await;
        latencies.sort();
        let at = |q: f64| latencies[((latencies.len() as f64 * q).ceil() as usize).max(1) - 1];
        println!(
            "  run {round}: ack p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; all {COMMANDS} recaps answered after {:.0} ms",
            ms(at(0.50)),
            ms(at(0.99)),
            ms(at(1.0)),
            ms(answered),
        );
    }
    println!("  goal: ack p99 under 50 ms");
    bot.stop().await;
    store.close().await;
    Ok(())
}

/// Sends the commands at once; their acknowledgement latencies and the time until the last
/// answer reached its response URL.
async fn burst(fake: &FakeSlack, round: usize) -> (Vec<Duration>, Duration) {
    let start = Instant::now();
    let already = fake.calls_of("response_url").len();
    let mut envelopes = Vec::with_capacity(COMMANDS);
    for i in 0..COMMANDS {
        let id: &'static str = Box::leak(format!("U{:08}", i % 50).into_boxed_str());
        let who = Person { id, name: id };
        let trigger = format!("bench-{round}-{i}");
        let payload = payloads::command(&who, "recap", &trigger, &fake.response_url());
        envelopes.push(fake.envelope("slash_commands", payload));
    }
    let mut latencies = Vec::with_capacity(COMMANDS);
    for envelope in &envelopes {
        latencies.push(fake.ack(envelope).await.1);
    }
    fake.wait_for("response_url", already + COMMANDS).await;
    (latencies, start.elapsed())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
