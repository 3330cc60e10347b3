//! Discord replicas (`hoego run` processes) on one PostgreSQL, with the default sharding, share the
//! gateway shards through leases, against a fake gateway that delivers like Discord (every session
//! of a shard gets every event of its guilds): each replica holds a shard, and when the replica
//! holding shard 0 is killed, another takes the shard over within 15 s and answers.

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::start::{Running, start};
use crate::discord::fake::{self, FakeDiscord};
use crate::discord::payloads::{GUILD, Person, slash, sub};
use crate::http_endpoints::get;
use crate::support::db::{Backend, TestDb};
use crate::support::readyz::becomes_ready;

/// A guild on shard `shard` of `count` (`GUILD` is on shard 0 of any count).
pub(super) fn guild_on(shard: u64) -> String {
    match shard {
        0 => GUILD.to_string(),
        _ => ((shard << 22) + 1).to_string(),
    }
}

/// `hoego run` on Discord (the fake) and `database`, default sharding, sending at `rate`.
fn replica(fake: &FakeDiscord, database: &str, dir: &std::path::Path, rate: u32) -> Command {
    let mut command = crate::support::binary::clean_command(&["run"], dir);
    command
        .env("HOEGO_DISCORD__TOKEN", fake::TOKEN)
        .env("HOEGO_DISCORD__API_BASE_URL", fake.base_url())
        .env("HOEGO_DISCORD__GUILD_IDS", GUILD)
        .env("HOEGO_DATABASE__URL", database)
        .env("HOEGO_HTTP__BIND", "127.0.0.1:0")
        .env("HOEGO_LOG__FORMAT", "json")
        .env("HOEGO_SENDER__RATE_PER_SECOND", rate.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// `count` replicas of one configuration on one PostgreSQL, with the fake recommending `count`
/// shards and a guild on each.
pub(super) struct Replicas {
    pub fake: FakeDiscord,
    pub db: TestDb,
    running: Vec<(Running, SocketAddr)>,
    count: u64,
    _dir: tempfile::TempDir,
}

impl Replicas {
    pub async fn start(count: u64, rate: u32) -> Option<Replicas> {
        let db = TestDb::new(Backend::Postgres).await?;
        let fake = FakeDiscord::start().await;
        fake.recommend_shards(count);
        for shard in 1..count {
            fake.join_guild(&guild_on(shard), &format!("Guild {shard}"));
        }
        let dir = tempfile::tempdir().unwrap();
        let url = db.settings.url.expose().to_string();
        let mut running = Vec::new();
        for _ in 0..count {
            let replica = start(replica(&fake, &url, dir.path(), rate));
            let at = replica.endpoints().await;
            running.push((replica, at));
        }
        Some(Replicas {
            fake,
            db,
            running,
            count,
            _dir: dir,
        })
    }

    /// Waits (30 s at most) until every replica is ready and holds one shard, and the gateway
    /// has one session of each shard; the shards each replica holds, from its `/metrics`.
    pub async fn spread(&self) -> Vec<Vec<u64>> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let mut held = Vec::new();
            for (_, at) in &self.running {
                held.push(shards_held(*at).await);
            }
            let sessions = sorted(self.fake.connected_shards());
            let each: Vec<(u64, u64)> = (0..self.count).map(|s| (s, self.count)).collect();
            if held.iter().all(|h| h.len() == 1) && sessions == each {
                for (_, at) in &self.running {
                    assert!(becomes_ready(*at).await, "ready at {at}");
                }
                return held;
            }
            assert!(
                Instant::now() < deadline,
                "shards not spread: held {held:?}, sessions {sessions:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn stop(mut self) {
        for (replica, _) in &mut self.running {
            if replica.child.try_wait().unwrap().is_none() {
                crate::support::process::terminate(&mut replica.child).await;
            }
        }
        self.fake.assert_no_violations();
        self.db.finish().await;
    }
}

pub(super) fn sorted(mut shards: Vec<(u64, u64)>) -> Vec<(u64, u64)> {
    shards.sort();
    shards
}

/// The shards a replica's `/metrics` says it holds.
async fn shards_held(at: SocketAddr) -> Vec<u64> {
    let (_, metrics) = get(at, "/metrics").await;
    metrics
        .lines()
        .filter_map(|line| line.strip_prefix("hoego_discord_shards_held{shard=\""))
        .filter_map(|rest| rest.split_once("\"} "))
        .filter(|(_, value)| value.trim() == "1")
        .map(|(shard, _)| shard.parse().unwrap())
        .collect()
}

/// A counter's value on a replica's `/metrics` (0 when absent).
async fn counter(at: SocketAddr, name: &str) -> f64 {
    let (_, metrics) = get(at, "/metrics").await;
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .map_or(0.0, |value| value.trim().parse().unwrap())
}

/// `/hoego settings` by a member in `guild`, as interaction `id`.
pub(super) fn settings_in(id: u64, guild: &str) -> Value {
    let mut payload = slash(
        id,
        &Person::member(&format!("{}", 6500 + id % 100)),
        sub("settings", &[]),
    );
    payload["guild_id"] = json!(guild);
    payload
}

/// The initial responses the fake got for interaction `id`, with their statuses.
pub(super) fn callbacks(fake: &FakeDiscord, id: u64) -> Vec<u16> {
    fake.requests_to("POST", &format!("/interactions/{id}/"))
        .iter()
        .map(|r| r.status)
        .collect()
}

async fn kill_the_holder_of_shard_0_and_another_replica_answers_within_15_s() {
    let Some(mut replicas) = Replicas::start(2, 40).await else {
        return;
    };
    let held = replicas.spread().await;
    let holder = held.iter().position(|h| h == &[0]).unwrap();
    let survivor = replicas.running[1 - holder].1;
    let sessions_before = replicas.fake.sessions_started();

    replicas.running[holder].0.child.kill().unwrap();
    replicas.running[holder].0.child.wait().unwrap();
    let killed = Instant::now();
    let taken_over = loop {
        let started = replicas.fake.sessions_started() > sessions_before;
        if started && replicas.fake.connected_shards().contains(&(0, 2)) {
            break killed.elapsed();
        }
        assert!(
            killed.elapsed() < Duration::from_secs(30),
            "shard 0 never came back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    replicas
        .fake
        .dispatch("INTERACTION_CREATE", settings_in(90_001, GUILD));
    replicas
        .fake
        .wait_for("POST", "/interactions/90001/", 1)
        .await;
    let answered = killed.elapsed();
    let survivor_holds = shards_held(survivor).await;
    let takeovers = counter(survivor, "hoego_discord_shard_takeovers_total").await;
    let renewals = counter(survivor, "hoego_discord_shard_lease_renewals_total").await;

    assert!(
        taken_over < Duration::from_secs(15),
        "taken over after {taken_over:?}"
    );
    assert!(
        answered < Duration::from_secs(15),
        "answered after {answered:?}"
    );
    assert_eq!(callbacks(&replicas.fake, 90_001), vec![204]);
    assert!(
        survivor_holds.contains(&0) && survivor_holds.len() == 2,
        "{survivor_holds:?}"
    );
    assert_eq!(takeovers, 1.0);
    assert!(renewals >= 1.0, "{renewals}");
    replicas.stop().await;
}

#[tokio::test]
async fn the_replica_holding_shard_0_killed_another_takes_it_over_within_15_s_and_answers() {
    kill_the_holder_of_shard_0_and_another_replica_answers_within_15_s().await;
}
