//! Sharing Discord's gateway shards among replicas on one PostgreSQL. Each shard has a lease in
//! the database; the replica holding it runs the shard and renews it every [`RENEW`]; a lease not
//! renewed for [`LEASE`] (its replica stopped) is free, and another replica takes the shard. Who
//! takes and gives up what is [`shard_share::plan`]; this module keeps the turns and counts them
//! on `/metrics`.

use std::time::Duration;

use super::Service;
use crate::domain::shard_share::{self, Lease};
use crate::store::{Dialect, LeaseTimes, Store, StoreError};

/// How long a shard's lease lasts from its last renewal.
pub const LEASE: Duration = Duration::from_secs(10);
/// How often a replica renews its leases and looks for shards to take or give up.
pub const RENEW: Duration = Duration::from_secs(2);
/// How long a replica counts as alive from its last turn: shorter than a lease, so a stopped
/// replica no longer counts by the time its leases run out.
pub const ALIVE: Duration = Duration::from_secs(6);

/// One replica's hold on shard leases.
#[derive(Debug, Clone)]
pub struct ShardLeases {
    store: Store,
    holder: String,
    count: u32,
}

/// What a turn found and what the replica should do next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Turn {
    /// The shards whose leases it still held and renewed: any other it runs was lost.
    pub renewed: Vec<u32>,
    /// Shards to take, each with the replica whose lease ran out on it (a takeover) if any.
    pub take: Vec<(u32, Option<String>)>,
    /// Shards to give up (stop them first, then [`ShardLeases::release`]).
    pub release: Vec<u32>,
}

impl ShardLeases {
    /// Whether replicas share shards through leases: on PostgreSQL. SQLite serves one replica,
    /// which runs every shard.
    pub fn shared(service: &Service) -> bool {
        service.store.dialect() == Dialect::Postgres
    }

    /// Leases over `count` shards for this process, or `None` when [`Self::shared`] is not.
    pub fn new(service: &Service, count: u32) -> Option<ShardLeases> {
        if !Self::shared(service) {
            return None;
        }
        let holder = format!("{}-{:08x}", std::process::id(), rand::random::<u32>());
        Some(ShardLeases {
            store: service.store.clone(),
            holder,
            count,
        })
    }

    /// Who this replica is in the lease table.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// How many shards there are.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Renews this replica's leases and plans what to take and give up.
    pub async fn turn(&self) -> Result<Turn, StoreError> {
        let times = LeaseTimes {
            lease: LEASE,
            alive: ALIVE,
        };
        let view = self
            .store
            .shard_turn(&self.holder, self.count, times)
            .await?;
        metrics::counter!("hoego_discord_shard_lease_renewals_total")
            .increment(view.renewed.len() as u64);
        let plan = shard_share::plan(&self.holder, self.count, &view.leases, &view.replicas);
        let take = plan
            .take
            .iter()
            .map(|shard| (*shard, self.last_holder(&view.leases, *shard)))
            .collect();
        Ok(Turn {
            renewed: view.renewed,
            take,
            release: plan.release,
        })
    }

    /// The replica that held `shard` until its lease ran out, if another one did.
    fn last_holder(&self, leases: &[Lease], shard: u32) -> Option<String> {
        leases
            .iter()
            .find(|l| l.shard == shard)
            .and_then(|l| l.holder.clone())
            .filter(|h| *h != self.holder)
    }

    /// Takes `shard` if it is still free: whether this replica now holds it. `from` is the
    /// replica whose lease ran out on it (counted as a takeover).
    pub async fn take(&self, shard: u32, from: Option<&str>) -> Result<bool, StoreError> {
        let taken = self
            .store
            .take_shard(&self.holder, shard, self.count, LEASE)
            .await?;
        if taken && let Some(from) = from {
            metrics::counter!("hoego_discord_shard_takeovers_total").increment(1);
            tracing::info!(
                shard,
                from,
                "took over a shard whose replica stopped renewing it"
            );
        }
        Ok(taken)
    }

    /// Gives up `shards` (already stopped) for another replica.
    pub async fn release(&self, shards: &[u32]) -> Result<(), StoreError> {
        self.store.release_shards(&self.holder, shards).await
    }

    /// Gives up every lease at a clean stop, so other replicas take the shards at once.
    pub async fn leave(&self) -> Result<(), StoreError> {
        self.store.leave_shards(&self.holder).await
    }
}
