//! A CSV as check-in tools export it: named columns (`date`, `member`, `question`, `answer`,
//! optionally `visibility`), UTF-8 with or without a byte order mark, quoted fields that may
//! hold commas, quotes and newlines. Each row is one answer.

use super::headings::HeadingMap;
use super::notes::NoteAnswer;
use super::problem::{ImportError, Place, Problem};
use super::when::parse_when;
use crate::domain::visibility::Visibility;

/// Who the rows may be by.
#[derive(Debug, Clone)]
pub struct CsvMembers<'a> {
    /// The one member every row must be by (`--member`, or a member importing their own
    /// notes); the member column may then be left out.
    pub only: Option<&'a str>,
    /// The team's members: (user id, display name); a member cell matches either.
    pub known: &'a [(String, String)],
}

/// What a CSV holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvNotes {
    /// One answer per row.
    pub answers: Vec<NoteAnswer>,
    /// Member cells that name nobody in the team yet (they become new members).
    pub new_members: Vec<String>,
}

/// The columns an import reads, with the other names tools give them.
const COLUMNS: [(&str, &[&str]); 5] = [
    (
        "date",
        &[
            "date",
            "day",
            "timestamp",
            "time",
            "created_at",
            "submitted_at",
        ],
    ),
    (
        "member",
        &["member", "user", "user_id", "name", "email", "author"],
    ),
    ("question", &["question", "prompt", "field"]),
    ("answer", &["answer", "response", "text", "value"]),
    ("visibility", &["visibility"]),
];

struct Layout {
    at: [Option<usize>; 5],
}

/// Reads `text` (the file `path`); every refusal names its line.
pub fn parse_csv(
    path: &str,
    text: &str,
    map: &HeadingMap,
    members: &CsvMembers<'_>,
    visibility: Visibility,
) -> Result<CsvNotes, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let broken = |e: csv::Error| {
        let line = e
            .position()
            .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
        let problem = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => Problem::FieldCount {
                found: *len,
                expected: *expected_len,
            },
            _ => Problem::BrokenCsv(e.to_string()),
        };
        ImportError::new(path, Place::Line(line), problem)
    };
    let header = reader.headers().map_err(broken)?.clone();
    let layout = layout(path, &header, members.only.is_some())?;
    let mut notes = CsvNotes {
        answers: Vec::new(),
        new_members: Vec::new(),
    };
    for record in reader.records() {
        let record = record.map_err(broken)?;
        let line = record
            .position()
            .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
        let row = Row {
            path,
            line,
            record: &record,
            layout: &layout,
        };
        notes
            .answers
            .push(row.answer(map, members, visibility, &mut notes.new_members)?);
    }
    Ok(notes)
}

fn layout(
    path: &str,
    header: &csv::StringRecord,
    member_optional: bool,
) -> Result<Layout, ImportError> {
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_lowercase().replace([' ', '-'], "_"))
        .collect();
    let mut at = [None; 5];
    for (slot, (column, aliases)) in COLUMNS.iter().enumerate() {
        at[slot] = names.iter().position(|n| aliases.contains(&n.as_str()));
        let optional = *column == "visibility" || (*column == "member" && member_optional);
        if at[slot].is_none() && !optional {
            let found = header.iter().map(str::to_string).collect();
            let problem = Problem::MissingColumn { column, found };
            return Err(ImportError::new(path, Place::Line(1), problem));
        }
    }
    Ok(Layout { at })
}

struct Row<'a> {
    path: &'a str,
    line: usize,
    record: &'a csv::StringRecord,
    layout: &'a Layout,
}

impl Row<'_> {
    fn cell(&self, slot: usize) -> Option<&str> {
        self.layout.at[slot]
            .and_then(|i| self.record.get(i))
            .map(str::trim)
    }

    fn required(&self, slot: usize) -> Result<&str, ImportError> {
        self.cell(slot)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| self.refuse(Problem::EmptyCell(COLUMNS[slot].0)))
    }

    fn refuse(&self, problem: Problem) -> ImportError {
        ImportError::new(self.path, Place::Line(self.line), problem)
    }

    fn answer(
        &self,
        map: &HeadingMap,
        members: &CsvMembers<'_>,
        default: Visibility,
        new_members: &mut Vec<String>,
    ) -> Result<NoteAnswer, ImportError> {
        let date = self.required(0)?;
        let at = parse_when(date).ok_or_else(|| self.refuse(Problem::BadDate(date.into())))?;
        let asked = self.required(2)?;
        let question = map.question(asked).ok_or_else(|| {
            let known = map.known().to_vec();
            self.refuse(Problem::UnknownQuestion {
                given: asked.into(),
                known,
            })
        })?;
        let visibility = match self.cell(4).filter(|c| !c.is_empty()) {
            Some(word) => word
                .parse()
                .map_err(|_| self.refuse(Problem::BadVisibility(word.into())))?,
            None => default,
        };
        Ok(NoteAnswer {
            member: self.member(members, new_members)?,
            at,
            question: question.clone(),
            raw: self.cell(3).unwrap_or_default().to_string(),
            visibility,
            file: self.path.to_string(),
            line: self.line,
        })
    }

    fn member(
        &self,
        members: &CsvMembers<'_>,
        new_members: &mut Vec<String>,
    ) -> Result<String, ImportError> {
        let cell = self.cell(1).filter(|c| !c.is_empty());
        let found = cell.and_then(|cell| {
            members
                .known
                .iter()
                .find(|(id, name)| id == cell || name.to_lowercase() == cell.to_lowercase())
                .map(|(id, _)| id.clone())
        });
        match (members.only, cell, found) {
            (Some(only), None, _) => Ok(only.to_string()),
            (Some(only), Some(_), Some(id)) if id == only => Ok(id),
            (Some(_), Some(cell), _) => Err(self.refuse(Problem::OtherMember(cell.into()))),
            (None, _, Some(id)) => Ok(id),
            (None, Some(cell), None) => {
                if !new_members.iter().any(|m| m == cell) {
                    new_members.push(cell.to_string());
                }
                Ok(cell.to_string())
            }
            (None, None, _) => Err(self.refuse(Problem::EmptyCell("member"))),
        }
    }
}
