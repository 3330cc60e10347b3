//! `hoego run` on SQLite with 50 members in a round: start-up (spawn to the registration of
//! `/hoego`, 5 starts), idle memory, 3 bursts of 200 `/hoego help` dispatched at once (4 from
//! each member; time from the dispatch to the interaction response) and the CPU time 400 of them
//! take. Checked: every command answered with the help, nothing Discord would refuse.

use std::time::Duration;

use super::bot::{self, WORKSPACE};
use super::child::{Spread, figure, ms};
use super::payloads::{self, Person};
use super::seed::{self, Backend};

const MEMBERS: usize = 50;
const BURST: usize = 200;
const RUNS: usize = 3;
const STARTS: usize = 5;
const CPU_COMMANDS: usize = 400;
/// What every help answer holds.
const HELP: &str = "/hoego";

pub async fn run() -> anyhow::Result<()> {
    seed::on_database(Backend::Sqlite, "discord_commands", |dir, url| async move {
        let users = bot::users(MEMBERS);
        seed::seed(&url, &WORKSPACE, "1", &users).await?;
        println!("discord, hoego run on SQLite, {MEMBERS} members:");
        start_up(dir.path(), &url, &users).await?;
        let fake = bot::fake_for(&users).await;
        let (bot, _) = bot::start(&fake, dir.path(), &url).await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        figure("idle RSS", format!("{:.1} MiB (goal < 30)", bot.rss_mib()?));
        let mut next = 10_000;
        help(&fake, &users, MEMBERS, &mut next).await?;
        for run in 1..=RUNS {
            let answered = help(&fake, &users, BURST, &mut next).await?;
            let what = format!("{BURST} `/hoego help` at once, run {run}: response");
            figure(
                &what,
                format!("{} (goal p99 < 40 ms)", Spread::of(answered)),
            );
        }
        let before = bot.cpu()?;
        help(&fake, &users, CPU_COMMANDS, &mut next).await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let used = bot.cpu()? - before;
        let what = format!("CPU for {CPU_COMMANDS} `/hoego help`");
        figure(&what, format!("{:.0} ms (goal < 120)", ms(used)));
        bot::no_violations(&fake)?;
        bot.stop().await
    })
    .await
}

/// Dispatches `n` `/hoego help` at once (members in turn) and waits for every response: the
/// time from each dispatch to its response.
async fn help(
    fake: &super::fake::FakeDiscord,
    users: &[String],
    n: usize,
    next: &mut u64,
) -> anyhow::Result<Vec<Duration>> {
    let payloads = (0..n)
        .map(|i| {
            *next += 1;
            let who = Person::member(&users[i % users.len()]);
            (
                *next,
                payloads::slash(*next, &who, payloads::sub("help", &[])),
            )
        })
        .collect();
    let answered = bot::dispatch(fake, payloads).answered(fake).await?;
    let mut times = Vec::with_capacity(n);
    for (time, response) in answered {
        let text = response.body.to_string();
        anyhow::ensure!(text.contains(HELP), "an answer without help: {text}");
        times.push(time);
    }
    Ok(times)
}

/// Starts `hoego run` [`STARTS`] times (each against a fresh fake) and reports the time from
/// spawning it to its registration of `/hoego`.
async fn start_up(dir: &std::path::Path, url: &str, users: &[String]) -> anyhow::Result<()> {
    let mut times = Vec::new();
    for _ in 0..STARTS {
        let fake = bot::fake_for(users).await;
        let (bot, registered) = bot::start(&fake, dir, url).await?;
        times.push(registered);
        bot.stop().await?;
        bot::no_violations(&fake)?;
    }
    let what = format!("start-up to the registration of /hoego, {STARTS} starts");
    figure(&what, format!("{} (goal < 50 ms)", Spread::of(times)));
    Ok(())
}
