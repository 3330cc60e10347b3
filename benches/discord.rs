//! Discord benchmarks through the real serenity + poise client and the strict fake Discord of
//! the tests. Each checks the conditions that make its figures true and fails (exit code 1)
//! when one does not hold.
//!
//! Run: `cargo bench --bench discord` (uses `HOEGO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/postgres`; creates and drops its own databases;
//! `HOEGO_BENCH_PROMPTS` sets the cached fan-out's size, default 5,000, and
//! `HOEGO_BENCH_FIRST_CONTACT` the first-contact fan-out's, default 1,000).
//!
//! 1. 200 modal submits dispatched at once: time from the gateway dispatch to the interaction
//!    response, and to the "saved" confirmation (goal: p99 under 100 ms to the response); each
//!    answered within Discord's 3 s, each confirmed saved, each delivery answered.
//! 2. Fan-out of DM prompts with the fake enforcing 50 requests/s: DM channels cached, one
//!    request per prompt (goal: no 429, total time within 10% of prompts / 50 s); and at first
//!    contact, two requests per prompt (429s waited out). Each member gets exactly one message.

#[path = "../tests/hoego/discord/fake/mod.rs"]
mod fake;
#[allow(dead_code)]
#[path = "../tests/hoego/discord/payloads.rs"]
mod payloads;

#[path = "discord/acks.rs"]
mod acks;
#[path = "support/database.rs"]
mod database;
#[path = "discord/fanout.rs"]
mod fanout;
#[path = "support/platform.rs"]
mod platform;
#[path = "discord/setup.rs"]
mod setup;

use self::fanout::Contact;

const SUBMITS: usize = 200;

fn size(variable: &str, default: usize) -> usize {
    std::env::var(variable)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
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
    let mut results = Vec::new();
    for (part, members, contact) in runs {
        let name = format!("hoego_bench_discord_{part}_{}", std::process::id());
        let result = database::on_fresh_database(&name, |url| async move {
            match contact {
                None => acks::acks(&url, members).await,
                Some(contact) => fanout::fanout(&url, members, contact).await,
            }
        })
        .await;
        if let Err(error) = &result {
            eprintln!("{part}: FAILED: {error:#}");
        }
        results.push(result);
    }
    results.into_iter().collect()
}
