//! Running the shards this replica holds leases on (several replicas on one PostgreSQL): every
//! [`RENEW`] a turn renews the leases, stops a shard whose lease was lost, gives up shards above
//! the replica's share and starts a serenity client for each shard it takes. At a clean stop every
//! shard stops and every lease is given up, so the other replicas take them at once.
//!
//! Ready (for `/readyz`) once a turn succeeded and every shard held is connected; a replica
//! holding no shard (more replicas than shards) is ready and stands by.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serenity::gateway::ShardManager;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::gateway::Gateway;
use crate::platform::Connection;
use crate::service::shard_leases::{LEASE, RENEW, ShardLeases, Turn};

/// How often the connection `/readyz` reads is brought up to date between turns.
const LOOK: Duration = Duration::from_millis(200);

/// The lease loop of a running bot.
pub(super) struct Leased {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
    /// A shard's client that stopped with an error (an invalid token): the bot stops.
    pub fatal: mpsc::UnboundedReceiver<serenity::Error>,
}

impl Leased {
    /// Starts taking and running shards under `leases`, reporting readiness to `connection`.
    pub fn spawn(gateway: Gateway, leases: ShardLeases, connection: Connection) -> Leased {
        let (fatal_tx, fatal) = mpsc::unbounded_channel();
        let (stop, stopped) = oneshot::channel();
        let shards = Shards {
            gateway,
            count: leases.count(),
            running: BTreeMap::new(),
            fatal: fatal_tx,
        };
        tracing::info!(
            holder = leases.holder(),
            shards = leases.count(),
            "sharing Discord shards through leases"
        );
        let task = tokio::spawn(run(shards, leases, connection, stopped));
        Leased { stop, task, fatal }
    }

    /// Stops every shard and gives up the leases.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

async fn run(
    mut shards: Shards,
    leases: ShardLeases,
    connection: Connection,
    mut stopped: oneshot::Receiver<()>,
) {
    let mut renewed: Option<Instant> = None;
    let mut next = Instant::now();
    loop {
        if Instant::now() >= next {
            next = Instant::now() + RENEW;
            turn(&mut shards, &leases, &mut renewed).await;
        }
        connection.set(renewed.is_some() && shards.all_up());
        tokio::select! {
            _ = &mut stopped => break,
            () = tokio::time::sleep(LOOK) => {}
        }
    }
    connection.set(false);
    shards.stop_all().await;
    if let Err(error) = leases.leave().await {
        tracing::warn!(error = %error, "could not give up the shard leases; they run out on their own");
    }
}

/// One turn: renew, stop what was lost, give up the surplus, take what the plan says.
async fn turn(shards: &mut Shards, leases: &ShardLeases, renewed: &mut Option<Instant>) {
    let began = Instant::now();
    let turn = match leases.turn().await {
        Ok(turn) => turn,
        Err(error) => {
            tracing::warn!(error = %error, "could not renew the shard leases");
            // Past the lease, another replica may run these shards: stop them.
            if renewed.is_none_or(|at| at.elapsed() > LEASE - RENEW) {
                shards.stop_all().await;
            }
            return;
        }
    };
    *renewed = Some(began);
    apply(shards, leases, turn).await;
}

async fn apply(shards: &mut Shards, leases: &ShardLeases, turn: Turn) {
    for shard in shards.held() {
        if !turn.renewed.contains(&shard) {
            tracing::warn!(shard, "lost the lease on a shard; stopping it");
            metrics::counter!("hoego_discord_shard_leases_lost_total").increment(1);
            shards.stop(shard).await;
        }
    }
    for shard in turn.release {
        shards.stop(shard).await;
        match leases.release(&[shard]).await {
            Ok(()) => tracing::info!(shard, "gave up a shard for a replica holding fewer"),
            Err(error) => tracing::warn!(shard, error = %error, "could not give up a shard"),
        }
    }
    for (shard, from) in turn.take {
        match leases.take(shard, from.as_deref()).await {
            Ok(true) if shards.start(shard).await => {}
            // Not running it: free it for another replica rather than renewing it for nothing.
            Ok(true) => {
                if let Err(error) = leases.release(&[shard]).await {
                    tracing::warn!(shard, error = %error, "could not give up a shard");
                }
            }
            Ok(false) => {}
            Err(error) => tracing::warn!(shard, error = %error, "could not take a shard"),
        }
    }
}

/// A running shard: its client's manager, the task running it, its connection.
struct Running {
    manager: Arc<ShardManager>,
    task: JoinHandle<()>,
    connection: Connection,
}

/// The shards this replica runs, one serenity client each.
struct Shards {
    gateway: Gateway,
    count: u32,
    running: BTreeMap<u32, Running>,
    fatal: mpsc::UnboundedSender<serenity::Error>,
}

impl Shards {
    fn held(&self) -> Vec<u32> {
        self.running.keys().copied().collect()
    }

    fn all_up(&self) -> bool {
        self.running.values().all(|r| r.connection.is_up())
    }

    /// Starts a client running `shard`: whether it could be built.
    async fn start(&mut self, shard: u32) -> bool {
        let connection = Connection::default();
        let mut client = match self.gateway.client(connection.clone()).await {
            Ok(client) => client,
            Err(error) => {
                tracing::warn!(
                    shard,
                    error = format!("{error:#}"),
                    "could not start a shard"
                );
                return false;
            }
        };
        let manager = client.shard_manager.clone();
        let (fatal, count) = (self.fatal.clone(), self.count);
        let task = tokio::spawn(async move {
            if let Err(error) = client.start_shard(shard, count).await {
                let _ = fatal.send(error);
            }
        });
        tracing::info!(shard, count, "running a shard");
        held_gauge(shard, 1.0);
        let running = Running {
            manager,
            task,
            connection,
        };
        self.running.insert(shard, running);
        true
    }

    async fn stop(&mut self, shard: u32) {
        let Some(running) = self.running.remove(&shard) else {
            return;
        };
        running.connection.set(false);
        running.manager.shutdown_all().await;
        let _ = running.task.await;
        held_gauge(shard, 0.0);
        tracing::info!(shard, "stopped a shard");
    }

    async fn stop_all(&mut self) {
        for shard in self.held() {
            self.stop(shard).await;
        }
    }
}

fn held_gauge(shard: u32, value: f64) {
    metrics::gauge!("hoego_discord_shards_held", "shard" => shard.to_string()).set(value);
}
