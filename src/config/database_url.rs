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

    /// The database file of a SQLite URL (`sqlite://PATH?options`), unless it lives in memory
    /// (or this is PostgreSQL).
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        let DatabaseUrl::Sqlite { url } = self else {
            return None;
        };
        let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let path = rest.split('?').next().unwrap_or(rest);
        let in_memory = path.is_empty() || path == ":memory:" || url.contains("mode=memory");
        (!in_memory).then(|| std::path::PathBuf::from(path))
    }
}

/// What stands in for a secret.
const MASK: &str = "********";

/// Query parameters whose values are secrets (matched in any letter case, as parts of names:
/// `password`, `sslpassword`, `passfile`, `api_key`, `token`, …).
const SECRET_PARAMS: [&str; 6] = ["pass", "pwd", "secret", "token", "key", "auth"];

/// The URL with every secret replaced by `********`: the password of its user part and the
/// values of secret query parameters. The text is read as written, without parsing it as a
/// URL, so a URL that fails to parse is masked as well.
pub fn mask(raw: &str) -> String {
    let (head, query) = match raw.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (raw, None),
    };
    let mut out = mask_user(head);
    if let Some(query) = query {
        out.push('?');
        let params: Vec<String> = query.split('&').map(mask_param).collect();
        out.push_str(&params.join("&"));
    }
    out
}

/// `scheme://user:********@host/db`: everything between the user's `:` and the last `@`.
fn mask_user(head: &str) -> String {
    let (scheme, rest) = match head.find("://") {
        Some(at) => head.split_at(at + 3),
        None => ("", head),
    };
    let Some(at) = rest.rfind('@') else {
        return head.to_string();
    };
    let (user, host) = rest.split_at(at);
    match user.split_once(':') {
        Some((name, _)) => format!("{scheme}{name}:{MASK}{host}"),
        None => head.to_string(),
    }
}

fn mask_param(param: &str) -> String {
    match param.split_once('=') {
        Some((name, _)) if is_secret(name) => format!("{name}={MASK}"),
        _ => param.to_string(),
    }
}

fn is_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_PARAMS.iter().any(|part| name.contains(part))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_secret_in_a_database_url_is_masked_parsed_or_not() {
        let rows = [
            (
                "postgres://hoego:hunter2@db:5432/hoego",
                "postgres://hoego:********@db:5432/hoego",
            ),
            (
                "postgres://hoego@db/hoego?password=hunter2&sslmode=require",
                "postgres://hoego@db/hoego?password=********&sslmode=require",
            ),
            (
                "postgresql://db/hoego?user=h&PassWord=hunter2&sslpassword=hunter2",
                "postgresql://db/hoego?user=h&PassWord=********&sslpassword=********",
            ),
            (
                "postgres://hoego:hun@ter2@db:5432/hoego",
                "postgres://hoego:********@db:5432/hoego",
            ),
            (
                "postgres://hoego:hunter2@[::1/hoego",
                "postgres://hoego:********@[::1/hoego",
            ),
            ("hoego:hunter2@db/hoego", "hoego:********@db/hoego"),
            ("sqlite://hoego.db", "sqlite://hoego.db"),
            (
                "postgres://db/hoego?x=1&apikey",
                "postgres://db/hoego?x=1&apikey",
            ),
        ];
        for (raw, masked) in rows {
            assert_eq!(mask(raw), masked, "{raw}");
            assert!(!mask(raw).contains("hunter2"), "{raw}");
        }
    }

    #[test]
    fn an_unparsable_url_is_refused_without_its_password() {
        let refused = DatabaseUrl::parse("postgres://hoego:hunter2@/hoego?password=hunter2");
        let Err((problem, _)) = refused else {
            panic!("refused");
        };
        assert!(!problem.contains("hunter2"), "{problem}");
        let Err((problem, _)) = DatabaseUrl::parse("hoego:hunter2@db") else {
            panic!("refused");
        };
        assert!(!problem.contains("hunter2"), "{problem}");
    }
}
