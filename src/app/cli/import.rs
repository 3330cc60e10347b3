//! `hoego import PATH` and `hoego export --team ID`: the operator's side of bringing notes in
//! and backing a team up. Reading files and folders happens here; checking and writing is the
//! service's. A refused file is bad usage (exit code 2) and nothing is written.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::args::{ExportArgs, ImportArgs};
use crate::app::{Failure, startup};
use crate::config::Settings;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::import::headings::MAPPING_FILE;
use crate::domain::import::{ImportError, Place, Problem};
use crate::domain::lang::Lang;
use crate::service::error::ServiceError;
use crate::service::i18n::t;
use crate::service::import::{ImportFile, ImportRequest, refusal};

/// Imports the file or folder and prints the summary.
pub async fn import(settings: &Settings, args: &ImportArgs) -> Result<(), Failure> {
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
        own_notes_only: false,
    };
    let summary = startup::with_service(settings, async |service| service.import(&request).await);
    println!("{}", summary.await?.map_err(failure)?.text);
    Ok(())
}

/// Writes the team's export document to `--out` (saying so on stderr) or to standard output.
pub async fn export(settings: &Settings, args: &ExportArgs) -> Result<(), Failure> {
    let lang = settings.team.language;
    let team = TeamId(args.team);
    let export = startup::with_service(settings, async |service| {
        service.team_export(team, lang).await
    });
    let export = export.await?.map_err(failure)?;
    match &args.out {
        Some(path) => {
            std::fs::write(path, &export.json)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let path = path.display().to_string();
            eprintln!("{}", export.summary.replace("{path}", &path));
        }
        None => print!("{}", export.json),
    }
    Ok(())
}

fn failure(error: ServiceError) -> Failure {
    match error {
        ServiceError::User(message) => Failure::Usage(message),
        other => Failure::Runtime(anyhow::Error::new(other)),
    }
}

/// The file, or the folder's notes (sorted, hidden folders skipped) and its mapping file.
fn read_path(
    path: &Path,
    max_bytes: u64,
    lang: Lang,
) -> Result<(Vec<ImportFile>, Option<ImportFile>), Failure> {
    if !path.is_dir() {
        return Ok((vec![read_file(path, max_bytes, lang)?], None));
    }
    let mut found = Vec::new();
    notes_in(path, &mut found).with_context(|| format!("cannot read {}", path.display()))?;
    found.sort();
    if found.is_empty() {
        let path = path.display().to_string();
        return Err(Failure::Usage(t(lang, "import.empty", &[("path", &path)])));
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
fn read_file(path: &Path, max_bytes: u64, lang: Lang) -> Result<ImportFile, Failure> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {shown}"))?
        .len();
    if size > max_bytes {
        let problem = Problem::TooLarge {
            bytes: size,
            limit: max_bytes,
        };
        let error = ImportError::new(shown, Place::File, problem);
        return Err(failure(refusal(&error, lang)));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    Ok(ImportFile { path: shown, bytes })
}
