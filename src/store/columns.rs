//! Many rows in one PostgreSQL statement, bound as one array per column and read back as rows
//! with `unnest`, instead of a `VALUES` list with a placeholder per value. The statement's text
//! is then the same whatever the number of rows, so PostgreSQL parses it once per connection
//! and plans a handful of arrays instead of every value (a batch of 150 submissions' answers
//! is 900 placeholders in a `VALUES` list). Likewise a list of ids is one `bigint[]`
//! (`= ANY($n)`) instead of `IN ($1, $2, …)`. SQLite keeps the lists: it has no arrays.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use sqlx::Arguments;
use sqlx::error::BoxDynError;
use sqlx::postgres::PgArguments;

use super::tx::Arg;

/// One column's values (any of them may be NULL).
#[derive(Debug)]
pub(super) enum Column {
    Int(Vec<Option<i64>>),
    Int4(Vec<Option<i32>>),
    Int2(Vec<Option<i16>>),
    Bool(Vec<Option<bool>>),
    Date(Vec<Option<NaiveDate>>),
    Text(Vec<Option<String>>),
    Instant(Vec<Option<DateTime<Utc>>>),
    Local(Vec<Option<NaiveDateTime>>),
}

impl Column {
    /// An empty column for values like `arg`.
    fn like(arg: &Arg, rows: usize) -> Column {
        match arg {
            Arg::Int(_) | Arg::OptInt(_) => Column::Int(Vec::with_capacity(rows)),
            Arg::Int4(_) => Column::Int4(Vec::with_capacity(rows)),
            Arg::Int2(_) => Column::Int2(Vec::with_capacity(rows)),
            Arg::Bool(_) => Column::Bool(Vec::with_capacity(rows)),
            Arg::Date(_) => Column::Date(Vec::with_capacity(rows)),
            Arg::Text(_) | Arg::OptText(_) => Column::Text(Vec::with_capacity(rows)),
            Arg::Instant(_) | Arg::OptInstant(_) => Column::Instant(Vec::with_capacity(rows)),
            Arg::Local(_) | Arg::OptLocal(_) => Column::Local(Vec::with_capacity(rows)),
        }
    }

    /// Adds `arg`; `false` when it is not of the column's kind.
    fn push(&mut self, arg: &Arg) -> bool {
        match (self, arg) {
            (Column::Int(c), Arg::Int(v)) => c.push(Some(*v)),
            (Column::Int(c), Arg::OptInt(v)) => c.push(*v),
            (Column::Int4(c), Arg::Int4(v)) => c.push(Some(*v)),
            (Column::Int2(c), Arg::Int2(v)) => c.push(Some(*v)),
            (Column::Bool(c), Arg::Bool(v)) => c.push(Some(*v)),
            (Column::Date(c), Arg::Date(v)) => c.push(Some(*v)),
            (Column::Text(c), Arg::Text(v)) => c.push(Some(v.clone())),
            (Column::Text(c), Arg::OptText(v)) => c.push(v.clone()),
            (Column::Instant(c), Arg::Instant(v)) => c.push(Some(*v)),
            (Column::Instant(c), Arg::OptInstant(v)) => c.push(*v),
            (Column::Local(c), Arg::Local(v)) => c.push(Some(*v)),
            (Column::Local(c), Arg::OptLocal(v)) => c.push(*v),
            _ => return false,
        }
        true
    }

    /// The column's array type in SQL.
    fn array_type(&self) -> &'static str {
        match self {
            Column::Int(_) => "int8[]",
            Column::Int4(_) => "int4[]",
            Column::Int2(_) => "int2[]",
            Column::Bool(_) => "bool[]",
            Column::Date(_) => "date[]",
            Column::Text(_) => "text[]",
            Column::Instant(_) => "timestamptz[]",
            Column::Local(_) => "timestamp[]",
        }
    }

    fn bind(self, out: &mut PgArguments) -> Result<(), BoxDynError> {
        match self {
            Column::Int(c) => out.add(c),
            Column::Int4(c) => out.add(c),
            Column::Int2(c) => out.add(c),
            Column::Bool(c) => out.add(c),
            Column::Date(c) => out.add(c),
            Column::Text(c) => out.add(c),
            Column::Instant(c) => out.add(c),
            Column::Local(c) => out.add(c),
        }
    }
}

/// `rows` (each `width` values, flattened) as `width` columns; `None` when there are no rows
/// or a column holds values of different kinds.
fn columns(rows: &[Arg], width: usize) -> Option<Vec<Column>> {
    let first = rows.get(..width).filter(|_| width > 0)?;
    let count = rows.len() / width;
    let mut columns: Vec<Column> = first.iter().map(|a| Column::like(a, count)).collect();
    for row in rows.chunks_exact(width) {
        for (column, arg) in columns.iter_mut().zip(row) {
            if !column.push(arg) {
                return None;
            }
        }
    }
    Some(columns)
}

/// `sql` with its `VALUES {values}` read from `rows` (each `width` values, flattened) as
/// columns instead (bound as `$1`, `$2`, …), and those bound values; `None` when `sql` has no
/// `VALUES {values}`, there are no rows, or a column holds values of different kinds.
pub(super) fn unnested(
    sql: &str,
    rows: &[Arg],
    width: usize,
) -> Option<Result<(String, PgArguments), sqlx::Error>> {
    const VALUES: &str = "VALUES {values}";
    if !sql.contains(VALUES) {
        return None;
    }
    let columns = columns(rows, width)?;
    let arrays: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| format!("${}::{}", i + 1, column.array_type()))
        .collect();
    let rows = format!("SELECT * FROM unnest({})", arrays.join(", "));
    let mut args = PgArguments::default();
    for column in columns {
        if let Err(error) = column.bind(&mut args) {
            return Some(Err(sqlx::Error::Encode(error)));
        }
    }
    Some(Ok((sql.replace(VALUES, &rows), args)))
}

/// `sql` with its `IN ({ids})` as `= ANY($n)` (`n` after the `fixed` values), and the values
/// to bind; `None` when `sql` has no `IN ({ids})`.
pub(super) fn any_of(
    sql: &str,
    fixed: &[Arg],
    ids: &[i64],
) -> Option<Result<(String, PgArguments), sqlx::Error>> {
    const IN: &str = "IN ({ids})";
    if !sql.contains(IN) {
        return None;
    }
    let any = format!("= ANY(${}::int8[])", fixed.len() + 1);
    let bound = super::tx::pg_arguments(fixed).and_then(|mut args| {
        args.add(ids.to_vec()).map_err(sqlx::Error::Encode)?;
        Ok(args)
    });
    Some(bound.map(|args| (sql.replace(IN, &any), args)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_one_typed_array_per_column_and_the_statement_reads_them_back() {
        let rows = [
            Arg::Int(1),
            Arg::Text("a".into()),
            Arg::OptText(None),
            Arg::Int(2),
            Arg::Text("b".into()),
            Arg::OptText(Some("c".into())),
        ];
        let sql = "WITH v (id, word, note) AS (VALUES {values}) SELECT * FROM v";

        let (sql, _) = unnested(sql, &rows, 3)
            .expect("one kind per column")
            .expect("binds");

        assert_eq!(
            sql,
            "WITH v (id, word, note) AS (SELECT * FROM unnest($1::int8[], $2::text[], \
             $3::text[])) SELECT * FROM v"
        );
    }

    #[test]
    fn a_column_of_mixed_kinds_or_no_rows_keeps_the_values_list() {
        assert!(columns(&[Arg::Int(1), Arg::Text("a".into())], 1).is_none());
        assert!(columns(&[], 2).is_none());
        let rows = [Arg::Int(1)];
        let kept = unnested("DELETE FROM t WHERE id = $1", &rows, 1);
        assert!(kept.is_none());
    }

    #[test]
    fn a_list_of_ids_becomes_one_array_after_the_fixed_values() {
        let sql = "DELETE FROM t WHERE team = $1 AND id IN ({ids})";

        let (sql, _) = any_of(sql, &[Arg::Int(7)], &[1, 2, 3]).unwrap().unwrap();

        assert_eq!(
            sql,
            "DELETE FROM t WHERE team = $1 AND id = ANY($2::int8[])"
        );
    }
}
