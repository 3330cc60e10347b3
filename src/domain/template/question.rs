//! One question of a template: what is asked, in which form it is answered, and who may read it.

use std::fmt;
use std::str::FromStr;

use super::{BadId, Localized, Recall, is_valid_id};
use crate::domain::milestone::MilestoneText;
use crate::domain::visibility::Visibility;

/// A question a template asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The id answers are stored under; unique within its template.
    pub id: QuestionId,
    /// How the question is answered.
    pub kind: QuestionKind,
    /// The question itself, which may hold `{placeholders}`.
    pub text: Localized,
    /// A short form of the question (at most [`Question::MAX_LABEL_LEN`] characters) for forms
    /// whose labels are short, such as a Discord modal's; `None` when the template gives none.
    pub label: Option<Localized>,
    /// Who may read the answers (`team` unless the template says otherwise).
    pub visibility: Visibility,
    /// The longest answer accepted, in characters (not bytes); for a list, all items together.
    /// Scale and Mandalart questions have no such limit and keep 0 here.
    pub max_len: usize,
    /// Whether an empty answer is refused.
    pub required: bool,
    /// Whether a non-empty answer becomes its author's private milestone, dated at its round
    /// (text questions only, at most [`MilestoneText::MAX_LEN`] characters): "Did anything this
    /// week change things for you?".
    pub milestone: bool,
    /// Whether the form offers, until it is answered, the periods the author's milestones cut
    /// the round's year into, one per line, for them to edit (list questions only): a
    /// year-end's "the periods of {year}, and what turned each".
    pub periods: bool,
    /// Whether the answer is a sealed letter to its author (`capsule = true`, text questions
    /// only): kept as a letter that opens about a year later, never as an answer, so no recap,
    /// digest, chart, summary or team view holds it; empty makes no letter.
    pub capsule: bool,
    /// The earlier answer its author is shown beside this one (text and list questions only):
    /// `recall = { question = "learned", ago = "1y" }`.
    pub recall: Option<Recall>,
}

impl Question {
    /// The default `max_len` of a text question, in characters.
    pub const DEFAULT_TEXT_MAX_LEN: usize = 1000;
    /// The default (and largest) `max_len` of a milestone question, in characters.
    pub const MILESTONE_MAX_LEN: usize = MilestoneText::MAX_LEN;
    /// The default `max_len` of a list question, in characters.
    pub const DEFAULT_LIST_MAX_LEN: usize = 2000;
    /// The largest `max_len` a template may set, in characters.
    pub const MAX_MAX_LEN: usize = 4000;
    /// The longest short `label` a template may give, in characters: Discord's form label.
    pub const MAX_LABEL_LEN: usize = 45;
    /// The longest question text, in characters (a question, not an essay: it is shown in
    /// every prompt and form).
    pub const MAX_TEXT_LEN: usize = 300;
    /// The lowest point of a scale.
    pub const SCALE_MIN: u8 = 1;
    /// The highest point of a scale.
    pub const SCALE_MAX: u8 = 5;

    /// Whether it is answered with a Mandalart grid (typed in parts, not in one field).
    pub fn is_mandalart(&self) -> bool {
        self.kind == QuestionKind::Mandalart
    }

    /// The `max_len` a question of this kind gets when its template does not set one.
    pub fn default_max_len(kind: &QuestionKind) -> usize {
        match kind {
            QuestionKind::Text => Self::DEFAULT_TEXT_MAX_LEN,
            QuestionKind::List { .. } => Self::DEFAULT_LIST_MAX_LEN,
            QuestionKind::Scale { .. } | QuestionKind::Mandalart => 0,
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    /// Free text.
    Text,
    /// Several items, one per line.
    List {
        /// Whether the items are resolutions (e.g. for next year), to be tracked and recalled.
        resolutions: bool,
    },
    /// A whole number from 1 to 5, with a label for each end.
    Scale {
        /// What 1 means, e.g. "Running on empty".
        low: Localized,
        /// What 5 means, e.g. "Full of energy".
        high: Localized,
    },
    /// A Mandalart: a goal, eight sub-goals and eight actions for each, typed in parts (see
    /// [`crate::domain::mandalart`]); each cell has its own length limit, so `max_len` is 0.
    Mandalart,
}

impl QuestionKind {
    /// The word used for this kind in template files: `text`, `list`, `scale` or `mandalart`.
    pub fn as_str(&self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::List { .. } => "list",
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::Mandalart => "mandalart",
        }
    }
}

/// The id of a question within its template, such as `went-well`: 1 to 40 lowercase letters,
/// digits and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionId(String);

impl QuestionId {
    /// Checks and wraps a question id.
    pub fn parse(s: &str) -> Result<Self, BadId> {
        if is_valid_id(s) {
            Ok(QuestionId(s.to_string()))
        } else {
            Err(BadId {
                what: "question",
                given: s.to_string(),
            })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for QuestionId {
    type Err = BadId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QuestionId::parse(s)
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
