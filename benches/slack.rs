//! Slack benchmarks through the real slack-morphism client and the strict fake Slack of the
//! tests. Each checks the conditions that make its figures true and fails (exit code 1) when one
//! does not hold; each figure is printed with the machine's load beside it.
//!
//! Run: `cargo bench --bench slack` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own databases). The
//! parts, all by default, or those named in `HOEGO_BENCH_PARTS` (comma-separated):
//!
//! - `recap`: 200 `/hoego recap` at once to the bot in this process, over a year of answers.
//! - `commands`: the release `hoego run` on SQLite: start-up (spawn to the first Socket Mode
//!   connection), idle memory, 3 × 200 `/hoego help` at once (acknowledgement and answer
//!   latency), CPU time for 400 `/hoego help`.
//! - `submits`: 200 `view_submission`s at once to `hoego run`, on SQLite and on PostgreSQL.
//! - `submits-2000`: 2,000 `view_submission`s at once on PostgreSQL (goal: every ack < 1 s).
//! - `writes`: what 400 read-only commands write (SQLite: fsyncs, counted with strace;
//!   PostgreSQL: rows written, from `pg_stat_database`).

#[path = "../tests/hoego/slack/fake/mod.rs"]
mod fake;
#[allow(dead_code)]
#[path = "../tests/hoego/slack/payloads.rs"]
mod payloads;

#[allow(dead_code)]
#[path = "support/child.rs"]
mod child;
#[path = "support/database.rs"]
mod database;
#[path = "support/platform.rs"]
mod platform;
#[allow(dead_code)]
#[path = "support/seed.rs"]
mod seed;

#[path = "slack/bot.rs"]
mod bot;
#[path = "slack/commands.rs"]
mod commands;
#[path = "slack/recap.rs"]
mod recap;
#[path = "slack/submits.rs"]
mod submits;
#[path = "slack/writes.rs"]
mod writes;

use self::seed::Backend;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut failed = Vec::new();
    let mut part = |name: &'static str, result: anyhow::Result<()>| {
        if let Err(error) = result {
            eprintln!("{name}: FAILED: {error:#}");
            failed.push(name);
        }
    };
    if child::wanted("recap") {
        part("recap", recap::run().await);
    }
    if child::wanted("commands") {
        part("commands", commands::run().await);
    }
    if child::wanted("submits") {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            part("submits", submits::run(backend, 200).await);
        }
    }
    if child::wanted("submits-2000") {
        part("submits-2000", submits::run(Backend::Postgres, 2000).await);
    }
    if child::wanted("writes") {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            part("writes", writes::run(backend).await);
        }
    }
    anyhow::ensure!(failed.is_empty(), "failed: {failed:?}");
    Ok(())
}
