//! What 400 read-only commands (`help`, `settings`, `schedule list`, `schedule preview`,
//! `recap`; 80 each, from 50 members who each used every one of them once before) make
//! `hoego run` write. SQLite: the fsyncs of the process while they run, counted by attaching
//! strace (commits in WAL mode fsync; reads never do). PostgreSQL: the rows inserted, updated
//! and deleted in the bot's database (`pg_stat_database`, read once each backend has flushed its
//! counts), beside the same count over an idle span as long (the background loops). Goal: 0.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::{Connection, PgConnection};

use super::bot::{self, WORKSPACE};
use super::child::{Bot, figure};
use super::fake::FakeSlack;
use super::seed::{self, Backend};

const MEMBERS: usize = 50;
const COMMANDS: usize = 400;
/// People new to the team who ask for help after the measured commands.
const NEWCOMERS: usize = 5;
const READ_ONLY: [&str; 5] = [
    "help",
    "settings",
    "schedule list",
    "schedule preview \"0 17 * * FRI\"",
    "recap",
];
/// How long a PostgreSQL backend may keep its counts before reporting them when idle (10 s),
/// and a second more.
const STATS_FLUSH: Duration = Duration::from_secs(11);

pub async fn run(backend: Backend) -> anyhow::Result<()> {
    seed::on_database(backend, "slack_writes", |dir, url| async move {
        let users = bot::users(MEMBERS);
        seed::seed(&url, &WORKSPACE, "UADMIN", &users).await?;
        let fake = bot::fake_for(&users).await;
        let heavy = [("HOEGO_LIMITS__RECAPS_PER_MINUTE", "10000".to_string())];
        let (bot, _) = bot::start(&fake, dir.path(), &url, &heavy).await?;
        for (i, text) in READ_ONLY.iter().enumerate() {
            let warm: Vec<(&str, &str)> = users.iter().map(|u| (u.as_str(), *text)).collect();
            let burst = bot::commands(&fake, &format!("warm-{i}"), &warm);
            bot::answered(&fake, &burst, "").await?;
        }
        let asked: Vec<(&str, &str)> = (0..COMMANDS)
            .map(|i| (users[i % MEMBERS].as_str(), READ_ONLY[i % READ_ONLY.len()]))
            .collect();
        let what = format!(
            "writes for {COMMANDS} read-only commands, slack, {}",
            backend.name()
        );
        match backend {
            Backend::Sqlite => {
                let fsyncs =
                    fsyncs_during(&bot, dir.path(), commands(&fake, "read-only", &asked)).await?;
                let newcomers = fsyncs_during(&bot, dir.path(), newcomers(&fake)).await?;
                anyhow::ensure!(
                    newcomers > 0,
                    "strace saw no fsync of newcomers: not attached?"
                );
                let counts =
                    format!("{fsyncs} fsyncs (goal 0); {newcomers} for {NEWCOMERS} newcomers");
                figure(&what, counts);
            }
            Backend::Postgres => {
                tokio::time::sleep(STATS_FLUSH).await;
                let before = rows_written(&url).await?;
                let start = Instant::now();
                commands(&fake, "read-only", &asked).await?;
                tokio::time::sleep(STATS_FLUSH).await;
                let during = rows_written(&url).await? - before;
                tokio::time::sleep(start.elapsed()).await;
                let idle = rows_written(&url).await? - before - during;
                newcomers(&fake).await?;
                tokio::time::sleep(STATS_FLUSH).await;
                let newcomers = rows_written(&url).await? - before - during - idle;
                anyhow::ensure!(
                    newcomers > 0,
                    "no rows counted for newcomers: stats not flushed?"
                );
                let counts = format!(
                    "{during} rows written (goal 0); {idle} over as long idle; \
                     {newcomers} for {NEWCOMERS} newcomers"
                );
                figure(&what, counts);
            }
        }
        bot::no_violations(&fake)?;
        bot.stop().await
    })
    .await
}

/// `/hoego help` from [`NEWCOMERS`] people the team has not seen: their member rows are
/// written, so the counting is seen to count.
async fn newcomers(fake: &FakeSlack) -> anyhow::Result<()> {
    let people: Vec<String> = (0..NEWCOMERS).map(|i| format!("UNEW{i:05}")).collect();
    let asked: Vec<(&str, &str)> = people.iter().map(|p| (p.as_str(), "help")).collect();
    commands(fake, "newcomers", &asked).await
}

/// Sends the commands at once and waits until each is answered.
async fn commands(fake: &FakeSlack, run: &str, asked: &[(&str, &str)]) -> anyhow::Result<()> {
    let burst = bot::commands(fake, run, asked);
    bot::answered(fake, &burst, "").await?;
    Ok(())
}

/// The fsync and fdatasync calls `bot` makes while `work` runs (strace attached to all its
/// threads before, detached a second after).
async fn fsyncs_during(
    bot: &Bot,
    dir: &std::path::Path,
    work: impl Future<Output = anyhow::Result<()>>,
) -> anyhow::Result<usize> {
    let out = dir.join("strace.out");
    let mut strace = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=fsync,fdatasync", "-o"])
        .arg(&out)
        .args(["-p", &bot.pid().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let result = work.await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    Command::new("kill")
        .args(["-INT", &strace.id().to_string()])
        .status()?;
    // strace detaches on SIGINT and ends by it.
    strace.wait()?;
    result?;
    let traced = std::fs::read_to_string(&out)?;
    Ok(traced
        .lines()
        .filter(|l| l.contains("fsync(") || l.contains("fdatasync("))
        .count())
}

/// Rows inserted, updated and deleted in the database at `url` so far, as reported.
async fn rows_written(url: &str) -> anyhow::Result<i64> {
    let mut db = PgConnection::connect(url).await?;
    let rows: i64 = sqlx::query_scalar(
        "SELECT (tup_inserted + tup_updated + tup_deleted)::bigint
         FROM pg_stat_database WHERE datname = current_database()",
    )
    .fetch_one(&mut db)
    .await?;
    Ok(rows)
}
