//! A fresh database for every test: a new SQLite file, or a new PostgreSQL database created on
//! the server named by `HOEGO_TEST_POSTGRES_URL` and dropped afterwards.

use std::time::Duration;

use hoego::config::{DatabaseSettings, DatabaseUrl};
use hoego::store::Store;
use sqlx::Connection;

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// A store on a database of its own.
pub struct TestDb {
    pub store: Store,
    pub settings: DatabaseSettings,
    cleanup: Cleanup,
}

enum Cleanup {
    Postgres { admin_url: String, name: String },
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
}

/// The PostgreSQL server for tests. Without `HOEGO_TEST_POSTGRES_URL` a test that needs it
/// fails, saying how to run it, unless `HOEGO_TEST_SQLITE_ONLY=1` opts out explicitly (then it
/// is `None`, after a `NOT RUN` line); under `CI=true` nothing opts out. So a green run means
/// both backends ran, or that someone asked for SQLite alone.
pub fn postgres_admin_url() -> Option<String> {
    if let Ok(url) = std::env::var("HOEGO_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        return Some(url);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let sqlite_only = std::env::var("HOEGO_TEST_SQLITE_ONLY").is_ok_and(|v| v == "1");
    if sqlite_only && !ci {
        eprintln!("NOT RUN on PostgreSQL: HOEGO_TEST_SQLITE_ONLY=1");
        return None;
    }
    panic!("{}", missing_postgres_message(ci))
}

/// What a test that needs PostgreSQL says when it is not configured.
fn missing_postgres_message(ci: bool) -> String {
    let run = "HOEGO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres cargo test";
    if ci {
        format!(
            "HOEGO_TEST_POSTGRES_URL is not set, and CI=true: PostgreSQL tests must run in CI ({run})"
        )
    } else {
        format!(
            "this test needs PostgreSQL and HOEGO_TEST_POSTGRES_URL is not set. Run the suite as \
             `{run}` (see the README), or skip the PostgreSQL half explicitly with \
             `HOEGO_TEST_SQLITE_ONLY=1 cargo test`"
        )
    }
}

impl TestDb {
    /// A migrated store on a fresh database, or `None` when PostgreSQL was skipped explicitly
    /// (`HOEGO_TEST_SQLITE_ONLY=1`, outside CI only).
    pub async fn new(backend: Backend) -> Option<TestDb> {
        let db = Self::new_unmigrated(backend).await?;
        db.store.migrate().await.expect("migrations apply");
        Some(db)
    }

    /// A fresh, empty database, not yet migrated.
    pub async fn new_unmigrated(backend: Backend) -> Option<TestDb> {
        Some(match backend {
            Backend::Sqlite => Self::sqlite().await,
            Backend::Postgres => Self::postgres(postgres_admin_url()?).await,
        })
    }

    async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("hoego.db").display());
        let settings = settings(DatabaseUrl::parse(&url).expect("sqlite url"));
        let store = Store::connect(&settings).await.expect("sqlite opens");
        TestDb {
            store,
            settings,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    async fn postgres(admin_url: String) -> TestDb {
        let name = format!("hoego_test_{}", unique_suffix());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("PostgreSQL answers");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let mut url = url::Url::parse(&admin_url).expect("HOEGO_TEST_POSTGRES_URL is a URL");
        url.set_path(&name);
        let settings = settings(DatabaseUrl::parse(url.as_str()).expect("postgres url"));
        let store = Store::connect(&settings)
            .await
            .expect("test database opens");
        TestDb {
            store,
            settings,
            cleanup: Cleanup::Postgres { admin_url, name },
        }
    }

    /// Closes the store and drops the database.
    pub async fn finish(self) {
        self.store.close().await;
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup
            && let Ok(mut admin) = sqlx::PgConnection::connect(admin_url).await
        {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut admin)
                .await;
        }
    }
}

fn settings(url: DatabaseUrl) -> DatabaseSettings {
    DatabaseSettings {
        url,
        max_connections: 8,
        connect_timeout: Duration::from_secs(10),
    }
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// Runs an async store test on both backends: `both_backends!(name, test_fn)` makes
/// `name::postgres` and `name::sqlite`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $test:path) => {
        mod $name {
            #[tokio::test]
            async fn postgres() {
                $crate::support::db::run_on($crate::support::Backend::Postgres, $test).await;
            }

            #[tokio::test]
            async fn sqlite() {
                $crate::support::db::run_on($crate::support::Backend::Sqlite, $test).await;
            }
        }
    };
}

/// Runs an async test that takes the backend on both: `on_each_backend!(name)` after
/// `async fn name(backend: Backend)` makes `name::postgres` and `name::sqlite`.
#[macro_export]
macro_rules! on_each_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn postgres() {
                    super::$name($crate::support::Backend::Postgres).await;
                }

                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::support::Backend::Sqlite).await;
                }
            }
        )+
    };
}

/// Runs `test` on a fresh database of `backend`, then drops it.
pub async fn run_on<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    test(db.store.clone()).await;
    db.finish().await;
}
