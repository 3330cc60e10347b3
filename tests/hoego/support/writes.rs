//! Counting the rows a test's actions write: a trigger on every table of the test database adds
//! one to `test_writes.n` for each row inserted, updated or deleted, on either backend. An
//! upsert that changes nothing still counts (it rewrites its row), so "wrote nothing" means no
//! statement touched a row.

use hoego::config::DatabaseUrl;
use sqlx::{Connection, PgConnection, Row, SqliteConnection};

use super::db::TestDb;

/// Makes the counter and its function (PostgreSQL), then one trigger per table (the DO block).
const POSTGRES: [&str; 4] = [
    "CREATE TABLE test_writes (n BIGINT NOT NULL)",
    "INSERT INTO test_writes VALUES (0)",
    "CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS
     $$ BEGIN UPDATE test_writes SET n = n + 1; RETURN NULL; END $$",
    "DO $$ DECLARE t text; BEGIN
       FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                AND tablename NOT IN ('test_writes', '_sqlx_migrations') LOOP
         EXECUTE format('CREATE TRIGGER test_count AFTER INSERT OR UPDATE OR DELETE ON %I
                         FOR EACH ROW EXECUTE FUNCTION test_count_write()', t);
       END LOOP; END $$",
];

impl TestDb {
    /// Starts counting written rows (see the module).
    pub async fn count_writes(&self) {
        match &self.settings.url {
            DatabaseUrl::Postgres(_) => {
                let mut conn = PgConnection::connect(self.settings.url.expose())
                    .await
                    .unwrap();
                for sql in POSTGRES {
                    sqlx::query(sql).execute(&mut conn).await.unwrap();
                }
            }
            DatabaseUrl::Sqlite { url } => {
                let mut conn = SqliteConnection::connect(url).await.unwrap();
                for sql in [
                    "CREATE TABLE test_writes (n INTEGER NOT NULL)",
                    "INSERT INTO test_writes VALUES (0)",
                ] {
                    sqlx::query(sql).execute(&mut conn).await.unwrap();
                }
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table'
                     AND name NOT LIKE 'sqlite_%' AND name NOT IN ('test_writes', '_sqlx_migrations')",
                )
                .fetch_all(&mut conn)
                .await
                .unwrap();
                for table in tables {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        let sql = format!(
                            "CREATE TRIGGER \"test_count_{event}_{table}\" AFTER {event} ON \"{table}\"
                             BEGIN UPDATE test_writes SET n = n + 1; END"
                        );
                        sqlx::query(sqlx::AssertSqlSafe(sql))
                            .execute(&mut conn)
                            .await
                            .unwrap();
                    }
                }
            }
        }
    }

    /// How many rows were written since [`TestDb::count_writes`].
    pub async fn writes(&self) -> i64 {
        let sql = "SELECT n FROM test_writes";
        match &self.settings.url {
            DatabaseUrl::Postgres(_) => {
                let mut conn = PgConnection::connect(self.settings.url.expose())
                    .await
                    .unwrap();
                let row = sqlx::query(sql).fetch_one(&mut conn).await.unwrap();
                row.get::<i64, _>("n")
            }
            DatabaseUrl::Sqlite { url } => {
                let mut conn = SqliteConnection::connect(url).await.unwrap();
                let row = sqlx::query(sql).fetch_one(&mut conn).await.unwrap();
                row.get::<i64, _>("n")
            }
        }
    }
}
