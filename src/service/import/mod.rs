//! Importing past notes and team backups: files already read (a hoego export, Markdown notes,
//! or a CSV) are checked whole into a dataset, then written in one transaction by the store.
//! A file with a problem is refused with its place named, before anything is written.

mod chat;
mod notes;
mod own;
mod summary;
mod target;

pub use chat::{PENDING_FOR, Upload};

use super::Service;
use super::error::ServiceError;
use super::i18n::t;
use super::i18n::worded::Worded;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::import::{Document, DocumentKind, ImportError, Place, Problem, parse_document};
use crate::domain::lang::Lang;
use crate::store::ImportReport;

/// One file to import, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// A member's own notes from chat: a team's backup is refused, as is another member's
    /// export from the same team; the team's milestones in their export become their own.
    pub own_notes_only: bool,
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
                if request.own_notes_only {
                    self.check_own_document(request, &document).await?;
                }
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

    /// A team's export document written now, with a one-line summary in `lang` (which names
    /// the file it goes to as `{path}`); an unknown team is refused with the teams there are.
    pub async fn team_export(&self, team: TeamId, lang: Lang) -> Result<TeamExport, ServiceError> {
        let teams = self.store.all_teams().await?;
        let Some(found) = teams.iter().find(|t| t.id == team) else {
            let names: Vec<String> = teams
                .iter()
                .map(|t| format!("{} {}", t.id, t.name))
                .collect();
            let (id, names) = (team.to_string(), names.join(", "));
            let args = [("team", id.as_str()), ("teams", names.as_str())];
            return Err(ServiceError::User(t(lang, "import.no_team", &args)));
        };
        let data = self.store.team_dataset(team).await?;
        let counts =
            [data.members.len(), data.rounds.len(), data.answer_count()].map(|n| n.to_string());
        let args = [
            ("team", found.name.as_str()),
            ("path", "{path}"),
            ("members", counts[0].as_str()),
            ("rounds", counts[1].as_str()),
            ("answers", counts[2].as_str()),
        ];
        let summary = t(lang, "import.team_written", &args);
        let json = Document::new(DocumentKind::Team, self.clock.now(), data).to_json();
        Ok(TeamExport { json, summary })
    }
}

/// A team's export document and what to say about it.
#[derive(Debug, Clone)]
pub struct TeamExport {
    /// The document, pretty JSON.
    pub json: String,
    /// "Wrote the export of … to {path}: …", with `{path}` left for the caller to fill.
    pub summary: String,
}

/// The message for a refused file, in `lang`.
pub fn refusal(error: &ImportError, lang: Lang) -> ServiceError {
    let (id, mut args) = error.message_parts();
    if let Problem::Answer { error, .. } = &error.problem {
        args.push(("why", error.worded(lang)));
    }
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
