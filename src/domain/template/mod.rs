//! Retrospective templates: a named, bilingual list of questions that hoego asks a team.
//!
//! Templates are written in TOML (the format is described at the top of [`load`]). A few ship
//! with hoego (`config/templates/*.toml`, embedded at build time); teams can add their own or
//! replace a built-in through [`TemplateLibrary::load`].

pub mod error;
pub mod library;
pub mod load;
pub mod placeholders;
pub mod question;
pub mod recall;

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use crate::domain::lang::Lang;

pub use error::{TemplateError, TemplateProblem};
pub use library::{TemplateLibrary, UnknownTemplate};
pub use placeholders::{PlaceholderValues, fill};
pub use question::{Question, QuestionId, QuestionKind};
pub use recall::{Ago, Recall};

/// A retrospective template: what it is called, what it is for, and the questions it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The id used in commands and settings, such as `weekly`.
    pub id: TemplateId,
    /// The name shown to people.
    pub name: Localized,
    /// One or two sentences on what the template is for.
    pub description: Localized,
    /// Whether it looks back on a whole year (`looks_back_on = "year"`): held in January or
    /// February, its `{year}` is the year that ended (see [`PlaceholderValues::for_round`]).
    pub looks_back_on_year: bool,
    /// The questions, in the order they are asked; never empty.
    pub questions: Vec<Question>,
    /// The TOML it was read from, stored with each round so answers keep their questions.
    pub source: String,
}

impl Template {
    /// The longest name, in characters (a name is a title, shown in lists and forms).
    pub const MAX_NAME_LEN: usize = 60;
    /// The longest description, in characters.
    pub const MAX_DESCRIPTION_LEN: usize = 300;

    /// The question with this id, if the template asks it.
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }
}

/// A text in every language hoego speaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Localized {
    /// The English text.
    pub en: String,
    /// The Korean text.
    pub ko: String,
}

impl Localized {
    /// A text from its English and Korean versions.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Localized {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    /// This text with its `{placeholders}` filled in, in every language.
    pub fn filled(&self, values: &PlaceholderValues) -> Localized {
        Localized {
            en: fill(&self.en, values),
            ko: fill(&self.ko, values),
        }
    }
}

/// An id that is not 1 to 40 lowercase letters, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad {what} id {given:?}: use 1 to 40 lowercase letters (a-z), digits and `-`")]
pub struct BadId {
    /// What the id was for: `template` or `question`.
    pub what: &'static str,
    /// The id as given.
    pub given: String,
}

/// The longest id a template or question may have, in characters.
pub const MAX_ID_LEN: usize = 40;

/// Whether `s` is a well-formed template or question id.
pub(crate) fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The id of a template, such as `weekly` or `year-end`: 1 to 40 lowercase letters, digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TemplateId(String);

impl TemplateId {
    /// Checks and wraps a template id.
    pub fn parse(s: &str) -> Result<Self, BadId> {
        if is_valid_id(s) {
            Ok(TemplateId(s.to_string()))
        } else {
            Err(BadId {
                what: "template",
                given: s.to_string(),
            })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for TemplateId {
    type Err = BadId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TemplateId::parse(s)
    }
}

impl fmt::Display for TemplateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
