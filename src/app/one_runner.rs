//! SQLite serves one running hoego: `hoego run` and `hoego console` hold an exclusive lock on a
//! file beside the database for as long as they run, and a second one refuses to start, saying
//! which file is held and by which process. The operating system drops the lock when the process
//! ends, however it ends (a `kill -9` leaves no stale lock behind). PostgreSQL needs no lock:
//! replicas share it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::config::DatabaseUrl;

/// An exclusive lock held until dropped.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockRefused {
    /// Another process holds it.
    #[error(
        "another hoego{holder} is already running on the SQLite database {database} (it holds \
         {lock}). SQLite serves one running hoego: stop the other one, or use PostgreSQL \
         (database.url = postgres://...) to run several replicas"
    )]
    Held {
        /// The database file.
        database: String,
        /// The lock file.
        lock: String,
        /// " (process N)" when the holder wrote its id.
        holder: String,
    },
    /// The lock file cannot be opened or locked.
    #[error("cannot lock {lock} (beside the SQLite database): {error}")]
    Io {
        /// The lock file.
        lock: String,
        /// What failed.
        error: std::io::Error,
    },
}

/// Takes the run lock of `url` when it is a SQLite file; `None` for PostgreSQL and in-memory
/// SQLite, which need none.
pub fn lock(url: &DatabaseUrl) -> Result<Option<RunLock>, LockRefused> {
    match url.sqlite_file() {
        Some(database) => lock_file(&database).map(Some),
        None => Ok(None),
    }
}

/// The lock file beside `database`: `hoego.db` → `hoego.db.run-lock`.
fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".run-lock");
    PathBuf::from(name)
}

fn lock_file(database: &Path) -> Result<RunLock, LockRefused> {
    let path = lock_path(database);
    let io = |error| LockRefused::Io {
        lock: path.display().to_string(),
        error,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            let pid = pid.trim();
            return Err(LockRefused::Held {
                database: database.display().to_string(),
                lock: path.display().to_string(),
                holder: match pid.is_empty() {
                    true => String::new(),
                    false => format!(" (process {pid})"),
                },
            });
        }
        Err(TryLockError::Error(error)) => return Err(io(error)),
    }
    // Who holds it, for the message a second one prints; the lock itself is what counts.
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(file, "{}", std::process::id());
    let _ = file.flush();
    Ok(RunLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(url: &str) -> DatabaseUrl {
        DatabaseUrl::Sqlite { url: url.into() }
    }

    #[test]
    fn the_lock_file_sits_beside_the_database_and_memory_needs_none() {
        let file = |url| sqlite(url).sqlite_file().map(|p| lock_path(&p));
        assert_eq!(
            file("sqlite://hoego.db"),
            Some(PathBuf::from("hoego.db.run-lock"))
        );
        assert_eq!(
            file("sqlite:///var/lib/hoego/hoego.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/hoego/hoego.db.run-lock"))
        );
        assert_eq!(file("sqlite://:memory:"), None);
        assert_eq!(file("sqlite://x.db?mode=memory&cache=shared"), None);
    }

    #[test]
    fn a_second_lock_on_one_database_is_refused_naming_the_holder_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let url = sqlite(&format!("sqlite://{}", dir.path().join("a.db").display()));

        let first = lock(&url).unwrap();
        let second = lock(&url).unwrap_err().to_string();
        drop(first);
        let third = lock(&url);

        assert!(second.contains("already running"), "{second}");
        assert!(
            second.contains(&format!("process {}", std::process::id())),
            "{second}"
        );
        assert!(second.contains("PostgreSQL"), "{second}");
        assert!(
            third.unwrap().is_some(),
            "free again once the first is gone"
        );
    }
}
