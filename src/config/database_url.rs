//! The database URL: which backend, and where. A PostgreSQL URL may hold a password, so it is
//! kept as a secret and shown masked.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// The database backend and its location.
#[derive(Clone)]
pub enum DatabaseUrl {
    /// An embedded SQLite file (created if missing).
    Sqlite {
        /// The URL as given, e.g. `sqlite://hoego.db`.
        url: String,
    },
    /// A PostgreSQL server; the URL may contain a password.
    Postgres(SecretString),
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH` or `postgres://...`; on failure returns (problem, accepted).
    pub fn parse(raw: &str) -> Result<DatabaseUrl, (String, String)> {
        let accepted =
            "sqlite://PATH (e.g. sqlite://hoego.db) or postgres://USER:PASSWORD@HOST:PORT/DATABASE";
        let raw = raw.trim();
        let scheme = raw.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("sqlite") if raw.len() > "sqlite://".len() => Ok(DatabaseUrl::Sqlite {
                url: raw.to_string(),
            }),
            Some("sqlite") => Err(("the SQLite URL names no file".into(), accepted.into())),
            Some("postgres" | "postgresql") => match Url::parse(raw) {
                Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => {
                    Ok(DatabaseUrl::Postgres(SecretString::from(raw.to_string())))
                }
                _ => Err(("the PostgreSQL URL has no host".into(), accepted.into())),
            },
            Some(other) => Err((
                format!("database scheme {other:?} is not supported"),
                accepted.into(),
            )),
            None => Err((format!("{:?} is not a URL", mask(raw)), accepted.into())),
        }
    }

    /// The URL to connect with (contains the password, if any).
    pub fn expose(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite { url } => url,
            DatabaseUrl::Postgres(secret) => secret.expose_secret(),
        }
    }

    /// Whether this is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, DatabaseUrl::Postgres(_))
    }
}

/// The URL with any password replaced by `********`.
pub fn mask(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("********"));
            url.to_string()
        }
        _ => raw.to_string(),
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask(self.expose()))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}
