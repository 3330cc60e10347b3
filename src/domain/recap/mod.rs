//! Recaps: a pure function from answers, participation rows and resolutions to a [`Recap`]
//! model, then renderers (Markdown ready to publish, JSON). Round digests live in [`digest`];
//! splitting long text at platform limits in [`split`].

mod build;
pub mod chart;
pub mod digest;
mod inert;
pub mod markdown;
mod participation;
pub mod split;
mod timeline;
mod words;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::lang::Lang;
use crate::domain::period::Period;
use crate::domain::state::{DeliveryStatus, ResolutionStatus};
use crate::domain::template::QuestionKind;

pub use build::build;

/// Whose answers a recap holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One member's own answers (all visibilities, or only shared ones when posted publicly).
    Me,
    /// The team's shared answers; anonymous ones without a name.
    Team,
}

/// What a recap is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RecapRequest {
    /// Me or the team.
    pub scope: Scope,
    /// The member's display name or the team's name, for the title.
    pub subject: String,
    /// The period covered.
    pub period: Period,
    /// The reader's language.
    pub lang: Lang,
    /// The day it is compiled (front matter `date`).
    pub today: NaiveDate,
}

/// One answer as a recap reads it: already filtered for the scope (the store never hands
/// private answers to a team recap, nor an anonymous answer's author).
#[derive(Debug, Clone, PartialEq)]
pub struct RecapAnswer {
    /// The round it was given in.
    pub round: i64,
    /// The round's local date.
    pub date: NaiveDate,
    /// The question's id.
    pub question_id: String,
    /// The question's text in the reader's language.
    pub question: String,
    /// The question's kind (scale answers become trends, the others quotes).
    pub kind: QuestionKind,
    /// The stored value.
    pub value: String,
    /// The author's display name; `None` when anonymous or when the recap is one's own.
    pub author: Option<String>,
}

/// One delivery, for participation figures. `member` is an opaque key; it is never shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParticipationRow {
    /// Whose delivery (opaque).
    pub member: i64,
    /// The round.
    pub round: i64,
    /// The round's local date.
    pub date: NaiveDate,
    /// How it ended (or stands).
    pub status: DeliveryStatus,
}

/// A resolution with its follow-ups, for the resolutions section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolutionArc {
    /// What was resolved.
    pub text: String,
    /// When it was set.
    pub set_on: NaiveDate,
    /// Where it stands now.
    #[serde(serialize_with = "status_word")]
    pub status: ResolutionStatus,
    /// Each follow-up, oldest first.
    pub follow_ups: Vec<FollowUp>,
}

/// One follow-up on a resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    /// When it was given.
    pub date: NaiveDate,
    /// The status it set.
    #[serde(serialize_with = "status_word")]
    pub status: ResolutionStatus,
    /// The note ('' when none).
    pub note: String,
}

/// A compiled recap, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recap {
    /// The title, in the reader's language.
    pub title: String,
    /// The reader's language.
    pub lang: Lang,
    /// Me or the team.
    pub scope: Scope,
    /// The period covered.
    pub period: Period,
    /// The period's short name, e.g. `2026-Q3`.
    pub period_label: String,
    /// The day it was compiled.
    pub date: NaiveDate,
    /// Rounds, answers, skips, misses, streak.
    pub participation: Participation,
    /// The trend of every scale question.
    pub trends: Vec<Trend>,
    /// The timeline: the period divided into quarters, months or weeks, each with its quotes
    /// grouped by question.
    pub sections: Vec<Section>,
    /// Resolutions with their arcs.
    pub resolutions: Vec<ResolutionArc>,
    /// Why some anonymous answers are not shown (the anonymity threshold), one line each.
    pub withheld: Vec<String>,
}

/// Participation over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Participation {
    /// Rounds held.
    pub rounds: usize,
    /// Prompts sent (one per member and round).
    pub asked: usize,
    /// Answered.
    pub answered: usize,
    /// Skipped.
    pub skipped: usize,
    /// Missed (the window closed without an answer).
    pub missed: usize,
    /// Still open or never delivered.
    pub open: usize,
    /// The longest run of consecutive rounds answered (by one member; for a team, the best).
    pub longest_streak: usize,
    /// Answered out of asked, per timeline section, as a sparkline.
    pub sparkline: String,
    /// Per round, oldest first: its date, how many were asked and how many answered.
    pub per_round: Vec<RoundRate>,
}

/// One round's participation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundRate {
    /// The round's date.
    pub date: NaiveDate,
    /// Prompts sent.
    pub asked: usize,
    /// Answers.
    pub answered: usize,
}

/// The trend of one scale question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The question's id.
    pub question_id: String,
    /// The question's text.
    pub question: String,
    /// What 1 means on its scale, in the reader's language.
    pub low: String,
    /// What 5 means on its scale, in the reader's language.
    pub high: String,
    /// One point per round: the average answer that round.
    pub points: Vec<TrendPoint>,
    /// The average over the period.
    pub average: f64,
    /// The points as a text sparkline (`▁▂▃▄▅▆▇█`).
    pub sparkline: String,
}

/// One round's average on a scale question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The round's date.
    pub date: NaiveDate,
    /// The average answer (1–5).
    pub average: f64,
    /// How many answered.
    pub count: usize,
}

/// One part of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Its heading, e.g. `2026 Q1` or `2026년 1분기`.
    pub label: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Its answers, grouped by question in the order first asked.
    pub questions: Vec<QuestionGroup>,
}

/// The answers to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionGroup {
    /// The question's id.
    pub question_id: String,
    /// The question's text.
    pub question: String,
    /// The answers, by date.
    pub entries: Vec<Entry>,
}

/// One answer as quoted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The round's date.
    pub date: NaiveDate,
    /// The author's name; `None` for anonymous answers and in one's own recap.
    pub author: Option<String>,
    /// The text (list items one per line).
    pub text: String,
    /// Whether the text is a list of items.
    pub list: bool,
}

impl Recap {
    /// The recap as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a recap always serializes")
    }

    /// Answers quoted in the timeline.
    pub fn quoted_answers(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| q.entries.len())
            .sum()
    }
}

fn status_word<S: serde::Serializer>(status: &ResolutionStatus, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

/// `▁▂▃▄▅▆▇█` for values from `low` to `high`.
pub fn sparkline(values: impl IntoIterator<Item = f64>, low: f64, high: f64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let span = (high - low).max(f64::EPSILON);
    values
        .into_iter()
        .map(|v| {
            let step = ((v - low) / span * 7.0).round().clamp(0.0, 7.0);
            BARS[step as usize]
        })
        .collect()
}
