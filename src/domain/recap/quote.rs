//! A round digest's answers: grouped by question, each quoted whole with its author.

use chrono::NaiveDate;
use serde::Serialize;

/// The answers to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionGroup {
    /// The question's id.
    pub question_id: String,
    /// The question's text.
    pub question: String,
    /// The answers, in the order given.
    pub entries: Vec<Quote>,
}

/// One answer as quoted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The round's date.
    pub date: NaiveDate,
    /// The author's name; `None` for anonymous answers.
    pub author: Option<String>,
    /// The text (list items one per line).
    pub text: String,
    /// Whether the text is a list of items.
    pub list: bool,
}
