//! Store errors: what the caller can act on (a conflict, a missing row, the database being
//! unreachable) apart from what is a bug or a broken database.

/// A failed store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule refused the write (e.g. a second round for the same occurrence).
    #[error("already exists: {0}")]
    Conflict(String),
    /// A CHECK or foreign key refused the write.
    #[error("refused by the database: {0}")]
    Refused(String),
    /// The row asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The database could not be reached; the caller may retry later.
    #[error("the database is unreachable")]
    Unavailable(#[source] sqlx::Error),
    /// A stored value hoego cannot read (written by a newer version, or corrupted).
    #[error("unreadable stored value in {column}: {problem}")]
    Corrupt {
        /// The column.
        column: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// Migrations failed.
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The request this write was made for was handled already (by another replica, or an
    /// earlier delivery of the same request): nothing was written.
    #[error("the request was handled already")]
    HandledElsewhere,
    /// Anything else the database said.
    #[error("database error")]
    Other(#[source] sqlx::Error),
}

impl StoreError {
    /// Whether the database was unreachable (so the person should be told to try again).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

impl From<super::Unreadable> for StoreError {
    fn from(unreadable: super::Unreadable) -> Self {
        StoreError::Corrupt {
            column: unreadable.column,
            problem: format!("{:?}: {}", unreadable.value, unreadable.problem),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_string())
            }
            sqlx::Error::Database(db)
                if db.is_check_violation() || db.is_foreign_key_violation() =>
            {
                StoreError::Refused(db.message().to_string())
            }
            sqlx::Error::Database(db) if busy(db.as_ref()) => StoreError::Unavailable(error),
            sqlx::Error::RowNotFound => StoreError::NotFound("row".into()),
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(error),
            _ => StoreError::Other(error),
        }
    }
}

/// Whether a database error means "busy for now, try again": SQLite's busy and locked codes
/// (another writer held the file past the busy timeout), PostgreSQL's lock not available,
/// statement cancelled (a timeout) and a server shutting down or starting.
fn busy(error: &dyn sqlx::error::DatabaseError) -> bool {
    let code = error.code();
    let code = code.as_deref().unwrap_or_default();
    if error
        .try_downcast_ref::<sqlx::sqlite::SqliteError>()
        .is_some()
    {
        code.parse::<u32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6))
    } else {
        matches!(code, "55P03" | "57014" | "57P01" | "57P03")
    }
}
