//! Why a file was refused, and where: every refusal names the file and the line, column or
//! field, and says what would work. The words live in the message catalog (`import.*`); this
//! module only says which message and with what.

use std::fmt;

use crate::domain::answer::AnswerError;
use crate::domain::milestone::{Milestone, MilestoneError, MilestoneText};

/// Where in a file the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line (1-based).
    Line(usize),
    /// A line and column (1-based), as JSON parsers report them.
    LineColumn(usize, usize),
    /// A field of a document, e.g. `rounds[3].template`.
    Field(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => Ok(()),
            Place::Line(line) => write!(f, ":{line}"),
            Place::LineColumn(line, column) => write!(f, ":{line}:{column}"),
            Place::Field(path) => write!(f, " ({path})"),
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is larger than an import takes.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file could not be read (or is not UTF-8 text).
    Unreadable(String),
    /// Neither `.json`, `.md` nor `.csv`.
    UnknownKind,
    /// JSON that does not parse, or does not have a field a hoego export has.
    BrokenJson(String),
    /// JSON that is not a hoego export.
    NotAnExport,
    /// A hoego export of a version this hoego does not read.
    UnsupportedVersion(u64),
    /// A reference to something the document does not hold.
    BadReference(String),
    /// A Markdown note with no date in its front matter or file name.
    NoDate,
    /// A date that is not a date.
    BadDate(String),
    /// A heading that names no question of the template.
    UnknownHeading {
        /// The heading as written.
        heading: String,
        /// Headings that would work.
        known: Vec<String>,
    },
    /// A note in which no heading names a question.
    NoQuestions {
        /// Headings that would work.
        known: Vec<String>,
    },
    /// The same question answered twice for one date and member.
    AnsweredTwice {
        /// The question's id.
        question: String,
        /// Where the other answer is (`file:line`).
        other: String,
    },
    /// An answer its question does not accept.
    Answer {
        /// The question's id.
        question: String,
        /// Why.
        error: Box<AnswerError>,
    },
    /// A CSV without a column an import needs.
    MissingColumn {
        /// The column's name.
        column: &'static str,
        /// The columns the file has.
        found: Vec<String>,
    },
    /// A CSV line that does not parse.
    BrokenCsv(String),
    /// A CSV row with another number of fields than the header.
    FieldCount {
        /// Fields in the row.
        found: u64,
        /// Fields in the header.
        expected: u64,
    },
    /// A CSV cell that must not be empty.
    EmptyCell(&'static str),
    /// A question column that names no question of the template.
    UnknownQuestion {
        /// As written.
        given: String,
        /// What would work.
        known: Vec<String>,
    },
    /// A visibility word that is not one.
    BadVisibility(String),
    /// A row for another member than the one importing.
    OtherMember(String),
    /// The mapping file (`hoego-import.toml`) is not usable.
    BadMapping(String),
    /// A milestone's text or date the milestone command would refuse.
    Milestone(MilestoneError),
    /// A milestone's visibility that is not `private` or `team` (or not `team` for the team's).
    MilestoneVisibility(String),
    /// An answer to a letter question (`capsule = true`): such answers are sealed letters, which
    /// an export holds under `letters`, never as answers.
    LetterAnswer(String),
}

/// A refused file: which, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file, as the person named it.
    pub file: String,
    /// Where in it.
    pub place: Place,
    /// What is wrong.
    pub problem: Problem,
}

impl ImportError {
    /// A problem at `place` in `file`.
    pub fn new(file: impl Into<String>, place: Place, problem: Problem) -> ImportError {
        ImportError {
            file: file.into(),
            place,
            problem,
        }
    }

    /// `file:line` (or `file (field)`), as the message names it.
    pub fn location(&self) -> String {
        format!("{}{}", self.file, self.place)
    }

    /// The catalog message id and its arguments. A refused answer's own reason (`{why}`) is
    /// worded by the caller, in the reader's language.
    pub fn message_parts(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let list = |items: &[String]| items.join(", ");
        match &self.problem {
            Problem::TooLarge { bytes, limit } => (
                "import.too_large",
                vec![("size", kib(*bytes)), ("limit", kib(*limit))],
            ),
            Problem::Unreadable(why) => ("import.unreadable", vec![("why", why.clone())]),
            Problem::UnknownKind => ("import.unknown_kind", vec![]),
            Problem::BrokenJson(why) => ("import.broken_json", vec![("why", why.clone())]),
            Problem::NotAnExport => ("import.not_an_export", vec![]),
            Problem::UnsupportedVersion(v) => (
                "import.unsupported_version",
                vec![("version", v.to_string())],
            ),
            Problem::BadReference(what) => ("import.bad_reference", vec![("what", what.clone())]),
            Problem::LetterAnswer(question) => {
                ("import.letter_answer", vec![("question", question.clone())])
            }
            Problem::NoDate => ("import.no_date", vec![]),
            Problem::BadDate(given) => ("import.bad_date", vec![("given", given.clone())]),
            Problem::UnknownHeading { heading, known } => (
                "import.unknown_heading",
                vec![
                    ("heading", heading.clone()),
                    ("known", list(known)),
                    ("example", known.first().cloned().unwrap_or_default()),
                ],
            ),
            Problem::NoQuestions { known } => ("import.no_questions", vec![("known", list(known))]),
            Problem::AnsweredTwice { question, other } => (
                "import.answered_twice",
                vec![("question", question.clone()), ("other", other.clone())],
            ),
            Problem::Answer { question, .. } => (
                "import.answer_refused",
                vec![("question", question.clone())],
            ),
            Problem::MissingColumn { column, found } => (
                "import.missing_column",
                vec![("column", (*column).to_string()), ("found", list(found))],
            ),
            Problem::BrokenCsv(why) => ("import.broken_csv", vec![("why", why.clone())]),
            Problem::FieldCount { found, expected } => (
                "import.field_count",
                vec![
                    ("found", found.to_string()),
                    ("expected", expected.to_string()),
                ],
            ),
            Problem::EmptyCell(column) => ("import.empty_cell", vec![("column", (*column).into())]),
            Problem::UnknownQuestion { given, known } => (
                "import.unknown_question",
                vec![("given", given.clone()), ("known", list(known))],
            ),
            Problem::BadVisibility(given) => {
                ("import.bad_visibility", vec![("given", given.clone())])
            }
            Problem::OtherMember(given) => ("import.other_member", vec![("given", given.clone())]),
            Problem::BadMapping(why) => ("import.bad_mapping", vec![("why", why.clone())]),
            Problem::Milestone(error) => milestone_parts(error),
            Problem::MilestoneVisibility(given) => (
                "import.milestone_visibility",
                vec![("given", given.clone())],
            ),
        }
    }
}

/// The message for a milestone's text or date.
fn milestone_parts(error: &MilestoneError) -> (&'static str, Vec<(&'static str, String)>) {
    let max = ("max", MilestoneText::MAX_LEN.to_string());
    match error {
        MilestoneError::Empty => ("import.milestone_length", vec![("count", "0".into()), max]),
        MilestoneError::TooLong { len, .. } => (
            "import.milestone_length",
            vec![("count", len.to_string()), max],
        ),
        MilestoneError::OutOfRange(date) => (
            "import.milestone_date",
            vec![
                ("date", date.to_string()),
                ("earliest", Milestone::YEARS.start().to_string()),
                ("latest", Milestone::YEARS.end().to_string()),
            ],
        ),
    }
}

/// A size in KiB, rounded up.
fn kib(bytes: u64) -> String {
    format!("{} KiB", bytes.div_ceil(1024))
}
