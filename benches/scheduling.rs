//! Scheduling benchmarks on PostgreSQL.
//!
//! Run: `cargo bench --bench scheduling` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own database).
//!
//! 1. A scheduler tick over 100,000 active schedules in 50 zones, 1,000 of them due, each due
//!    schedule with 2 participants (goal: under 50 ms).
//! 2. Claim-send-record throughput of the sender against a platform that answers at once, with
//!    pacing off (goal: at least 2,000 deliveries/s).

#[path = "support/database.rs"]
mod database;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use hoego::config::{DatabaseSettings, DatabaseUrl, SenderSettings};
use hoego::domain::zone::ZoneName;
use hoego::scheduler::Scheduler;
use hoego::sender::Sender;
use hoego::service::clock::ManualClock;
use hoego::service::messenger::{Messenger, Outgoing, SendError, Sent};
use hoego::store::Store;
use sqlx::{Connection, Executor, PgConnection};

const ITERATIONS: usize = 10;
const ZONES: [&str; 50] = [
    "UTC",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Asia/Jakarta",
    "Asia/Singapore",
    "Asia/Manila",
    "Asia/Bangkok",
    "Asia/Karachi",
    "Asia/Tehran",
    "Asia/Kathmandu",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Europe/Lisbon",
    "Europe/Dublin",
    "Europe/Kyiv",
    "Africa/Cairo",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Africa/Casablanca",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/Mexico_City",
    "America/Toronto",
    "America/Bogota",
    "America/Lima",
    "America/Halifax",
    "America/St_Johns",
    "Pacific/Honolulu",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
];

const TEMPLATE: &str = include_str!("../config/templates/weekly.toml");

struct NullMessenger(AtomicU64);

#[async_trait]
impl Messenger for NullMessenger {
    async fn send(&self, _message: &Outgoing) -> Result<Sent, SendError> {
        let n = self.0.fetch_add(1, Ordering::Relaxed);
        Ok(Sent {
            channel_id: "dm".into(),
            message_id: n.to_string(),
        })
    }

    fn limits(&self) -> hoego::service::Limits {
        hoego::platform::discord::LIMITS
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let name = format!("hoego_bench_{}", std::process::id());
    database::on_fresh_database(&name, |url| async move { run(&url).await }).await
}

async fn run(url: &str) -> anyhow::Result<()> {
    let settings = DatabaseSettings {
        url: DatabaseUrl::parse(url).map_err(|(p, _)| anyhow::anyhow!(p))?,
        max_connections: 8,
        connect_timeout: Duration::from_secs(10),
    };
    let store = Store::open(&settings).await?;
    let now = Utc.with_ymd_and_hms(2026, 12, 4, 8, 0, 0).unwrap();
    let mut db = PgConnection::connect(url).await?;
    let started = Instant::now();
    seed(&mut db, now).await?;
    println!(
        "seeded 100,000 schedules, 200,000 participants in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let clock = ManualClock::new(now);
    let scheduler = Scheduler::new(
        store.clone(),
        Arc::new(clock.clone()),
        Duration::from_secs(15),
    );
    let messenger = Arc::new(NullMessenger(AtomicU64::new(0)));
    let sends = messenger.clone();
    let sender_settings = SenderSettings {
        rate_per_second: 0,
        max_attempts: 5,
        lease: Duration::from_secs(60),
    };
    let sender = Sender::new(
        store.clone(),
        Arc::new(clock.clone()),
        messenger,
        sender_settings,
    );
    let (mut ticks, mut sent, mut send_time) = (Vec::new(), 0usize, Duration::ZERO);
    for _ in 0..ITERATIONS {
        reset(&mut db, now).await?;
        let started = Instant::now();
        let outcome = scheduler.tick().await?;
        ticks.push(started.elapsed());
        anyhow::ensure!(
            (outcome.fired.rounds_opened, outcome.fired.deliveries) == (1000, 2000),
            "the tick did not open 1,000 rounds with 2,000 deliveries: {outcome:?}"
        );
        let started = Instant::now();
        loop {
            let step = sender.step().await?;
            if step.sent == 0 {
                break;
            }
            sent += step.sent;
        }
        send_time += started.elapsed();
        let recorded: i64 =
            sqlx::query_scalar("SELECT count(*) FROM deliveries WHERE status = 'sent'")
                .fetch_one(&mut db)
                .await?;
        anyhow::ensure!(
            recorded == 2000,
            "{recorded} of 2,000 deliveries recorded sent"
        );
    }
    let messages = sends.0.load(Ordering::Relaxed) as usize;
    anyhow::ensure!(
        sent == ITERATIONS * 2000 && messages == sent,
        "{sent} sends counted, {messages} messages made, {} expected",
        ITERATIONS * 2000
    );
    ticks.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "tick, 1,000 due of 100,000 schedules (2,000 deliveries): min {:.1} ms, median {:.1} ms, max {:.1} ms over {ITERATIONS} runs",
        ms(ticks[0]),
        ms(ticks[ITERATIONS / 2]),
        ms(ticks[ITERATIONS - 1])
    );
    println!(
        "claim-send-record: {sent} deliveries in {:.2} s = {:.0} deliveries/s",
        send_time.as_secs_f64(),
        sent as f64 / send_time.as_secs_f64()
    );
    store.close().await;
    Ok(())
}

/// The local wall time of `now` in each zone, and a daily expression firing then.
fn due_times(now: DateTime<Utc>) -> (Vec<String>, Vec<chrono::NaiveDateTime>) {
    ZONES
        .iter()
        .map(|zone| {
            let local = now
                .with_timezone(&ZoneName::parse(zone).unwrap().tz())
                .naive_local();
            (local.format("%M %H * * *").to_string(), local)
        })
        .unzip()
}

async fn seed(db: &mut PgConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    let (crons, locals) = due_times(now);
    let zones: Vec<String> = ZONES.iter().map(|z| z.to_string()).collect();
    db.execute("INSERT INTO teams (platform, external_id, name, time_zone, language, created_at)
                SELECT 'console', 'bench-' || g, 'Bench ' || g, 'UTC', 'en', now() FROM generate_series(1, 100) g")
        .await?;
    db.execute(
        "INSERT INTO members (team_id, user_id, display_name, created_at)
                SELECT t.id, 'u' || g, 'User ' || g, now() FROM teams t, generate_series(1, 2) g",
    )
    .await?;
    sqlx::query("INSERT INTO templates (team_id, key, source, created_at) SELECT id, 'weekly', $1, now() FROM teams")
        .bind(TEMPLATE)
        .execute(&mut *db)
        .await?;
    sqlx::query(
        "INSERT INTO schedules (team_id, name, template_id, cron, time_zone, window_secs, reminder_percent,
                                grace_secs, next_local, next_due_at, created_at)
         SELECT t.id, 's' || g, tp.id, ($1::text[])[1 + g % 50], ($2::text[])[1 + g % 50], 172800, 75, 21600,
                ($3::timestamp[])[1 + g % 50], $4 + interval '7 days', now()
         FROM teams t JOIN templates tp ON tp.team_id = t.id, generate_series(1, 1000) g",
    )
    .bind(&crons)
    .bind(&zones)
    .bind(&locals)
    .bind(now)
    .execute(&mut *db)
    .await?;
    db.execute(
        "INSERT INTO schedule_participants (schedule_id, member_id, added_at)
                SELECT s.id, m.id, now() FROM schedules s JOIN members m ON m.team_id = s.team_id",
    )
    .await?;
    db.execute("ANALYZE").await?;
    Ok(())
}

/// Makes 10 schedules per team (1,000 in all) due at `now` again, with no rounds yet.
async fn reset(db: &mut PgConnection, now: DateTime<Utc>) -> anyhow::Result<()> {
    let (_, locals) = due_times(now);
    db.execute("DELETE FROM rounds").await?;
    sqlx::query(
        "UPDATE schedules SET next_local = ($1::timestamp[])[1 + substr(name, 2)::int % 50], next_due_at = $2
         WHERE substr(name, 2)::int <= 10",
    )
    .bind(&locals)
    .bind(now)
    .execute(&mut *db)
    .await?;
    Ok(())
}
