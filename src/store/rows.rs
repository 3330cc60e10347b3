//! Reading columns the same way on both backends, and opening write transactions.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

use super::StoreError;
use crate::domain::lang::Lang;
use crate::domain::zone::ZoneName;

/// Typed column reads shared by both backends' rows.
pub(crate) trait RowExt {
    /// A whole number.
    fn int(&self, column: &'static str) -> Result<i64, StoreError>;
    /// Text.
    fn text(&self, column: &'static str) -> Result<String, StoreError>;
    /// Text or NULL.
    fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError>;
    /// An instant or NULL.
    fn opt_instant(&self, column: &'static str) -> Result<Option<DateTime<Utc>>, StoreError>;

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
            fn opt_instant(
                &self,
                column: &'static str,
            ) -> Result<Option<DateTime<Utc>>, StoreError> {
                self.try_get(column)
                    .map_err(|e| corrupt(column, e.to_string()))
            }
        }
    };
}

impl_row_ext!(PgRow);
impl_row_ext!(SqliteRow);
