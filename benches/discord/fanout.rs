//! Fan-out of DM prompts under Discord's global limit of 50 requests per second (the strict fake
//! enforces it, and the 5-per-5-seconds bucket of each channel): with the DM channels cached
//! (opened in an earlier run: one request per prompt), and at first contact (no DM channel
//! known: two requests per prompt). Checked, not printed: every member gets exactly one
//! message, every delivery is recorded sent, nothing Discord would refuse, and no 429 where the
//! pacing promises none (the cached case; at first contact the sender's per-prompt pace meets
//! 429s, which it must wait out without losing or doubling a prompt).

use std::sync::Arc;
use std::time::{Duration, Instant};

use hoego::config::SenderSettings;
use hoego::sender::Sender;
use hoego::service::clock::SystemClock;
use sqlx::{Connection, Executor, PgConnection};

use super::fake::dm_channel;
use super::setup::bench;

const LIMIT_PER_SECOND: u64 = 50;

/// Whether the DM channels are known before the fan-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    Cached,
    First,
}

pub async fn fanout(url: &str, members: usize, contact: Contact) -> anyhow::Result<()> {
    let bench = bench(url, members).await?;
    if contact == Contact::Cached {
        let mut db = PgConnection::connect(url).await?;
        db.execute("UPDATE members SET dm_channel_id = '7' || user_id")
            .await?;
        let users = bench.deliveries.iter().map(|(u, _)| u.as_str());
        bench.fake.existing_dms(users);
    }
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
    let requests = if contact == Contact::Cached { 1 } else { 2 };
    let floor = (members * requests) as f64 / LIMIT_PER_SECOND as f64;
    let limited = bench.fake.rate_limited();
    println!(
        "fan-out of {members} DM prompts ({contact:?} DM channels) at a 50 req/s limit: {took:.1} s (the limit allows {floor:.1} s, {:+.1}%), {limited} answered 429",
        (took / floor - 1.0) * 100.0,
    );
    let twice: Vec<&str> = bench
        .deliveries
        .iter()
        .map(|(user, _)| user.as_str())
        .filter(|user| bench.fake.messages_created_in(&dm_channel(user)) != 1)
        .collect();
    let mut db = PgConnection::connect(url).await?;
    let recorded: i64 = sqlx::query_scalar("SELECT count(*) FROM deliveries WHERE status = 'sent'")
        .fetch_one(&mut db)
        .await?;
    let violations = bench.fake.take_violations();
    bench.bot.stop().await;
    bench.store.close().await;
    anyhow::ensure!(violations.is_empty(), "Discord refused: {violations:#?}");
    anyhow::ensure!(
        twice.is_empty(),
        "not exactly one prompt for {} members",
        twice.len()
    );
    anyhow::ensure!(
        recorded as usize == members,
        "{recorded} of {members} recorded sent"
    );
    if contact == Contact::Cached {
        anyhow::ensure!(
            limited == 0,
            "{limited} requests answered 429 at a paced 49/s"
        );
    }
    Ok(())
}
