//! Reading columns the same way on both backends, and opening write transactions.

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{PgPool, Postgres, Row, Sqlite, SqlitePool, Transaction};

use super::StoreError;
use crate::domain::lang::Lang;
use crate::domain::zone::ZoneName;

/// Typed column reads shared by both backends' rows.
pub(crate) trait RowExt {
    /// A whole number.
    fn int(&self, column: &'static str) -> Result<i64, StoreError>;
    /// A whole number or NULL.
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError>;
    /// Text.
    fn text(&self, column: &'static str) -> Result<String, StoreError>;
    /// Text or NULL.
    fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError>;
    /// An instant or NULL.
    fn opt_instant(&self, column: &'static str) -> Result<Option<DateTime<Utc>>, StoreError>;
    /// An instant.
    fn instant(&self, column: &'static str) -> Result<DateTime<Utc>, StoreError>;
    /// A local wall-clock time.
    fn local(&self, column: &'static str) -> Result<NaiveDateTime, StoreError>;
    /// A local wall-clock time or NULL.
    fn opt_local(&self, column: &'static str) -> Result<Option<NaiveDateTime>, StoreError>;

    /// A stored word parsed into its type.
    fn word<T: std::str::FromStr>(&self, column: &'static str) -> Result<T, StoreError> {
        let raw = self.text(column)?;
        raw.parse()
            .map_err(|_| corrupt(column, format!("unknown word {raw:?}")))
    }

    /// A stored language code.
    fn lang(&self, column: &'static str) -> Result<Lang, StoreError> {
        self.word(column)
    }

    /// A stored time zone name or NULL.
    fn opt_zone(&self, column: &'static str) -> Result<Option<ZoneName>, StoreError> {
        self.opt_text(column)?
            .map(|raw| ZoneName::parse(&raw).map_err(|e| corrupt(column, e.to_string())))
            .transpose()
    }
}

fn corrupt(column: &'static str, problem: String) -> StoreError {
    StoreError::Corrupt { column, problem }
}

macro_rules! impl_row_ext {
    ($row:ty) => {
        impl RowExt for $row {
            fn int(&self, column: &'static str) -> Result<i64, StoreError> {
                // PostgreSQL hands SMALLINT and INTEGER columns back as narrower types.
                self.try_get::<i64, _>(column)
                    .or_else(|_| self.try_get::<i32, _>(column).map(i64::from))
                    .or_else(|_| self.try_get::<i16, _>(column).map(i64::from))
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn text(&self, column: &'static str) -> Result<String, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn instant(&self, column: &'static str) -> Result<DateTime<Utc>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn opt_instant(
                &self,
                column: &'static str,
            ) -> Result<Option<DateTime<Utc>>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn local(&self, column: &'static str) -> Result<NaiveDateTime, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn opt_local(&self, column: &'static str) -> Result<Option<NaiveDateTime>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
        }
    };
}

impl_row_ext!(PgRow);
impl_row_ext!(SqliteRow);

/// An instant as sqlx writes it to SQLite (RFC 3339, UTC), for JSON batches that SQLite stores
/// as text and must compare equal to bound values.
pub(crate) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// A local wall-clock time as sqlx writes it to SQLite.
pub(crate) fn local_text(at: NaiveDateTime) -> String {
    at.format("%F %T%.f").to_string()
}

/// Opening a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so two writers wait for each other instead of failing with "busy".
pub(crate) trait BeginWrite {
    /// The backend.
    type Db: sqlx::Database;

    /// Begins a write transaction.
    async fn begin_write(&self) -> Result<Transaction<'static, Self::Db>, sqlx::Error>;
}

impl BeginWrite for PgPool {
    type Db = Postgres;

    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.begin().await
    }
}

impl BeginWrite for SqlitePool {
    type Db = Sqlite;

    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}
