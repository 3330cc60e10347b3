//! Answers to template questions: parsing what someone typed, checking it against the question,
//! and a stable text form for storage.
//!
//! Lengths are counted in characters (Unicode scalar values), never bytes, so a Korean answer
//! gets the same limit as an English one.

#[cfg(test)]
mod tests;

use crate::domain::mandalart::{Grid, GridError};
use crate::domain::template::{Localized, Question, QuestionId, QuestionKind};

/// A checked answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerValue {
    /// Free text, trimmed.
    Text(String),
    /// The items of a list, trimmed, without bullets or empty lines; never empty.
    List(Vec<String>),
    /// A point on a scale, 1 to 5.
    Scale(u8),
    /// A Mandalart with at least one cell written.
    Grid(Box<Grid>),
}

/// Why an answer was refused. Its `Display` is a short English account for logs; people are
/// told in their language by the catalogs (`service::i18n::worded`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// The question is required and the answer is empty.
    #[error("This question needs an answer.")]
    Required,
    /// The answer is longer than the question allows (for a list, all items together).
    #[error("Your answer is {chars} characters; the limit is {limit}.")]
    TooLong {
        /// The answer's length, in characters.
        chars: usize,
        /// The question's limit, in characters.
        limit: usize,
    },
    /// A scale answer that is not a whole number from 1 to 5.
    #[error("{given:?} is not on the scale: answer with a whole number from 1 to 5.")]
    NotOnScale {
        /// What was typed, trimmed.
        given: String,
        /// What 1 means.
        low: Localized,
        /// What 5 means.
        high: Localized,
    },
    /// The form held an answer for a question its template does not ask.
    #[error("This form has no such question.")]
    UnknownQuestion,
    /// A part of a Mandalart that does not fit its cells.
    #[error("{field}: {problem}")]
    Grid {
        /// The form field the part was typed in (`plan.goals`, `plan.3`, …).
        field: String,
        /// What does not fit.
        problem: GridError,
    },
    /// A Mandalart's stored form that could not be read (never typed by a person: the service
    /// builds it from the grid's fields).
    #[error("This is not a Mandalart.")]
    NotAGrid,
    /// A resolution follow-up that does not start with a status word.
    #[error("{given:?} does not start with a resolution's status.")]
    NotAFollowUp {
        /// What was typed, trimmed.
        given: String,
    },
}

impl AnswerValue {
    /// Checks what someone typed against `question`. `Ok(None)` is an empty answer to a
    /// question that is not required.
    ///
    /// - text: trimmed; at most `max_len` characters.
    /// - list: one item per line; bullets (`- `, `* `, `• `, `1. `, `2) `…) and empty lines
    ///   dropped; all items together at most `max_len` characters.
    /// - scale: a whole number from 1 to 5, also written `3/5` or with a unit word after it
    ///   (`3점`, `3 points`).
    pub fn parse(question: &Question, raw: &str) -> Result<Option<AnswerValue>, AnswerError> {
        let value = match &question.kind {
            QuestionKind::Text => parse_text(raw, question.max_len)?,
            QuestionKind::List { .. } => parse_list(raw, question.max_len)?,
            QuestionKind::Scale { low, high } => parse_scale(raw, low, high)?,
            QuestionKind::Mandalart => parse_grid(raw)?,
        };
        match value {
            None if question.required => Err(AnswerError::Required),
            value => Ok(value),
        }
    }

    /// The stable text form kept in storage: the text itself, list items joined by `\n`, or the
    /// scale point as digits.
    pub fn to_storage(&self) -> String {
        match self {
            AnswerValue::Text(text) => text.clone(),
            AnswerValue::List(items) => items.join("\n"),
            AnswerValue::Scale(point) => point.to_string(),
            AnswerValue::Grid(grid) => grid.to_storage(),
        }
    }

    /// Reads back what [`AnswerValue::to_storage`] wrote for a question of this `kind`.
    pub fn from_storage(kind: &QuestionKind, stored: &str) -> Result<AnswerValue, StorageError> {
        let bad = || StorageError {
            kind: kind.as_str(),
            stored: stored.to_string(),
        };
        match kind {
            QuestionKind::Text => Ok(AnswerValue::Text(stored.to_string())),
            QuestionKind::List { .. } => {
                let items: Vec<String> = stored
                    .split('\n')
                    .filter(|item| !item.is_empty())
                    .map(str::to_string)
                    .collect();
                if items.is_empty() {
                    return Err(bad());
                }
                Ok(AnswerValue::List(items))
            }
            QuestionKind::Scale { .. } => match stored.parse::<u8>() {
                Ok(point) if on_scale(point) => Ok(AnswerValue::Scale(point)),
                _ => Err(bad()),
            },
            QuestionKind::Mandalart => match Grid::from_storage(stored) {
                Some(grid) if !grid.is_empty() => Ok(AnswerValue::Grid(Box::new(grid))),
                _ => Err(bad()),
            },
        }
    }
}

/// A stored answer that does not fit its question's kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("stored answer {stored:?} is not a valid {kind} answer")]
pub struct StorageError {
    /// The question's kind: `text`, `list` or `scale`.
    pub kind: &'static str,
    /// The stored text.
    pub stored: String,
}

fn on_scale(point: u8) -> bool {
    (Question::SCALE_MIN..=Question::SCALE_MAX).contains(&point)
}

fn check_len(chars: usize, limit: usize) -> Result<(), AnswerError> {
    if chars > limit {
        Err(AnswerError::TooLong { chars, limit })
    } else {
        Ok(())
    }
}

fn parse_text(raw: &str, max_len: usize) -> Result<Option<AnswerValue>, AnswerError> {
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    check_len(text.chars().count(), max_len)?;
    Ok(Some(AnswerValue::Text(text.to_string())))
}

fn parse_list(raw: &str, max_len: usize) -> Result<Option<AnswerValue>, AnswerError> {
    let items: Vec<String> = raw
        .lines()
        .map(strip_bullet)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect();
    if items.is_empty() {
        return Ok(None);
    }
    check_len(items.iter().map(|item| item.chars().count()).sum(), max_len)?;
    Ok(Some(AnswerValue::List(items)))
}

/// A Mandalart in its stored form (the service builds it from the grid's fields); an empty
/// grid is no answer.
fn parse_grid(raw: &str) -> Result<Option<AnswerValue>, AnswerError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    match Grid::from_storage(raw) {
        Some(grid) if grid.is_empty() => Ok(None),
        Some(grid) => Ok(Some(AnswerValue::Grid(Box::new(grid)))),
        None => Err(AnswerError::NotAGrid),
    }
}

/// A list line without its bullet or number; a line that is only a bullet becomes empty.
pub(crate) fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    let marker_end = if line.starts_with(['-', '*', '+', '•', '·', '–', '—']) {
        line.chars().next().map_or(0, char::len_utf8)
    } else {
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let numbered = (1..=3).contains(&digits) && line[digits..].starts_with(['.', ')']);
        if numbered { digits + 1 } else { 0 }
    };
    if marker_end == 0 {
        return line;
    }
    let rest = &line[marker_end..];
    if rest.is_empty() {
        ""
    } else if rest.starts_with(char::is_whitespace) {
        rest.trim()
    } else {
        line
    }
}

fn parse_scale(
    raw: &str,
    low: &Localized,
    high: &Localized,
) -> Result<Option<AnswerValue>, AnswerError> {
    let given = raw.trim();
    if given.is_empty() {
        return Ok(None);
    }
    let number = match given.split_once('/') {
        Some((point, out_of)) if out_of.trim() == Question::SCALE_MAX.to_string() => point.trim(),
        Some(_) => "",
        None => given.trim_end_matches(char::is_alphabetic).trim_end(),
    };
    match number.parse::<u8>() {
        Ok(point) if on_scale(point) && !number.starts_with('+') => {
            Ok(Some(AnswerValue::Scale(point)))
        }
        _ => Err(AnswerError::NotOnScale {
            given: given.to_string(),
            low: low.clone(),
            high: high.clone(),
        }),
    }
}

/// Every field's error in a refused form, in the order of the template's questions.
pub type FormErrors = Vec<(QuestionId, AnswerError)>;

/// Checks a whole submitted form: either every answer is valid, or every field's error comes
/// back (so the caller can show them all and keep what was typed).
///
/// A question missing from `raws` counts as answered with an empty text; if a question appears
/// more than once, the first one counts. An answer for a question not in `questions` is an
/// [`AnswerError::UnknownQuestion`], listed after the others.
pub fn validate_form(
    questions: &[Question],
    raws: &[(QuestionId, String)],
) -> Result<Vec<(QuestionId, Option<AnswerValue>)>, FormErrors> {
    let mut answers = Vec::with_capacity(questions.len());
    let mut errors = FormErrors::new();
    for question in questions {
        let raw = raws
            .iter()
            .find(|(id, _)| id == &question.id)
            .map_or("", |(_, raw)| raw.as_str());
        match AnswerValue::parse(question, raw) {
            Ok(value) => answers.push((question.id.clone(), value)),
            Err(error) => errors.push((question.id.clone(), error)),
        }
    }
    for (id, _) in raws {
        if !questions.iter().any(|q| &q.id == id) {
            errors.push((id.clone(), AnswerError::UnknownQuestion));
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}
