//! Writing straight to a test database, around the store: how a test puts in a value hoego
//! would never write itself (an older version's, or a hand edit's), to see how it is read, and
//! counting rows as they are.

use hoego::config::DatabaseUrl;
use sqlx::{Connection, PgConnection, SqliteConnection};

use super::db::TestDb;

impl TestDb {
    /// Runs one statement on the database, outside the store.
    pub async fn execute(&self, sql: &'static str) {
        match &self.settings.url {
            DatabaseUrl::Postgres(_) => {
                let mut conn = PgConnection::connect(self.settings.url.expose())
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&mut conn).await.unwrap();
            }
            DatabaseUrl::Sqlite { url } => {
                let mut conn = SqliteConnection::connect(url).await.unwrap();
                sqlx::query(sql).execute(&mut conn).await.unwrap();
            }
        }
    }
}

impl TestDb {
    /// The number one `SELECT COUNT(*) …` statement gives, read outside the store.
    pub async fn count(&self, sql: &'static str) -> i64 {
        match &self.settings.url {
            DatabaseUrl::Postgres(_) => {
                let mut conn = PgConnection::connect(self.settings.url.expose())
                    .await
                    .unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            DatabaseUrl::Sqlite { url } => {
                let mut conn = SqliteConnection::connect(url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }
}
