//! One write transaction on either backend with values bound from a plain list, so a
//! multi-statement write (a submission, an import) is written once for both: statements with
//! `$n` placeholders, many rows per statement (as many as the backends' parameter limits
//! allow), and rows read back as tuples.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use sqlx::encode::Encode;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::SqliteRow;
use sqlx::{Arguments, AssertSqlSafe, Database, FromRow, Postgres, Sqlite, Transaction, Type};

use super::columns;
use super::rows::BeginWrite;
use super::{Pool, Store};

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

/// `args` as one backend's bound values, in order.
fn arguments<DB>(args: &[Arg]) -> Result<DB::Arguments, sqlx::Error>
where
    DB: Database,
    i64: for<'q> Encode<'q, DB> + Type<DB>,
    i32: for<'q> Encode<'q, DB> + Type<DB>,
    i16: for<'q> Encode<'q, DB> + Type<DB>,
    bool: for<'q> Encode<'q, DB> + Type<DB>,
    NaiveDate: for<'q> Encode<'q, DB> + Type<DB>,
    String: for<'q> Encode<'q, DB> + Type<DB>,
    DateTime<Utc>: for<'q> Encode<'q, DB> + Type<DB>,
    NaiveDateTime: for<'q> Encode<'q, DB> + Type<DB>,
    Option<i64>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<String>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<DateTime<Utc>>: for<'q> Encode<'q, DB> + Type<DB>,
    Option<NaiveDateTime>: for<'q> Encode<'q, DB> + Type<DB>,
{
    let mut out = DB::Arguments::default();
    for arg in args {
        let added: Result<(), BoxDynError> = match arg {
            Arg::Int(v) => out.add(*v),
            Arg::Int4(v) => out.add(*v),
            Arg::Int2(v) => out.add(*v),
            Arg::OptInt(v) => out.add(*v),
            Arg::Bool(v) => out.add(*v),
            Arg::Date(v) => out.add(*v),
            Arg::Text(v) => out.add(v.clone()),
            Arg::OptText(v) => out.add(v.clone()),
            Arg::Instant(v) => out.add(*v),
            Arg::OptInstant(v) => out.add(*v),
            Arg::Local(v) => out.add(*v),
            Arg::OptLocal(v) => out.add(*v),
        };
        added.map_err(sqlx::Error::Encode)?;
    }
    Ok(out)
}

/// `args` as PostgreSQL's bound values, in order.
pub(super) fn pg_arguments(args: &[Arg]) -> Result<PgArguments, sqlx::Error> {
    arguments::<Postgres>(args)
}

impl Store {
    /// Opens a write transaction (on SQLite it takes the write lock at once).
    pub(crate) async fn begin_tx(&self) -> Result<Tx, sqlx::Error> {
        Tx::begin(&self.pool).await
    }
}

impl Tx {
    /// Opens a write transaction on `pool` (on SQLite it takes the write lock at once).
    pub(super) async fn begin(pool: &Pool) -> Result<Tx, sqlx::Error> {
        Ok(match pool {
            Pool::Postgres(pool) => Tx::Postgres(pool.begin_write().await?),
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin_write().await?),
        })
    }

    /// Runs a statement; how many rows it changed.
    pub(crate) async fn execute(&mut self, sql: &str, args: &[Arg]) -> Result<u64, sqlx::Error> {
        let sql = AssertSqlSafe(sql);
        Ok(match self {
            Tx::Postgres(tx) => sqlx::query_with(sql, arguments::<Postgres>(args)?)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Tx::Sqlite(tx) => sqlx::query_with(sql, arguments::<Sqlite>(args)?)
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
        let sql = AssertSqlSafe(sql);
        match self {
            Tx::Postgres(tx) => {
                sqlx::query_as_with(sql, arguments::<Postgres>(args)?)
                    .fetch_all(&mut **tx)
                    .await
            }
            Tx::Sqlite(tx) => {
                sqlx::query_as_with(sql, arguments::<Sqlite>(args)?)
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
        let sql = format!("{head} VALUES {{values}} {tail}");
        self.fetch_values(&sql, width, rows).await
    }

    /// Runs `sql` with `{values}` in it replaced by `(…), (…)` placeholders for `rows` (each
    /// `width` values, flattened; e.g. `WITH v(a, b) AS (VALUES {values}) UPDATE …`), once per
    /// chunk the parameter limit allows; gathers what it returns. On PostgreSQL its
    /// `VALUES {values}` reads one array per column instead, in one statement (see
    /// `columns`). Nothing runs without rows.
    pub(crate) async fn fetch_values<T>(
        &mut self,
        sql: &str,
        width: usize,
        rows: &[Arg],
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        if let Tx::Postgres(tx) = self
            && let Some(unnested) = columns::unnested(sql, rows, width)
        {
            let (sql, args) = unnested?;
            let query = sqlx::query_as_with(AssertSqlSafe(sql), args);
            return query.fetch_all(&mut **tx).await;
        }
        let mut out = Vec::new();
        for chunk in rows.chunks((MAX_PARAMS / width).max(1) * width) {
            let anonymous = matches!(self, Tx::Sqlite(_)) && !sql.contains('$');
            let rows = placeholders(chunk.len() / width, width, anonymous);
            let sql = sql.replace("{values}", &rows);
            out.extend(self.fetch::<T>(&sql, chunk).await?);
        }
        Ok(out)
    }

    /// Runs `{sql}` once per chunk of `ids`, with `{ids}` in it replaced by the chunk's
    /// placeholders after `fixed`'s (e.g. `WHERE round_id IN ({ids})`), and gathers the rows;
    /// on PostgreSQL once, with the ids as one array (`= ANY($n)`). Nothing runs without ids.
    pub(crate) async fn fetch_in<T>(
        &mut self,
        sql: &str,
        fixed: &[Arg],
        ids: &[i64],
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        if let Tx::Postgres(tx) = self
            && let Some(any) = columns::any_of(sql, fixed, ids)
        {
            let (sql, args) = any?;
            let query = sqlx::query_as_with(AssertSqlSafe(sql), args);
            return query.fetch_all(&mut **tx).await;
        }
        let mut out = Vec::new();
        for chunk in ids.chunks(MAX_PARAMS) {
            let first = fixed.len() + 1;
            // Numbered only where other numbered parameters come first (see `placeholders`).
            let anonymous = matches!(self, Tx::Sqlite(_)) && fixed.is_empty() && !sql.contains('$');
            let list: Vec<String> = (first..first + chunk.len())
                .map(|n| match anonymous {
                    true => "?".to_string(),
                    false => format!("${n}"),
                })
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

/// `($1, $2), ($3, $4)` for `rows` rows of `width` values; `(?, ?), (?, ?)` when
/// `anonymous`: for SQLite, which looks each numbered parameter up by its name among all the
/// others, both when it prepares the statement and when sqlx binds it: quadratic in their
/// number, and most of the time a batch of 150 submissions' answers (2,700 values) took.
fn placeholders(rows: usize, width: usize, anonymous: bool) -> String {
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
            match anonymous {
                true => out.push('?'),
                false => out.push_str(&format!("${}", row * width + column + 1)),
            }
        }
        out.push(')');
    }
    out
}
