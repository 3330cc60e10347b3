//! `hoego import PATH` and `hoego export --team ID`: the operator's side of bringing notes in
//! and backing a team up. Reading files and folders happens here; checking and writing is the
//! service's. A refused file is bad usage (exit code 2) and nothing is written.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::CliError;
use crate::config::Settings;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::import::headings::MAPPING_FILE;
use crate::domain::import::{ImportError, Place, Problem};
use crate::domain::lang::Lang;
use crate::service::error::ServiceError;
use crate::service::i18n::t;
use crate::service::import::{ImportFile, ImportRequest, refusal};
use crate::store::Store;

/// Options of `hoego import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// A hoego export (.json), a CSV (.csv), one Markdown note (.md), or a folder of notes
    /// (with an optional hoego-import.toml mapping other headings to questions).
    #[arg(value_name = "FILE|DIR")]
    pub path: PathBuf,
    /// The team's id; default: the export's own team, else the only team (or a new local one).
    #[arg(long, value_name = "ID")]
    pub team: Option<i64>,
    /// Whose notes these are (a member's id); a member export is given to them.
    #[arg(long, value_name = "ID")]
    pub member: Option<i64>,
    /// The template notes answer (default: weekly).
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,
    /// Check everything and print what would be added, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The language of the summary and of refusals; default: team.language.
    #[arg(long, value_name = "en|ko")]
    pub lang: Option<Lang>,
}

/// Options of `hoego export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The team's id.
    #[arg(long, value_name = "ID")]
    pub team: i64,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Imports the file or folder and prints the summary.
pub async fn import(settings: &Settings, args: &ImportArgs) -> Result<(), CliError> {
    let lang = args.lang.unwrap_or(settings.team.language);
    let (files, mapping) = read_path(&args.path, settings.import.max_file_bytes, lang)?;
    let request = ImportRequest {
        files,
        mapping,
        team: args.team.map(TeamId),
        member: args.member.map(MemberId),
        template: args.template.clone(),
        new_member: std::env::var("USER").ok().filter(|u| !u.trim().is_empty()),
        max_bytes: settings.import.max_file_bytes,
        lang,
        dry_run: args.dry_run,
    };
    let store = open(settings).await?;
    let service = crate::startup::service(settings, store.clone())?;
    let result = service.import(&request).await;
    store.close().await;
    println!("{}", result.map_err(cli_error)?.text);
    Ok(())
}

/// Writes the team's export document.
pub async fn export(settings: &Settings, args: &ExportArgs) -> Result<(), CliError> {
    let store = open(settings).await?;
    let service = crate::startup::service(settings, store.clone())?;
    let teams = store.all_teams().await.map_err(anyhow::Error::from)?;
    let Some(team) = teams.iter().find(|t| t.id == TeamId(args.team)).cloned() else {
        store.close().await;
        let names: Vec<String> = teams
            .iter()
            .map(|t| format!("{} {}", t.id, t.name))
            .collect();
        let (id, teams) = (args.team.to_string(), names.join(", "));
        let lang = settings.team.language;
        return Err(CliError::Usage(t(
            lang,
            "import.no_team",
            &[("team", &id), ("teams", &teams)],
        )));
    };
    let result = service.team_export(team.id, chrono::Utc::now()).await;
    store.close().await;
    let json = result.map_err(cli_error)?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &json)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let summary = summary(&json, &team.name, path, settings.team.language);
            eprintln!("{summary}");
        }
        None => print!("{json}"),
    }
    Ok(())
}

async fn open(settings: &Settings) -> Result<Store, CliError> {
    Ok(Store::open(&settings.database)
        .await
        .with_context(|| format!("cannot open the database at {}", settings.database.url))?)
}

fn summary(json: &str, team: &str, path: &Path, lang: Lang) -> String {
    let data: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let count = |key: &str| data[key].as_array().map_or(0, Vec::len).to_string();
    let answers: usize = data["rounds"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["deliveries"].as_array().into_iter().flatten())
        .map(|d| d["answers"].as_array().map_or(0, Vec::len))
        .sum();
    let path = path.display().to_string();
    let (members, rounds, answers) = (count("members"), count("rounds"), answers.to_string());
    let args = [
        ("team", team),
        ("path", path.as_str()),
        ("members", members.as_str()),
        ("rounds", rounds.as_str()),
        ("answers", answers.as_str()),
    ];
    t(lang, "import.team_written", &args)
}

fn cli_error(error: ServiceError) -> CliError {
    match error {
        ServiceError::User(message) => CliError::Usage(message),
        other => CliError::Runtime(anyhow::Error::new(other)),
    }
}

/// The file, or the folder's notes (sorted, hidden folders skipped) and its mapping file.
fn read_path(
    path: &Path,
    max_bytes: u64,
    lang: Lang,
) -> Result<(Vec<ImportFile>, Option<ImportFile>), CliError> {
    if !path.is_dir() {
        return Ok((vec![read_file(path, max_bytes, lang)?], None));
    }
    let mut found = Vec::new();
    notes_in(path, &mut found).with_context(|| format!("cannot read {}", path.display()))?;
    found.sort();
    if found.is_empty() {
        let path = path.display().to_string();
        return Err(CliError::Usage(t(lang, "import.empty", &[("path", &path)])));
    }
    let files = found
        .iter()
        .map(|p| read_file(p, max_bytes, lang))
        .collect::<Result<_, _>>()?;
    let mapping = path.join(MAPPING_FILE);
    let mapping = mapping
        .is_file()
        .then(|| read_file(&mapping, max_bytes, lang))
        .transpose()?;
    Ok((files, mapping))
}

fn notes_in(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            notes_in(&path, found)?;
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads a file; one larger than the limit is refused without reading it.
fn read_file(path: &Path, max_bytes: u64, lang: Lang) -> Result<ImportFile, CliError> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {shown}"))?
        .len();
    if size > max_bytes {
        let problem = Problem::TooLarge {
            bytes: size,
            limit: max_bytes,
        };
        return Err(cli_error(refusal(
            &ImportError::new(shown, Place::File, problem),
            lang,
        )));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    Ok(ImportFile { path: shown, bytes })
}
