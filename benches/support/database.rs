//! A PostgreSQL database of its own for a benchmark: created on the server named by
//! `HOEGO_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`) and
//! dropped afterwards, unless `HOEGO_BENCH_KEEP` is set (to look at it with `EXPLAIN ANALYZE`).

use std::future::Future;

use sqlx::{Connection, Executor, PgConnection};

/// Runs `run` with the URL of a fresh database named `name`, then drops the database.
pub async fn on_fresh_database<F, Fut>(name: &str, run: F) -> anyhow::Result<()>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let admin = std::env::var("HOEGO_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut conn = PgConnection::connect(&admin).await?;
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await?;
    let mut url = url::Url::parse(&admin)?;
    url.set_path(name);
    let result = run(url.to_string()).await;
    if std::env::var("HOEGO_BENCH_KEEP").is_ok() {
        println!("kept database {name}");
    } else {
        let drop = format!("DROP DATABASE {name} WITH (FORCE)");
        conn.execute(sqlx::AssertSqlSafe(drop)).await?;
    }
    result
}
