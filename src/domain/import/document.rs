//! hoego's own export document: one versioned JSON file holding a team (`hoego export --team`)
//! or one member's part of it (the member's `export`). Reading one checks it whole — syntax
//! with line and column, then every reference between its rows by field — before anything is
//! written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::dataset::Dataset;
use super::problem::{ImportError, Place, Problem};
use super::validate::validate;

/// The `format` every hoego export document carries.
pub const FORMAT: &str = "hoego-export";
/// The version this hoego writes and reads.
pub const VERSION: u64 = 1;

/// Whose data a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A whole team: schedules, members, rounds, answers, resolutions.
    Team,
    /// One member's answers, resolutions and the rounds they were asked in.
    Member,
}

/// An export document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format's version, [`VERSION`].
    pub version: u64,
    /// Team or member.
    pub kind: DocumentKind,
    /// When it was written.
    pub exported_at: DateTime<Utc>,
    /// The rows.
    #[serde(flatten)]
    pub data: Dataset,
}

impl Document {
    /// A document of `kind` holding `data`, written at `now`.
    pub fn new(kind: DocumentKind, now: DateTime<Utc>, data: Dataset) -> Document {
        Document {
            format: FORMAT.into(),
            version: VERSION,
            kind,
            exported_at: now,
            data,
        }
    }

    /// The document as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a document always serializes");
        text.push('\n');
        text
    }
}

/// Just enough of a JSON file to tell whether it is a hoego export, and which version.
#[derive(Debug, Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// Reads an export document from `text` (the file named `file`), checked whole.
pub fn parse_document(file: &str, text: &str) -> Result<Document, ImportError> {
    let header: Header = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::new(file, Place::File, Problem::NotAnExport));
    }
    match header.version {
        Some(VERSION) => {}
        Some(other) => {
            let problem = Problem::UnsupportedVersion(other);
            return Err(ImportError::new(
                file,
                Place::Field("version".into()),
                problem,
            ));
        }
        None => {
            let problem = Problem::BrokenJson("missing field `version`".into());
            return Err(ImportError::new(
                file,
                Place::Field("version".into()),
                problem,
            ));
        }
    }
    let document: Document = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
    validate(&document.data, document.kind == DocumentKind::Team)
        .map_err(|(path, what)| ImportError::new(file, Place::Field(path), what))?;
    Ok(document)
}

fn json_error(file: &str, error: &serde_json::Error) -> ImportError {
    // serde_json's message ends with " at line L column C"; the place says that already.
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(head, _)| head)
        .to_string();
    let place = if error.line() == 0 {
        Place::File
    } else {
        Place::LineColumn(error.line(), error.column())
    };
    ImportError::new(file, place, Problem::BrokenJson(message))
}
