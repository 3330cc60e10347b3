//! A database's schema as text, one line per object, read from the catalog itself: what a test
//! compares to prove a migration changed (or did not change) the schema.

use hoego::config::DatabaseUrl;
use sqlx::{Connection, PgConnection, Row, SqliteConnection};

use super::db::TestDb;

/// PostgreSQL: columns (type, nullability, default), indexes, constraints.
const POSTGRES: &str = "
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
           || is_nullable || ' ' || coalesce(column_default, '-')
    FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    ORDER BY 1";

/// SQLite: every table, index and trigger with its SQL.
const SQLITE: &str = "
    SELECT type || ' ' || name || ': ' || coalesce(sql, '-') FROM sqlite_master ORDER BY 1";

/// The applied migrations, as sqlx records them.
const MIGRATIONS: &str =
    "SELECT 'migration ' || version || ' ' || description FROM _sqlx_migrations ORDER BY version";

impl TestDb {
    /// The schema, one sorted line per column, index, constraint or table, then the applied
    /// migrations.
    pub async fn schema(&self) -> Vec<String> {
        let mut lines = Vec::new();
        match &self.settings.url {
            DatabaseUrl::Postgres(_) => {
                let mut conn = PgConnection::connect(self.settings.url.expose())
                    .await
                    .unwrap();
                for sql in [POSTGRES, MIGRATIONS] {
                    let rows = sqlx::query(sql).fetch_all(&mut conn).await.unwrap();
                    lines.extend(rows.iter().map(|r| r.get::<String, _>(0)));
                }
            }
            DatabaseUrl::Sqlite { url } => {
                let mut conn = SqliteConnection::connect(url).await.unwrap();
                for sql in [SQLITE, MIGRATIONS] {
                    let rows = sqlx::query(sql).fetch_all(&mut conn).await.unwrap();
                    lines.extend(rows.iter().map(|r| r.get::<String, _>(0)));
                }
            }
        }
        lines
    }
}
