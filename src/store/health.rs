//! What `hoego doctor` reads of the database: which of the migrations this binary carries are
//! applied, and the channels each platform's schedules post in. Nothing here writes.

use std::collections::BTreeSet;

use sqlx::migrate::Migrator;
use sqlx::{Connection, PgConnection};

use super::rows::RowExt;
use super::{Dialect, Store, StoreError, on_pool};
use crate::config::DatabaseSettings;
use crate::domain::state::Platform;

/// How far the database's schema is from this binary's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// How many migrations this binary carries.
    pub known: usize,
    /// How many of them are applied.
    pub applied: usize,
    /// Those not applied yet, as `version description`.
    pub pending: Vec<String>,
    /// Versions applied that this binary does not know (a newer hoego migrated the database).
    pub unknown: Vec<i64>,
}

/// A channel a schedule posts in (its threads or its digests).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScheduleChannel {
    /// The platform's channel id.
    pub channel_id: String,
    /// The schedule's name.
    pub schedule: String,
    /// The team's id on the platform (a guild or workspace id).
    pub team_external_id: String,
}

impl Store {
    /// One connection attempt to a PostgreSQL server, without a pool's retries, so what is
    /// wrong (refused, unknown host, bad password) shows at once; SQLite needs none.
    pub async fn probe(settings: &DatabaseSettings) -> Result<(), StoreError> {
        if !settings.url.is_postgres() {
            return Ok(());
        }
        let attempt = PgConnection::connect(settings.url.expose());
        let connection = tokio::time::timeout(settings.connect_timeout, attempt)
            .await
            .map_err(|_| StoreError::Unavailable(sqlx::Error::PoolTimedOut))??;
        connection.close().await?;
        Ok(())
    }

    /// Compares the applied migrations with those embedded in this binary.
    pub async fn migration_status(&self) -> Result<MigrationStatus, StoreError> {
        let migrator = match self.dialect() {
            Dialect::Postgres => sqlx::migrate!("migrations/postgres"),
            Dialect::Sqlite => sqlx::migrate!("migrations/sqlite"),
        };
        let applied = self.applied_versions().await?;
        Ok(status(&migrator, &applied))
    }

    async fn applied_versions(&self) -> Result<BTreeSet<i64>, StoreError> {
        let exists = match self.dialect() {
            Dialect::Postgres => {
                "SELECT COUNT(*) AS n FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
            }
            Dialect::Sqlite => {
                "SELECT COUNT(*) AS n FROM sqlite_master
                 WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
        };
        let versions = "SELECT version FROM _sqlx_migrations WHERE success";
        on_pool!(self, |pool| {
            let table = sqlx::query(exists).fetch_one(pool).await?;
            if table.int("n")? == 0 {
                return Ok(BTreeSet::new());
            }
            let rows = sqlx::query(versions).fetch_all(pool).await?;
            rows.iter().map(|row| row.int("version")).collect()
        })
    }

    /// Every channel the schedules of teams on `platform` post in, one row per (channel,
    /// schedule), ordered by channel.
    pub async fn schedule_channels(
        &self,
        platform: Platform,
    ) -> Result<Vec<ScheduleChannel>, StoreError> {
        let sql = "SELECT s.name, s.channel_id, s.digest_channel_id, t.external_id
                   FROM schedules s JOIN teams t ON t.id = s.team_id
                   WHERE t.platform = $1";
        let mut found = BTreeSet::new();
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql)
                .bind(platform.as_str())
                .fetch_all(pool)
                .await?;
            for row in &rows {
                for column in ["channel_id", "digest_channel_id"] {
                    if let Some(channel_id) = row.opt_text(column)? {
                        found.insert(ScheduleChannel {
                            channel_id,
                            schedule: row.text("name")?,
                            team_external_id: row.text("external_id")?,
                        });
                    }
                }
            }
            Ok::<(), StoreError>(())
        })?;
        Ok(found.into_iter().collect())
    }
}

fn status(migrator: &Migrator, applied: &BTreeSet<i64>) -> MigrationStatus {
    let ups: Vec<_> = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .collect();
    let known: BTreeSet<i64> = ups.iter().map(|m| m.version).collect();
    MigrationStatus {
        known: ups.len(),
        applied: ups.iter().filter(|m| applied.contains(&m.version)).count(),
        pending: ups
            .iter()
            .filter(|m| !applied.contains(&m.version))
            .map(|m| format!("{:04} {}", m.version, m.description))
            .collect(),
        unknown: applied.difference(&known).copied().collect(),
    }
}
