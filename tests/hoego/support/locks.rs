//! Holding the database's write lock from outside hoego, as a long transaction of another
//! client would: on PostgreSQL an exclusive lock on a table, on SQLite the one writer's lock
//! (`BEGIN IMMEDIATE`). hoego's writes wait behind it until it is released (or they time out).

use sqlx::{Connection, Executor, PgConnection, SqliteConnection};

use super::db::TestDb;
use hoego::config::DatabaseUrl;

/// A transaction of another client that blocks hoego's writes until released.
pub enum WriteLock {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

impl TestDb {
    /// Takes the write lock: on PostgreSQL, `table` exclusively; on SQLite, the whole file.
    pub async fn hold_writes(&self, table: &str) -> WriteLock {
        match &self.settings.url {
            DatabaseUrl::Postgres(_) => {
                let mut conn = PgConnection::connect(self.settings.url.expose())
                    .await
                    .expect("a second PostgreSQL connection");
                let lock = format!("BEGIN; LOCK TABLE {table} IN EXCLUSIVE MODE");
                conn.execute(sqlx::AssertSqlSafe(lock))
                    .await
                    .expect("table locked");
                WriteLock::Postgres(conn)
            }
            DatabaseUrl::Sqlite { url } => {
                let mut conn = SqliteConnection::connect(url)
                    .await
                    .expect("a second SQLite connection");
                conn.execute("BEGIN IMMEDIATE")
                    .await
                    .expect("write lock taken");
                WriteLock::Sqlite(conn)
            }
        }
    }
}

impl WriteLock {
    /// Ends the blocking transaction, letting the waiting writes through.
    pub async fn release(self) {
        match self {
            WriteLock::Postgres(mut conn) => conn.execute("COMMIT").await.map(|_| ()),
            WriteLock::Sqlite(mut conn) => conn.execute("COMMIT").await.map(|_| ()),
        }
        .expect("lock released");
    }
}
