//! What can be wrong with a template file, told with its file name and line.

use std::path::PathBuf;

use crate::domain::lang::Lang;

/// A template that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The file was read but its content is wrong; `line` is 1-based.
    #[error("{file}:{line}: {problem}")]
    Invalid {
        /// The file (or built-in name) the template came from.
        file: String,
        /// The 1-based line the problem is on.
        line: usize,
        /// What is wrong.
        problem: TemplateProblem,
    },
    /// A template directory or file could not be read.
    #[error("{}: cannot read: {message}", path.display())]
    Read {
        /// The directory or file.
        path: PathBuf,
        /// Why, as the operating system tells it.
        message: String,
    },
}

/// What is wrong inside a template file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateProblem {
    /// The file is not valid TOML.
    #[error("not valid TOML: {0}")]
    Syntax(String),
    /// A key the template format does not have (often a typo).
    #[error("{0}")]
    UnknownField(String),
    /// Valid TOML in the wrong shape: a missing field, a value of the wrong type, an unknown
    /// `kind` or `visibility`.
    #[error("{0}")]
    Shape(String),
    /// The template id is not 1 to 40 lowercase letters, digits and `-`.
    #[error("bad template id {0:?}: use 1 to 40 lowercase letters (a-z), digits and `-`")]
    BadTemplateId(String),
    /// A question id is not 1 to 40 lowercase letters, digits and `-`.
    #[error("bad question id {0:?}: use 1 to 40 lowercase letters (a-z), digits and `-`")]
    BadQuestionId(String),
    /// A text lacks one of its languages, or it is blank.
    #[error("{field}: the {} text (`{}`) is missing or empty", lang_name(*.lang), .lang.code())]
    MissingText {
        /// Which text, such as ``question `went-well` text``.
        field: String,
        /// The missing language.
        lang: Lang,
    },
    /// The template has no questions.
    #[error("the template has no questions: add at least one `[[questions]]` table")]
    NoQuestions,
    /// Two questions share an id.
    #[error("question id `{id}` is used twice (first on line {first_line})")]
    DuplicateQuestionId {
        /// The id.
        id: String,
        /// Where it was first used.
        first_line: usize,
    },
    /// `max_len` is 0, negative or over the limit.
    #[error(
        "question `{question}`: max_len {value} is out of range; use 1 to {}",
        crate::domain::template::Question::MAX_MAX_LEN
    )]
    MaxLen {
        /// The question.
        question: String,
        /// The value given.
        value: i64,
    },
    /// A milestone question allows answers longer than a milestone may be.
    #[error(
        "question `{question}`: max_len {value} is longer than a milestone; a `milestone = true` question takes 1 to {}",
        crate::domain::template::Question::MILESTONE_MAX_LEN
    )]
    MilestoneMaxLen {
        /// The question.
        question: String,
        /// The value given.
        value: i64,
    },
    /// A scale question lacks its `low` or `high` label.
    #[error(
        "question `{question}`: a scale needs labels for both ends; add `[questions.{end}]` with `en` and `ko`"
    )]
    MissingScaleLabel {
        /// The question.
        question: String,
        /// `low` or `high`.
        end: &'static str,
    },
    /// A field that does not apply to the question's kind, such as `low` on a text question.
    #[error("question `{question}`: `{field}` does not apply to a {kind} question")]
    NotApplicable {
        /// The question.
        question: String,
        /// The field.
        field: &'static str,
        /// The question's kind: `text`, `list` or `scale`.
        kind: &'static str,
    },
    /// A Mandalart question made anonymous: a plan gives its author away.
    #[error(
        "question `{question}`: a Mandalart cannot be anonymous, as a plan gives its author away; use visibility = \"private\" (the default for a Mandalart) or \"team\""
    )]
    AnonymousGrid {
        /// The question.
        question: String,
    },
    /// A short `label` longer than a form label may be.
    #[error(
        "question `{question}`: the {} label is {len} characters; a label is a short form of the question, at most {}",
        lang_name(*.lang),
        crate::domain::template::Question::MAX_LABEL_LEN
    )]
    LabelTooLong {
        /// The question.
        question: String,
        /// The language of the long label.
        lang: Lang,
        /// Its length in characters.
        len: usize,
    },
    /// A text (a name, a description, a question, a scale label) longer than it may be.
    #[error(
        "{field}: the {} text is {len} characters; at most {max} fit. Shorten it",
        lang_name(*.lang)
    )]
    TextTooLong {
        /// Which text, e.g. "`name`" or "question `went-well` text".
        field: String,
        /// Its language.
        lang: Lang,
        /// Its length in characters.
        len: usize,
        /// The most it may have.
        max: usize,
    },
    /// A `{placeholder}` hoego does not know.
    #[error(
        "unknown placeholder `{{{0}}}`; use {{year}}, {{next_year}}, {{quarter}}, {{week}} or {{team}}"
    )]
    UnknownPlaceholder(String),
    /// A `recall` naming a question the template does not ask.
    #[error(
        "template `{template}`, question `{question}`: `recall` names question `{recalled}`, which this template does not ask; name one of its text or list questions, e.g. recall = {{ question = \"{question}\", ago = \"1y\" }}"
    )]
    RecallUnknownQuestion {
        /// The template's id.
        template: String,
        /// The question that recalls.
        question: String,
        /// The id it named.
        recalled: String,
    },
    /// A `recall` naming a question whose answers are not text (a scale, a Mandalart).
    #[error(
        "template `{template}`, question `{question}`: `recall` names `{recalled}`, a {kind} question; only text and list answers are recalled, e.g. recall = {{ question = \"{question}\", ago = \"1y\" }}"
    )]
    RecallKind {
        /// The template's id.
        template: String,
        /// The question that recalls.
        question: String,
        /// The id it named.
        recalled: String,
        /// That question's kind.
        kind: &'static str,
    },
    /// A `recall` whose `ago` is not `1y` or `1q`.
    #[error(
        "template `{template}`, question `{question}`: `recall` has ago = {given:?}; use \"1y\" (about a year before) or \"1q\" (about a quarter before), e.g. recall = {{ question = \"{question}\", ago = \"1y\" }}"
    )]
    RecallAgo {
        /// The template's id.
        template: String,
        /// The question that recalls.
        question: String,
        /// The `ago` as given.
        given: String,
    },
    /// A `capsule = true` question with a field that only makes sense of a kept answer.
    #[error(
        "question `{question}`: a `capsule = true` question's answer is sealed as a letter, not kept as an answer, so `{field}` does not go with it; remove `{field}` (or `capsule`), e.g. capsule = true, required = false"
    )]
    CapsuleConflict {
        /// The question.
        question: String,
        /// The field: `milestone`, `recall` or `visibility`.
        field: &'static str,
    },
    /// A `capsule = true` question allowing more than a letter holds.
    #[error(
        "question `{question}`: max_len {value} is longer than a letter; a `capsule = true` question takes 1 to {}",
        crate::domain::capsule::LetterText::MAX_LEN
    )]
    CapsuleMaxLen {
        /// The question.
        question: String,
        /// The value given.
        value: i64,
    },
    /// A `recall` naming a capsule question, whose answers are sealed letters.
    #[error(
        "template `{template}`, question `{question}`: `recall` names `{recalled}`, a `capsule = true` question whose answers are sealed letters; name a text or list question that is not a capsule, e.g. recall = {{ question = \"{question}\", ago = \"1y\" }}"
    )]
    RecallCapsule {
        /// The template's id.
        template: String,
        /// The question that recalls.
        question: String,
        /// The id it named.
        recalled: String,
    },
    /// Two template files in one directory use the same id.
    #[error("template id `{id}` is already used by {other_file}")]
    DuplicateTemplateId {
        /// The id.
        id: String,
        /// The other file.
        other_file: String,
    },
}

/// The English name of a language, for error messages.
fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ko => "Korean",
    }
}
