//! Configuration errors and where a value came from.

use std::fmt;
use std::path::PathBuf;

/// Where a configuration value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `config/default.toml`, built into the binary.
    Default,
    /// A configuration file named by `--config` or `HOEGO_CONFIG`.
    File(PathBuf),
    /// The secrets file named by `HOEGO_SECRETS_FILE`.
    SecretsFile(PathBuf),
    /// An environment variable.
    Env(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("built-in default"),
            Source::File(path) => write!(f, "file {}", path.display()),
            Source::SecretsFile(path) => write!(f, "secrets file {}", path.display()),
            Source::Env(name) => write!(f, "environment variable {name}"),
        }
    }
}

/// A configuration problem the operator can fix; the program exits with code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A file could not be read or is not valid TOML.
    #[error("cannot read configuration {origin}: {problem}")]
    Unreadable {
        /// The file.
        origin: Source,
        /// What went wrong, with the line where known.
        problem: String,
    },
    /// A key that hoego does not know.
    #[error(
        "unknown configuration key `{key}` (from {origin}){hint}; every key is listed in config/default.toml"
    )]
    UnknownKey {
        /// The key as written, `section.key`.
        key: String,
        /// Where it came from.
        origin: Source,
        /// A "did you mean" hint, or empty.
        hint: String,
    },
    /// A key whose value cannot be used.
    #[error("configuration key `{key}` (from {origin}): {problem}; accepted: {accepted}")]
    BadValue {
        /// The key, `section.key`.
        key: String,
        /// Where the value came from.
        origin: Source,
        /// What is wrong with it (secret values are never repeated here).
        problem: String,
        /// What would be accepted.
        accepted: String,
    },
}
