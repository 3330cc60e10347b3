//! Column reads the conversation queries need beyond [`super::rows::RowExt`]: required instants
//! and local wall-clock times, on both backends.

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::Row;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

use super::StoreError;

/// Time columns read the same way on both backends.
pub(crate) trait TimeColumns {
    /// An instant that may not be NULL.
    fn instant(&self, column: &'static str) -> Result<DateTime<Utc>, StoreError>;
    /// A local wall-clock time (no offset).
    fn local_time(&self, column: &'static str) -> Result<NaiveDateTime, StoreError>;
}

fn corrupt(column: &'static str, problem: String) -> StoreError {
    StoreError::Corrupt { column, problem }
}

macro_rules! impl_time_columns {
    ($row:ty) => {
        impl TimeColumns for $row {
            fn instant(&self, column: &'static str) -> Result<DateTime<Utc>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
            fn local_time(&self, column: &'static str) -> Result<NaiveDateTime, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
        }
    };
}

impl_time_columns!(PgRow);
impl_time_columns!(SqliteRow);
