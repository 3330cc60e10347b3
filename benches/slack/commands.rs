//! `hoego run` on SQLite with 50 members in a round: start-up (spawn to the first Socket Mode
//! connection, 5 starts), idle memory, 3 bursts of 200 `/hoego help` at once (4 from each
//! member; acknowledgement and answer latency) and the CPU time 400 of them take. Checked: every
//! command acknowledged and answered with the help, nothing Slack would refuse.

use std::time::Duration;

use super::bot::{self, WORKSPACE};
use super::child::{Spread, figure, ms};
use super::seed::{self, Backend};

const MEMBERS: usize = 50;
const BURST: usize = 200;
const RUNS: usize = 3;
const STARTS: usize = 5;
const CPU_COMMANDS: usize = 400;
/// What every help answer holds.
const HELP: &str = "/hoego";

pub async fn run() -> anyhow::Result<()> {
    seed::on_database(Backend::Sqlite, "slack_commands", |dir, url| async move {
        let users = bot::users(MEMBERS);
        seed::seed(&url, &WORKSPACE, "UADMIN", &users).await?;
        println!("slack, hoego run on SQLite, {MEMBERS} members:");
        start_up(dir.path(), &url, &users).await?;
        let fake = bot::fake_for(&users).await;
        let (bot, _) = bot::start(&fake, dir.path(), &url, &[]).await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        figure("idle RSS", format!("{:.1} MiB (goal < 30)", bot.rss_mib()?));
        let warm: Vec<(&str, &str)> = users.iter().map(|u| (u.as_str(), "help")).collect();
        bot::answered(&fake, &bot::commands(&fake, "warm", &warm), HELP).await?;
        let asked: Vec<(&str, &str)> = (0..BURST)
            .map(|i| (users[i % MEMBERS].as_str(), "help"))
            .collect();
        for run in 1..=RUNS {
            let burst = bot::commands(&fake, &format!("help-{run}"), &asked);
            let (acks, answers) = bot::answered(&fake, &burst, HELP).await?;
            let what = format!("{BURST} `/hoego help` at once, run {run}: ack");
            figure(&what, format!("{} (goal p99 < 15 ms)", Spread::of(acks)));
            figure("    answer at the response URL", Spread::of(answers));
        }
        let asked: Vec<(&str, &str)> = (0..CPU_COMMANDS)
            .map(|i| (users[i % MEMBERS].as_str(), "help"))
            .collect();
        let before = bot.cpu()?;
        let burst = bot::commands(&fake, "cpu", &asked);
        bot::answered(&fake, &burst, HELP).await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let used = bot.cpu()? - before;
        let what = format!("CPU for {CPU_COMMANDS} `/hoego help`");
        figure(&what, format!("{:.0} ms (goal < 150)", ms(used)));
        bot::no_violations(&fake)?;
        bot.stop().await
    })
    .await
}

/// Starts `hoego run` [`STARTS`] times (each against a fresh fake) and reports the time from
/// spawning it to its first Socket Mode connection.
async fn start_up(dir: &std::path::Path, url: &str, users: &[String]) -> anyhow::Result<()> {
    let mut times = Vec::new();
    for _ in 0..STARTS {
        let fake = bot::fake_for(users).await;
        let (bot, connected) = bot::start(&fake, dir, url, &[]).await?;
        times.push(connected);
        bot.stop().await?;
        bot::no_violations(&fake)?;
    }
    let what = format!("start-up to the first Socket Mode connection, {STARTS} starts");
    figure(&what, format!("{} (goal < 50 ms)", Spread::of(times)));
    Ok(())
}
