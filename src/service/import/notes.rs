//! Notes into a dataset: Markdown files (one member's) or a CSV (the member column says whose),
//! each answer mapped to a question of the chosen template (default `weekly`), private unless
//! a note says otherwise.

use chrono::{DateTime, TimeDelta, Utc};

use super::target::{Target, find_member, list_members, member_record, new_member, user};
use super::{ImportFile, ImportRequest, Service, refusal};
use crate::domain::import::Dataset;
use crate::domain::import::csv::{CsvMembers, parse_csv};
use crate::domain::import::dataset::MemberRecord;
use crate::domain::import::headings::{HeadingMap, MappingFile};
use crate::domain::import::markdown::{NoteFile, parse_note};
use crate::domain::import::notes::{NoteAnswer, NotesTarget, notes_dataset};
use crate::domain::import::{ImportError, Place, Problem};
use crate::domain::template::Template;
use crate::domain::visibility::Visibility;
use crate::service::error::ServiceError;
use crate::service::i18n::worded::Worded;

/// The template notes answer when the request names none.
const DEFAULT_TEMPLATE: &str = "weekly";

impl Service {
    /// One member's Markdown notes.
    pub(super) async fn notes_dataset(
        &self,
        request: &ImportRequest,
        texts: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<(Target, Dataset, usize), ServiceError> {
        let target = self.target(request, None).await?;
        let template = self.import_template(request)?;
        let map = heading_map(request, template)?;
        let member = note_member(request, &target, now)?;
        let (mut answers, mut skipped) = (Vec::new(), 0);
        for (path, text) in texts {
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            let file = NoteFile { path, name, text };
            let note = parse_note(file, &map, &member.user_id, Visibility::Private)
                .map_err(|e| refusal(&e, request.lang))?;
            skipped += note.skipped_lines;
            answers.extend(note.answers);
        }
        let data = self.made_dataset(request, &target, template, answers, vec![member], now)?;
        Ok((target, data, skipped))
    }

    /// A CSV of answers, one per row.
    pub(super) async fn csv_dataset(
        &self,
        request: &ImportRequest,
        path: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<(Target, Dataset, usize), ServiceError> {
        let target = self.target(request, None).await?;
        let template = self.import_template(request)?;
        let map = heading_map(request, template)?;
        let only = match request.member {
            Some(id) => Some(find_member(request, &target, id)?.user_id),
            None => None,
        };
        let known: Vec<(String, String)> = target
            .members
            .iter()
            .map(|m| (m.user_id.clone(), m.display_name.clone()))
            .collect();
        let members = CsvMembers {
            only: only.as_deref(),
            known: &known,
        };
        let notes = parse_csv(path, text, &map, &members, Visibility::Private)
            .map_err(|e| refusal(&e, request.lang))?;
        let mut records: Vec<MemberRecord> = target
            .members
            .iter()
            .map(|m| member_record(m, now))
            .collect();
        let language = self.defaults.language;
        records.extend(notes.new_members.iter().map(|name| MemberRecord {
            user_id: name.clone(),
            ..new_member(name, language, now)
        }));
        let data = self.made_dataset(request, &target, template, notes.answers, records, now)?;
        Ok((target, data, 0))
    }

    fn import_template(&self, request: &ImportRequest) -> Result<&Template, ServiceError> {
        let id = request.template.as_deref().unwrap_or(DEFAULT_TEMPLATE);
        self.templates
            .find(id)
            .map_err(|e| ServiceError::User(e.worded(request.lang)))
    }

    fn made_dataset(
        &self,
        request: &ImportRequest,
        target: &Target,
        template: &Template,
        answers: Vec<NoteAnswer>,
        members: Vec<MemberRecord>,
        now: DateTime<Utc>,
    ) -> Result<Dataset, ServiceError> {
        let window = TimeDelta::from_std(self.defaults.answer_window).unwrap_or(TimeDelta::days(2));
        let notes = NotesTarget {
            template,
            members,
            team_zone: target.zone,
            window,
            now,
        };
        notes_dataset(answers, notes).map_err(|e| refusal(&e, request.lang))
    }
}

/// The headings the template answers to, with the mapping file's.
fn heading_map(request: &ImportRequest, template: &Template) -> Result<HeadingMap, ServiceError> {
    let mapping = match &request.mapping {
        Some(file) => read_mapping(file).map_err(|e| refusal(&e, request.lang))?,
        None => MappingFile::default(),
    };
    HeadingMap::new(template, &mapping).map_err(|why| {
        let path = request.mapping.as_ref().map_or("", |f| f.path.as_str());
        refusal(
            &ImportError::new(path, Place::File, Problem::BadMapping(why)),
            request.lang,
        )
    })
}

fn read_mapping(file: &ImportFile) -> Result<MappingFile, ImportError> {
    let bad = |why: String| ImportError::new(&file.path, Place::File, Problem::BadMapping(why));
    let text = std::str::from_utf8(&file.bytes).map_err(|e| bad(e.to_string()))?;
    MappingFile::parse(text).map_err(bad)
}

/// Whose Markdown notes these are: `--member`, else the team's only member, else a new one.
fn note_member(
    request: &ImportRequest,
    target: &Target,
    now: DateTime<Utc>,
) -> Result<MemberRecord, ServiceError> {
    if let Some(id) = request.member {
        return Ok(member_record(&find_member(request, target, id)?, now));
    }
    match (target.members.as_slice(), &request.new_member) {
        ([only], _) => Ok(member_record(only, now)),
        ([], name) => Ok(new_member(
            name.as_deref().unwrap_or("me"),
            request.lang,
            now,
        )),
        (members, _) => {
            let list = list_members(members);
            Err(user(
                request.lang,
                "import.choose_member",
                &[("team", &target.name), ("members", &list)],
            ))
        }
    }
}
