//! The shape of a template file as serde reads it, with spans kept for error lines.

use serde::Deserialize;
use toml::Spanned;

use crate::domain::visibility::Visibility;

/// A whole template file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTemplate {
    pub(super) id: Spanned<String>,
    pub(super) name: Spanned<RawLocalized>,
    pub(super) description: Spanned<RawLocalized>,
    pub(super) looks_back_on: Option<RawLookBack>,
    pub(super) questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
}

/// What a template looks back on, when that shapes its `{year}`.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawLookBack {
    /// A whole year: a round in January or February speaks of the year that ended.
    Year,
}

/// A table of texts by language; either may be missing, which the loader reports.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocalized {
    pub(super) en: Option<Spanned<String>>,
    pub(super) ko: Option<Spanned<String>>,
}

/// The `kind` of a question.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawKind {
    #[default]
    Text,
    List,
    Scale,
    Mandalart,
}

impl RawKind {
    /// The word used in template files.
    pub(super) fn name(self) -> &'static str {
        match self {
            RawKind::Text => "text",
            RawKind::List => "list",
            RawKind::Scale => "scale",
            RawKind::Mandalart => "mandalart",
        }
    }
}

/// One `[[questions]]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Spanned<String>,
    #[serde(default)]
    pub(super) kind: RawKind,
    pub(super) text: Option<Spanned<RawLocalized>>,
    pub(super) label: Option<Spanned<RawLocalized>>,
    pub(super) visibility: Option<Spanned<Visibility>>,
    pub(super) max_len: Option<Spanned<i64>>,
    pub(super) required: Option<bool>,
    pub(super) resolutions: Option<Spanned<bool>>,
    pub(super) milestone: Option<Spanned<bool>>,
    pub(super) periods: Option<Spanned<bool>>,
    pub(super) capsule: Option<Spanned<bool>>,
    pub(super) low: Option<Spanned<RawLocalized>>,
    pub(super) high: Option<Spanned<RawLocalized>>,
    pub(super) recall: Option<Spanned<RawRecall>>,
}

/// A question's `recall = { question = "…", ago = "1y" }`, checked once every question is read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRecall {
    pub(super) question: Spanned<String>,
    pub(super) ago: Spanned<String>,
}
