//! Write transactions that read before they write: PostgreSQL's default `BEGIN`, and SQLite's
//! `BEGIN IMMEDIATE`, which takes the write lock at once so two writers cannot both read and
//! then fail to upgrade.

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

/// Opens a transaction fit for read-then-write use cases on either backend.
pub(crate) trait BeginReadWrite {
    /// The backend.
    type Db: sqlx::Database;

    /// Begins the transaction.
    async fn begin_read_write(&self) -> Result<Transaction<'static, Self::Db>, sqlx::Error>;
}

impl BeginReadWrite for PgPool {
    type Db = Postgres;

    async fn begin_read_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.begin().await
    }
}

impl BeginReadWrite for SqlitePool {
    type Db = Sqlite;

    async fn begin_read_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}
