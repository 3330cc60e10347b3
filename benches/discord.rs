//! Discord benchmarks through the real serenity + poise client and the fake Discord of the tests.
//!
//! Run: `cargo bench --bench discord` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own database;
//! `HOEGO_BENCH_PROMPTS` changes the fan-out size, default 5,000).
//!
//! 1. Acknowledgement latency of 200 modal submits dispatched at once: from the gateway dispatch
//!    to the interaction callback arriving at the fake, each submit committed before its ack
//!    (goal: p99 under 100 ms).
//! 2. Fan-out of DM prompts with the fake enforcing 50 requests/s and answering 429 above it;
//!    DM channels already cached, as after a member's first prompt, so one request per prompt
//!    (goal: no 429, total time within 10% of prompts / 50 s).

#[path = "../tests/hoego/discord/fake/mod.rs"]
mod fake;
#[allow(dead_code)]
#[path = "../tests/hoego/discord/payloads.rs"]
mod payloads;

#[path = "support/database.rs"]
mod database;
#[path = "support/platform.rs"]
mod platform;

use std::sync::Arc;
use std::time::{Duration, Instant};

use hoego::clock::SystemClock;
use hoego::config::{DiscordSettings, SenderSettings};
use hoego::domain::state::Platform;
use hoego::platform::discord::DiscordBot;
use hoego::sender::Sender;
use hoego::service::Actor;
use hoego::service::command::{Command, NewSchedule, ScheduleCommand};
use hoego::store::Store;
use secrecy::SecretString;
use sqlx::{Connection, Executor, PgConnection};

use self::fake::FakeDiscord;
use self::payloads::{GUILD, Person, Place};

const SUBMITS: usize = 200;
const LIMIT_PER_SECOND: u64 = 50;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let prompts: usize = std::env::var("HOEGO_BENCH_PROMPTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let mut results = Vec::new();
    for (part, members) in [("acks", SUBMITS), ("fanout", prompts)] {
        let name = format!("hoego_bench_discord_{part}_{}", std::process::id());
        let result = database::on_fresh_database(&name, |url| async move {
            match part {
                "acks" => acks(&url, members).await,
                _ => fanout(&url, members).await,
            }
        })
        .await;
        results.push(result);
    }
    results.into_iter().collect()
}

/// A service on a fresh database, a bot connected to a fresh fake, and a round of `weekly` open
/// for `members` members (added in bulk), with the delivery id of each user id.
struct Bench {
    store: Store,
    fake: FakeDiscord,
    bot: DiscordBot,
    deliveries: Vec<(String, i64)>,
}

async fn bench(url: &str, members: usize) -> anyhow::Result<Bench> {
    let (store, service) = platform::store_and_service(url).await?;
    let admin = Actor {
        platform: Platform::Discord,
        team_external_id: GUILD.into(),
        team_name: format!("Discord server {GUILD}"),
        user_id: "1".into(),
        display_name: "admin".into(),
        locale: None,
        time_zone: None,
        is_admin: true,
    };
    let add = NewSchedule {
        template: "weekly".into(),
        cron: "0 17 * * FRI".into(),
        name: Some("weekly".into()),
        ..NewSchedule::default()
    };
    service
        .handle(&admin, Command::Schedule(ScheduleCommand::Add(add)))
        .await;
    service
        .handle(&admin, Command::Leave { schedule: None })
        .await;
    let mut db = PgConnection::connect(url).await?;
    sqlx::query(
        "INSERT INTO members (team_id, user_id, display_name, created_at)
         SELECT t.id, (100000 + g)::text, 'Member ' || g, now() FROM teams t, generate_series(1, $1) g",
    )
    .bind(members as i64)
    .execute(&mut db)
    .await?;
    db.execute(
        "INSERT INTO schedule_participants (schedule_id, member_id, added_at)
         SELECT s.id, m.id, now() FROM schedules s JOIN members m ON m.team_id = s.team_id
         WHERE m.user_id <> '1'",
    )
    .await?;
    let run = ScheduleCommand::RunNow {
        target: "weekly".into(),
    };
    service.handle(&admin, Command::Schedule(run)).await;
    let deliveries: Vec<(String, i64)> = sqlx::query_as(
        "SELECT m.user_id, d.id FROM deliveries d JOIN members m ON m.id = d.member_id",
    )
    .fetch_all(&mut db)
    .await?;
    anyhow::ensure!(
        deliveries.len() == members,
        "{} deliveries",
        deliveries.len()
    );
    let fake = FakeDiscord::with_token("bench-token").await;
    let discord = DiscordSettings {
        token: Some(SecretString::from("bench-token")),
        api_base_url: Some(url::Url::parse(&fake.base_url())?),
        guild_ids: vec![GUILD.parse()?],
        members_intent: false,
        shard_count: 0,
        shard_range: None,
    };
    let bot = DiscordBot::start(&discord, service).await?;
    fake.wait_for("PUT", "/commands", 1).await;
    Ok(Bench {
        store,
        fake,
        bot,
        deliveries,
    })
}

async fn acks(url: &str, members: usize) -> anyhow::Result<()> {
    let bench = bench(url, members).await?;
    let mut dispatched = Vec::new();
    for (index, (user, delivery)) in bench.deliveries.iter().enumerate() {
        let id = 50_000 + index as u64;
        let who = Person::member(user);
        let values = [
            ("went-well", "Shipped the release"),
            ("was-hard", "Flaky tests"),
            ("next-week", "Fix them"),
        ];
        let form = format!("answer:{delivery}");
        let payload = payloads::modal_submit(id, &who, Place::Dm, &form, &values);
        dispatched.push((id, Instant::now()));
        bench.fake.dispatch("INTERACTION_CREATE", payload);
    }
    let acks = bench.fake.wait_for("POST", "/callback", members).await;
    let mut latencies: Vec<Duration> = dispatched
        .iter()
        .map(|(id, at)| {
            let path = format!("/interactions/{id}/");
            let ack = acks.iter().find(|r| r.path.contains(&path)).expect("acked");
            ack.at.duration_since(*at)
        })
        .collect();
    latencies.sort();
    let said_saved = |body: &serde_json::Value| {
        let message = if body["data"].is_object() {
            &body["data"]
        } else {
            body
        };
        message["content"]
            .as_str()
            .unwrap_or("")
            .contains("Saved 3 answers")
    };
    let deferred = acks.iter().filter(|r| r.body["type"] == 5).count();
    let edits = bench
        .fake
        .wait_for("PATCH", "/messages/@original", deferred)
        .await;
    let saved = acks
        .iter()
        .chain(&edits)
        .filter(|r| said_saved(&r.body))
        .count();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "modal submit acks, {members} at once: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {deferred} deferred; {saved} confirmed saved",
        ms(latencies[members / 2]),
        ms(latencies[members * 99 / 100]),
        ms(latencies[members - 1]),
    );
    bench.bot.stop().await;
    bench.store.close().await;
    Ok(())
}

async fn fanout(url: &str, members: usize) -> anyhow::Result<()> {
    let bench = bench(url, members).await?;
    let mut db = PgConnection::connect(url).await?;
    db.execute("UPDATE members SET dm_channel_id = '7' || user_id")
        .await?;
    let settings = SenderSettings {
        rate_per_second: (LIMIT_PER_SECOND - 1) as u32,
        max_attempts: 5,
        lease: Duration::from_secs(60),
    };
    let sender = Sender::new(
        bench.store.clone(),
        Arc::new(SystemClock),
        bench.bot.messenger(),
        settings,
    );
    let started = Instant::now();
    let mut sent = 0;
    while sent < members {
        let step = sender.step().await?;
        sent += step.sent;
        if step.sent == 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let took = started.elapsed().as_secs_f64();
    let floor = members as f64 / LIMIT_PER_SECOND as f64;
    println!(
        "fan-out of {members} DM prompts at a 50 req/s limit: {took:.1} s (the limit allows {floor:.1} s, {:+.1}%), {} answered 429",
        (took / floor - 1.0) * 100.0,
        bench.fake.rate_limited()
    );
    bench.bot.stop().await;
    bench.store.close().await;
    Ok(())
}
