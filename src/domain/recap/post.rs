//! The parts of a recap written as a post: periods with their mood line and condensed answers,
//! blocks of one question's lines per author, and every answer whole.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::milestone::Milestone;

/// One period of the recap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseSection {
    /// Its heading: its dates, and the milestone that opened it.
    pub label: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The milestones within it, oldest first.
    pub milestones: Vec<Milestone>,
    /// One line per scale question with at least three points in it.
    pub moods: Vec<MoodLine>,
    /// Its answers, one block per (template, question), in template order.
    pub blocks: Vec<Block>,
}

/// A scale question's line in one period: average, direction, sparkline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoodLine {
    /// The question's id.
    pub question_id: String,
    /// The question's label.
    pub label: String,
    /// The average over the period, to one decimal.
    pub average: f64,
    /// Whether it rose, fell or held over the period.
    pub direction: Direction,
    /// One character per round.
    pub sparkline: String,
}

/// Where a scale went over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The last third averages at least half a point above the first.
    Rising,
    /// The last third averages at least half a point below the first.
    Falling,
    /// Neither.
    Steady,
}

/// The condensed answers to one question of one template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// The template's id.
    pub template: String,
    /// The question's id.
    pub question_id: String,
    /// The heading: the question's short label.
    pub heading: String,
    /// Whether the question is a list (its lines are items, not whole answers).
    pub list: bool,
    /// One group per author (one unnamed group in one's own recap; in a team's, by name, the
    /// anonymous ones last).
    pub authors: Vec<AuthorLines>,
}

/// One author's condensed lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorLines {
    /// The author's name; `None` in one's own recap and for anonymous answers.
    pub author: Option<String>,
    /// The lines shown, most repeated then most recent first.
    pub lines: Vec<Line>,
    /// How many more distinct lines there were.
    pub more: usize,
}

/// Equal answers (or list items) merged into one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The text, as last written.
    pub text: String,
    /// How many times it was given.
    pub count: usize,
    /// The first date it was given.
    pub first: NaiveDate,
    /// The last date it was given.
    pub last: NaiveDate,
}

/// One answer, whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The round's date.
    pub date: NaiveDate,
    /// The template's id.
    pub template: String,
    /// The question's id.
    pub question_id: String,
    /// The question's label.
    pub question: String,
    /// The author's name; `None` for anonymous answers and in one's own recap.
    pub author: Option<String>,
    /// The text (list items one per line).
    pub text: String,
    /// Whether the text is a list of items.
    pub list: bool,
}
