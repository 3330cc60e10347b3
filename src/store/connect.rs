//! Opening a store from settings: the backend comes from the URL's scheme.

use std::str::FromStr;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use super::{Pool, Store, StoreError};
use crate::config::{DatabaseSettings, DatabaseUrl};

/// SQLite allows one writer; a few connections are enough for readers.
const SQLITE_MAX_CONNECTIONS: u32 = 4;

impl Store {
    /// Connects (creating a missing SQLite file) without running migrations.
    pub async fn connect(settings: &DatabaseSettings) -> Result<Store, StoreError> {
        Store::connect_with(settings, true).await
    }

    /// Connects to a database that exists, without creating or migrating anything (what
    /// `hoego doctor` looks at).
    pub async fn connect_existing(settings: &DatabaseSettings) -> Result<Store, StoreError> {
        Store::connect_with(settings, false).await
    }

    async fn connect_with(settings: &DatabaseSettings, create: bool) -> Result<Store, StoreError> {
        let pool = match &settings.url {
            DatabaseUrl::Postgres(_) => Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.connect_timeout)
                    .connect(settings.url.expose())
                    .await?,
            ),
            DatabaseUrl::Sqlite { url } => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(create)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(
                        settings
                            .connect_timeout
                            .max(std::time::Duration::from_secs(5)),
                    );
                Pool::Sqlite(
                    SqlitePoolOptions::new()
                        .max_connections(settings.max_connections.min(SQLITE_MAX_CONNECTIONS))
                        .acquire_timeout(settings.connect_timeout)
                        .connect_with(options)
                        .await?,
                )
            }
        };
        Ok(Store {
            writers: writers_pool(settings, &pool),
            pool,
            decode: Default::default(),
            known: Default::default(),
            group: Default::default(),
            batched: Default::default(),
        })
    }

    /// Connects and applies migrations: what `hoego run` and `hoego console` do at start-up.
    pub async fn open(settings: &DatabaseSettings) -> Result<Store, StoreError> {
        let store = Store::connect(settings).await?;
        store.migrate().await?;
        Ok(store)
    }
}

/// The connection of SQLite's one submission writer ([`super::group_commit`]), apart from the
/// readers' pool, so a batch being written never queues behind the reads of the submissions
/// still to come (opened when first used). An in-memory database is shared by the connections
/// of one pool only, so there the writer uses the readers' pool. PostgreSQL's writers use the
/// readers' pool: with connections of their own beside it, the reads of a burst took the CPU
/// the writers needed (the Slack submits bench was slower).
fn writers_pool(settings: &DatabaseSettings, pool: &Pool) -> Pool {
    match pool {
        Pool::Sqlite(readers) if settings.url.sqlite_file().is_some() => Pool::Sqlite(
            SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(settings.connect_timeout)
                .connect_lazy_with((*readers.connect_options()).clone()),
        ),
        other => other.clone(),
    }
}
