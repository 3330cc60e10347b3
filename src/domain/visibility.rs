//! Who may read an answer.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Who may read an answer. Team views never read `Private`; `Anonymous` answers appear in team
/// views without their author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Only its author, in their own recaps.
    Private,
    /// Team digests and recaps, with the author's name.
    Team,
    /// Team digests and recaps, without a readable author.
    Anonymous,
}

/// A visibility word that is not one of `private`, `team`, `anonymous`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown visibility {0:?}: use `private`, `team` or `anonymous`")]
pub struct UnknownVisibility(pub String);

impl Visibility {
    /// The word stored in the database and used in commands.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Private => "private",
            Visibility::Team => "team",
            Visibility::Anonymous => "anonymous",
        }
    }
}

impl FromStr for Visibility {
    type Err = UnknownVisibility;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "private" => Ok(Visibility::Private),
            "team" => Ok(Visibility::Team),
            "anonymous" | "anon" => Ok(Visibility::Anonymous),
            _ => Err(UnknownVisibility(s.to_string())),
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
