//! Discord shard leases on PostgreSQL: one row per shard (its holder and until when), one row per
//! live replica. Times are the database's own clock, so replicas whose clocks differ agree on
//! when a lease has run out. SQLite serves one replica, which needs no leases.

use std::time::Duration;

use sqlx::{PgPool, Row};

use super::{Pool, Store, StoreError};
use crate::domain::shard_share::Lease;

/// What a replica sees of the shards after renewing its leases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShardView {
    /// The shards whose leases the replica still held and renewed.
    pub renewed: Vec<u32>,
    /// Every shard's lease below the count.
    pub leases: Vec<Lease>,
    /// The replicas alive (the caller among them).
    pub replicas: Vec<String>,
}

/// How long leases and replica rows last.
#[derive(Debug, Clone, Copy)]
pub struct LeaseTimes {
    /// A shard lease's length from its last renewal.
    pub lease: Duration,
    /// How long a replica counts as alive from its last turn.
    pub alive: Duration,
}

impl Store {
    /// One turn of `holder` among `count` shards: says it is alive, makes sure every shard has a
    /// lease row, renews the leases it holds, and reads every lease and live replica.
    pub async fn shard_turn(
        &self,
        holder: &str,
        count: u32,
        times: LeaseTimes,
    ) -> Result<ShardView, StoreError> {
        let pool = postgres(self)?;
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO discord_replicas (holder, seen_until)
             VALUES ($1, now() + make_interval(secs => $2))
             ON CONFLICT (holder) DO UPDATE SET seen_until = EXCLUDED.seen_until",
        )
        .bind(holder)
        .bind(times.alive.as_secs_f64())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO discord_shard_leases (shard_id, shard_count, holder, expires_at)
             SELECT s, $1, NULL, now() FROM generate_series(0, $1 - 1) AS s
             ON CONFLICT (shard_id) DO NOTHING",
        )
        .bind(count as i32)
        .execute(&mut *tx)
        .await?;
        let renewed = sqlx::query(
            "UPDATE discord_shard_leases SET expires_at = now() + make_interval(secs => $2)
             WHERE holder = $1 AND expires_at > now() RETURNING shard_id",
        )
        .bind(holder)
        .bind(times.lease.as_secs_f64())
        .fetch_all(&mut *tx)
        .await?;
        let leases = sqlx::query(
            "SELECT shard_id, holder, expires_at > now() AS live,
                    GREATEST(EXTRACT(EPOCH FROM now() - expires_at), 0)::float8 AS free_for
             FROM discord_shard_leases WHERE shard_id < $1 ORDER BY shard_id",
        )
        .bind(count as i32)
        .fetch_all(&mut *tx)
        .await?;
        let replicas = sqlx::query(
            "SELECT holder FROM discord_replicas WHERE seen_until > now() ORDER BY holder",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ShardView {
            renewed: renewed.iter().map(|r| r.get::<i32, _>(0) as u32).collect(),
            leases: leases.iter().map(lease).collect(),
            replicas: replicas.iter().map(|r| r.get(0)).collect(),
        })
    }

    /// Takes `shard`'s lease for `holder` if it is free (never held, released, or run out):
    /// whether it did. Two replicas taking it at once: one gets it.
    pub async fn take_shard(
        &self,
        holder: &str,
        shard: u32,
        count: u32,
        lease: Duration,
    ) -> Result<bool, StoreError> {
        let taken = sqlx::query(
            "UPDATE discord_shard_leases
             SET holder = $2, shard_count = $3, expires_at = now() + make_interval(secs => $4)
             WHERE shard_id = $1 AND (holder IS NULL OR expires_at <= now())",
        )
        .bind(shard as i32)
        .bind(holder)
        .bind(count as i32)
        .bind(lease.as_secs_f64())
        .execute(postgres(self)?)
        .await?;
        Ok(taken.rows_affected() == 1)
    }

    /// Gives up `holder`'s leases on `shards`, free for another replica at once.
    pub async fn release_shards(&self, holder: &str, shards: &[u32]) -> Result<(), StoreError> {
        let ids: Vec<i32> = shards.iter().map(|s| *s as i32).collect();
        sqlx::query(
            "UPDATE discord_shard_leases SET holder = NULL, expires_at = now()
             WHERE holder = $1 AND shard_id = ANY($2)",
        )
        .bind(holder)
        .bind(ids)
        .execute(postgres(self)?)
        .await?;
        Ok(())
    }

    /// `holder` stops: every lease it holds is given up and it no longer counts as alive.
    pub async fn leave_shards(&self, holder: &str) -> Result<(), StoreError> {
        let pool = postgres(self)?;
        sqlx::query(
            "UPDATE discord_shard_leases SET holder = NULL, expires_at = now() WHERE holder = $1",
        )
        .bind(holder)
        .execute(pool)
        .await?;
        sqlx::query("DELETE FROM discord_replicas WHERE holder = $1 OR seen_until < now() - interval '1 hour'")
            .bind(holder)
            .execute(pool)
            .await?;
        Ok(())
    }
}

fn postgres(store: &Store) -> Result<&PgPool, StoreError> {
    match &store.pool {
        Pool::Postgres(pool) => Ok(pool),
        Pool::Sqlite(_) => Err(StoreError::Refused(
            "shard leases need PostgreSQL; SQLite runs one replica with every shard".into(),
        )),
    }
}

fn lease(row: &sqlx::postgres::PgRow) -> Lease {
    let free_for: f64 = row.get("free_for");
    let live: bool = row.get("live");
    Lease {
        shard: row.get::<i32, _>("shard_id") as u32,
        holder: row.get("holder"),
        live,
        free_for: if live {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(free_for.max(0.0))
        },
    }
}
