//! One write transaction on either backend with values bound from a plain list, so the import
//! is written once for both: statements with `$n` placeholders, many rows per statement (as
//! many as the backends' parameter limits allow), and rows read back as tuples.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, FromRow, Postgres, Sqlite, Transaction};

/// The most parameters one statement binds (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_PARAMS: usize = 16_000;

/// A value to bind.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    /// A whole number (BIGINT columns).
    Int(i64),
    /// A whole number for an INTEGER column.
    Int4(i32),
    /// A SMALLINT column.
    Int2(i16),
    /// A whole number or NULL.
    OptInt(Option<i64>),
    /// True or false (BOOLEAN on PostgreSQL, 0 or 1 on SQLite).
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
    /// Text.
    Text(String),
    /// Text or NULL.
    OptText(Option<String>),
    /// An instant.
    Instant(DateTime<Utc>),
    /// An instant or NULL.
    OptInstant(Option<DateTime<Utc>>),
    /// A local wall-clock time.
    Local(NaiveDateTime),
    /// A local wall-clock time or NULL.
    OptLocal(Option<NaiveDateTime>),
}

/// An open write transaction.
pub(crate) enum Tx {
    /// On PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
    /// On SQLite (`BEGIN IMMEDIATE`).
    Sqlite(Transaction<'static, Sqlite>),
}

/// Binds `$args` to `$query` in order.
macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Int(v) => query.bind(*v),
                Arg::Int4(v) => query.bind(*v),
                Arg::Int2(v) => query.bind(*v),
                Arg::OptInt(v) => query.bind(*v),
                Arg::Bool(v) => query.bind(*v),
                Arg::Date(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.as_str()),
                Arg::OptText(v) => query.bind(v.as_deref()),
                Arg::Instant(v) => query.bind(*v),
                Arg::OptInstant(v) => query.bind(*v),
                Arg::Local(v) => query.bind(*v),
                Arg::OptLocal(v) => query.bind(*v),
            };
        }
        query
    }};
}

impl Tx {
    /// Runs a statement; how many rows it changed.
    pub(crate) async fn execute(&mut self, sql: &str, args: &[Arg]) -> Result<u64, sqlx::Error> {
        Ok(match self {
            Tx::Postgres(tx) => bind_all!(sqlx::query(AssertSqlSafe(sql)), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Tx::Sqlite(tx) => bind_all!(sqlx::query(AssertSqlSafe(sql)), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a query and reads each row as a `T` (a tuple of the selected columns).
    pub(crate) async fn fetch<T>(&mut self, sql: &str, args: &[Arg]) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        match self {
            Tx::Postgres(tx) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_all(&mut **tx)
                    .await
            }
            Tx::Sqlite(tx) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_all(&mut **tx)
                    .await
            }
        }
    }

    /// Inserts `rows` (each `width` values, flattened) as `{head} VALUES (…), (…) {tail}`, as
    /// many rows per statement as the parameter limit allows; returns what `tail`'s
    /// `RETURNING` reads (nothing without one).
    pub(crate) async fn insert_rows<T>(
        &mut self,
        head: &str,
        tail: &str,
        width: usize,
        rows: &[Arg],
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let mut out = Vec::new();
        for chunk in rows.chunks((MAX_PARAMS / width).max(1) * width) {
            let sql = format!(
                "{head} VALUES {} {tail}",
                placeholders(chunk.len() / width, width)
            );
            out.extend(self.fetch::<T>(&sql, chunk).await?);
        }
        Ok(out)
    }

    /// Runs `{sql}` once per chunk of `ids`, with `{ids}` in it replaced by the chunk's
    /// placeholders after `fixed`'s (e.g. `WHERE round_id IN ({ids})`), and gathers the rows.
    pub(crate) async fn fetch_in<T>(
        &mut self,
        sql: &str,
        fixed: &[Arg],
        ids: &[i64],
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let mut out = Vec::new();
        for chunk in ids.chunks(MAX_PARAMS) {
            let first = fixed.len() + 1;
            let list: Vec<String> = (first..first + chunk.len())
                .map(|n| format!("${n}"))
                .collect();
            let mut args = fixed.to_vec();
            args.extend(chunk.iter().map(|id| Arg::Int(*id)));
            let sql = sql.replace("{ids}", &list.join(", "));
            out.extend(self.fetch::<T>(&sql, &args).await?);
        }
        Ok(out)
    }

    /// Makes everything written permanent.
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Postgres(tx) => tx.commit().await,
            Tx::Sqlite(tx) => tx.commit().await,
        }
    }

    /// Undoes everything written (a dry run).
    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Postgres(tx) => tx.rollback().await,
            Tx::Sqlite(tx) => tx.rollback().await,
        }
    }
}

/// `($1, $2), ($3, $4)` for `rows` rows of `width` values.
fn placeholders(rows: usize, width: usize) -> String {
    let mut out = String::with_capacity(rows * width * 6);
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for column in 0..width {
            if column > 0 {
                out.push_str(", ");
            }
            out.push_str(&format!("${}", row * width + column + 1));
        }
        out.push(')');
    }
    out
}
