//! Discord benchmarks through the real serenity + poise client and the strict fake Discord of
//! the tests. Each checks the conditions that make its figures true and fails (exit code 1)
//! when one does not hold.
//!
//! Run: `cargo bench --bench discord` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own databases;
//! `HOEGO_BENCH_PROMPTS` sets the cached fan-out's size, default 5,000, and
//! `HOEGO_BENCH_FIRST_CONTACT` the first-contact fan-out's, default 1,000). The parts, all by
//! default, or those named in `HOEGO_BENCH_PARTS` (comma-separated):
//!
//! - `acks`: 200 modal submits dispatched at once to the bot in this process, on PostgreSQL:
//!   time from the gateway dispatch to the interaction response, and to the "saved"
//!   confirmation; each answered within Discord's 3 s, confirmed saved, its delivery answered.
//! - `commands`: the release `hoego run` on SQLite: start-up (spawn to the registration of
//!   `/hoego`), idle memory, 3 × 200 `/hoego help` at once (time to the response), CPU time for
//!   400 `/hoego help`.
//! - `submits`: 200 modal submits at once to `hoego run`, on SQLite and on PostgreSQL.
//! - `cached`, `first`: fan-out of DM prompts with the fake enforcing 50 requests/s: DM channels
//!   cached, one request per prompt (goal: no 429, total time within 10% of prompts / 50 s); and
//!   at first contact, two requests per prompt (429s waited out). Each member gets exactly one
//!   message.

#[path = "../tests/hoego/discord/fake/mod.rs"]
mod fake;
#[allow(dead_code)]
#[path = "../tests/hoego/discord/payloads.rs"]
mod payloads;

#[path = "discord/acks.rs"]
mod acks;
#[path = "discord/bot.rs"]
mod bot;
#[allow(dead_code)]
#[path = "support/child.rs"]
mod child;
#[path = "discord/commands.rs"]
mod commands;
#[path = "support/database.rs"]
mod database;
#[path = "discord/fanout.rs"]
mod fanout;
#[path = "support/platform.rs"]
mod platform;
#[allow(dead_code)]
#[path = "support/seed.rs"]
mod seed;
#[path = "discord/setup.rs"]
mod setup;
#[path = "discord/submits.rs"]
mod submits;

use self::fanout::Contact;
use self::seed::Backend;

const SUBMITS: usize = 200;

fn size(variable: &str, default: usize) -> usize {
    std::env::var(variable)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut failed = Vec::new();
    let mut part = |name: &'static str, result: anyhow::Result<()>| {
        if let Err(error) = result {
            eprintln!("{name}: FAILED: {error:#}");
            failed.push(name);
        }
    };
    if child::wanted("commands") {
        part("commands", commands::run().await);
    }
    if child::wanted("submits") {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            part("submits", submits::run(backend, SUBMITS).await);
        }
    }
    let runs = [
        ("acks", SUBMITS, None),
        (
            "cached",
            size("HOEGO_BENCH_PROMPTS", 5000),
            Some(Contact::Cached),
        ),
        (
            "first",
            size("HOEGO_BENCH_FIRST_CONTACT", 1000),
            Some(Contact::First),
        ),
    ];
    for (name, members, contact) in runs {
        if !child::wanted(name) {
            continue;
        }
        let database = format!("hoego_bench_discord_{name}_{}", std::process::id());
        let result = database::on_fresh_database(&database, |url| async move {
            match contact {
                None => acks::acks(&url, members).await,
                Some(contact) => fanout::fanout(&url, members, contact).await,
            }
        })
        .await;
        part(name, result);
    }
    anyhow::ensure!(failed.is_empty(), "failed: {failed:?}");
    Ok(())
}
