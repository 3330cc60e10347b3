//! The written summary above a recap: which condensed items of the recap a model may read
//! ([`select`]), and the check of what it wrote back ([`check`]): every sentence must cite items
//! that were sent, hold no number the cited items do not hold, and be in the reader's language.
//! Pure: the request is sent and cached by the service.

pub mod check;
mod numbers;
pub mod select;

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::domain::lang::Lang;

pub use check::{Checked, Dropped, Failure, Sentence, check};
pub use select::select;

/// What a summary is written from: the condensed items of one recap the reader may see, each
/// with a short id, within the size budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryInput {
    /// The reader's language: the summary is written in it.
    pub lang: Lang,
    /// The recap's title.
    pub title: String,
    /// The recap's periods, numbered from 1 in [`Item::period`].
    pub periods: Vec<PeriodRef>,
    /// The items sent, in the recap's order.
    pub items: Vec<Item>,
    /// Items of the recap left out to keep within the size budget.
    #[serde(skip)]
    pub left_out: usize,
}

/// One period of the recap, as the request names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRef {
    /// Its number (from 1).
    pub period: usize,
    /// Its heading in the recap (dates, and the milestone that opened it).
    pub label: String,
}

/// One condensed line of the recap (equal answers merged), as sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Its short id (`a1`, `a2`, …), which sentences cite.
    pub id: String,
    /// The period it belongs to (from 1); `None` for the span's framing answers and wishes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<usize>,
    /// The question's short label.
    pub question: String,
    /// The author's name; `None` in one's own recap and for anonymous answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whether the answer was given anonymously (in a team recap).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// The text, as last written.
    pub text: String,
    /// How many times it was given.
    pub times: usize,
}

impl SummaryInput {
    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The sum of the items' text lengths, in characters (what the size budget bounds).
    pub fn size(&self) -> usize {
        self.items
            .iter()
            .map(|item| item.text.chars().count())
            .sum()
    }
}
