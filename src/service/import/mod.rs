//! Importing past notes and team backups: files already read (a hoego export, Markdown notes,
//! or a CSV) are checked whole into a dataset, then written in one transaction by the store.
//! A file with a problem is refused with its place named, before anything is written.

mod notes;
mod summary;
mod target;

use chrono::{DateTime, Utc};

use super::Service;
use super::error::ServiceError;
use super::i18n::t;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::import::{DocumentKind, ImportError, Place, Problem, parse_document};
use crate::domain::lang::Lang;
use crate::store::ImportReport;

/// One file to import, as read.
#[derive(Debug, Clone)]
pub struct ImportFile {
    /// Its path as the person named it (for messages; the file name may hold a date).
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// One `.json` or `.csv` file, or Markdown notes (`.md`).
    pub files: Vec<ImportFile>,
    /// The mapping file (`hoego-import.toml`) beside the notes, if any.
    pub mapping: Option<ImportFile>,
    /// The team; `None` for the document's own team, else the only one in the database (or a
    /// new local team in an empty one).
    pub team: Option<TeamId>,
    /// Whose notes these are (a member doc's member is mapped to them).
    pub member: Option<MemberId>,
    /// The template notes answer (default `weekly`).
    pub template: Option<String>,
    /// A name to register when notes go to a team without members (the CLI's user).
    pub new_member: Option<String>,
    /// The largest file taken, in bytes.
    pub max_bytes: u64,
    /// The language of the summary and of refusals.
    pub lang: Lang,
    /// Check and count, but write nothing.
    pub dry_run: bool,
}

/// What an import did (or would do).
#[derive(Debug, Clone)]
pub struct ImportSummary {
    /// The counts.
    pub report: ImportReport,
    /// The summary, in the request's language.
    pub text: String,
}

impl Service {
    /// Imports `request`'s files; a refused file is [`ServiceError::User`] naming its place.
    pub async fn import(&self, request: &ImportRequest) -> Result<ImportSummary, ServiceError> {
        let refused = |error: ImportError| refusal(&error, request.lang);
        let texts = read_texts(request).map_err(refused)?;
        let now = self.clock.now();
        let Some((path, text)) = texts.first() else {
            return Err(ServiceError::User(t(
                request.lang,
                "import.unknown_kind",
                &[],
            )));
        };
        let (team, data, skipped) = match kind(path) {
            Kind::Json if texts.len() == 1 => {
                let document = parse_document(path, text).map_err(refused)?;
                let member_doc = document.kind == DocumentKind::Member;
                let (team, data) = self
                    .document_dataset(request, document.data, member_doc)
                    .await?;
                (team, data, 0)
            }
            Kind::Csv if texts.len() == 1 => self.csv_dataset(request, path, text, now).await?,
            Kind::Markdown => self.notes_dataset(request, &texts, now).await?,
            _ => {
                let problem = ImportError::new(path.clone(), Place::File, Problem::UnknownKind);
                return Err(refused(problem));
            }
        };
        let report = self
            .store
            .import_dataset(&team.choice, &data, request.dry_run)
            .await?;
        let text = summary::text(&report, &team.name, skipped, request);
        Ok(ImportSummary { report, text })
    }

    /// A team export of `team` as a JSON document written at `now`.
    pub async fn team_export(
        &self,
        team: TeamId,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        let data = self.store.team_dataset(team).await?;
        Ok(crate::domain::import::Document::new(DocumentKind::Team, now, data).to_json())
    }
}

/// The message for a refused file, in `lang`.
pub fn refusal(error: &ImportError, lang: Lang) -> ServiceError {
    let (id, args) = error.message_parts(lang);
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let problem = t(lang, id, &args);
    let place = error.location();
    ServiceError::User(t(
        lang,
        "import.refused",
        &[("place", &place), ("problem", &problem)],
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Csv,
    Markdown,
    Other,
}

fn kind(path: &str) -> Kind {
    let lower = path.to_lowercase();
    if lower.ends_with(".json") {
        Kind::Json
    } else if lower.ends_with(".csv") {
        Kind::Csv
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Kind::Markdown
    } else {
        Kind::Other
    }
}

/// Each file as text: refused when larger than the limit or not UTF-8.
fn read_texts(request: &ImportRequest) -> Result<Vec<(String, String)>, ImportError> {
    request
        .files
        .iter()
        .map(|file| {
            let bytes = file.bytes.len() as u64;
            if bytes > request.max_bytes {
                let problem = Problem::TooLarge {
                    bytes,
                    limit: request.max_bytes,
                };
                return Err(ImportError::new(&file.path, Place::File, problem));
            }
            let text = String::from_utf8(file.bytes.clone()).map_err(|e| {
                let problem = Problem::Unreadable(format!("not UTF-8 text: {e}"));
                ImportError::new(&file.path, Place::File, problem)
            })?;
            Ok((file.path.clone(), text))
        })
        .collect()
}
