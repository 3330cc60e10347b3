//! Recaps: a pure function from answers, participation rows, resolutions and milestones to a
//! [`Recap`] model that reads like a retrospective a person wrote (the span cut into periods at
//! its milestones, answers condensed), then renderers (Markdown ready to publish, JSON). Round
//! digests live in [`digest`]; splitting long text at platform limits in [`split`].

mod build;
pub mod chart;
mod condense;
pub mod digest;
mod draft;
pub(crate) mod inert;
mod labels;
pub mod markdown;
mod mood;
mod participation;
mod plan;
mod post;
mod quote;
mod shift;
pub mod split;
pub mod team_plans;
mod then_now;
mod words;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_post;
#[cfg(test)]
mod tests_shift;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::lang::Lang;
use crate::domain::mandalart::Grid;
use crate::domain::mandalart::follow::{GoalProgress, Marks};
use crate::domain::milestone::{Milestone, PhaseUnit, Reader};
use crate::domain::period::Period;
use crate::domain::state::{DeliveryStatus, ResolutionStatus};
use crate::domain::template::QuestionKind;

pub use build::build;
pub use condense::normalise;
pub use draft::periods_draft;
pub use labels::{ChartWords, DateWords, Labels, RecapWords, fill};
pub use post::{AuthorLines, Block, Direction, Entry, Line, MoodLine, PhaseSection};
pub use quote::{QuestionGroup, Quote};
pub use shift::Suggestion;
pub use then_now::ThenNow;

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
    /// Who reads it (whose milestones cut its periods).
    pub reader: Reader,
    /// The member's display name or the team's name, for the title.
    pub subject: String,
    /// The period covered.
    pub period: Period,
    /// The words it is written with, in the reader's language (from the catalogs); their
    /// `lang` is the reader's language.
    pub words: &'static RecapWords,
    /// The day it is compiled (front matter `date`).
    pub today: NaiveDate,
    /// The milestones the reader may see (others are ignored by [`Milestone::cuts_for`]).
    pub milestones: Vec<Milestone>,
    /// At most this many condensed lines per question (and per member) in each period.
    pub max_lines: usize,
}

impl RecapRequest {
    /// The default of [`RecapRequest::max_lines`].
    pub const MAX_LINES: usize = 5;
}

/// One answer as a recap reads it: already filtered for the scope (the store never hands
/// private answers to a team recap, nor an anonymous answer's author).
#[derive(Debug, Clone, PartialEq)]
pub struct RecapAnswer {
    /// The round it was given in.
    pub round: i64,
    /// The round's local date.
    pub date: NaiveDate,
    /// The template's id (e.g. `weekly`): answers group by (template, question).
    pub template: String,
    /// The question's id.
    pub question_id: String,
    /// The question's place in its template (0 first): questions keep their template's order.
    pub position: usize,
    /// The question's short label (or its first sentence), for headings.
    pub label: String,
    /// The question's kind (scale answers become mood lines, the others condensed lines).
    pub kind: QuestionKind,
    /// Whether the question's answers become milestones (such an answer that opens a period is
    /// not quoted again under it).
    pub milestone: bool,
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

/// A resolution with its follow-ups.
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
    /// The title, in the reader's language, without ids.
    pub title: String,
    /// The reader's language.
    pub lang: Lang,
    /// The words it is written with, in the reader's language.
    #[serde(skip)]
    pub words: &'static RecapWords,
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
    /// The trend of every scale question with at least three points over the whole span.
    pub trends: Vec<Trend>,
    /// How the span was cut into periods.
    pub unit: PhaseUnit,
    /// The answers that frame the span before its periods (a year-end's periods, highlights).
    pub opening: Vec<Block>,
    /// The periods, each with its mood and condensed answers.
    pub phases: Vec<PhaseSection>,
    /// Sharp shifts of a scale that no milestone the reader sees explains, offered as
    /// suggestions (never as milestones).
    pub suggestions: Vec<Suggestion>,
    /// The framing answers after the periods (what was learned, what was hard).
    pub closing: Vec<Block>,
    /// Resolutions set before the span, with what became of them.
    pub last_resolutions: Vec<ResolutionArc>,
    /// The wishes for what comes next (a resolutions question's items), numbered.
    pub wishes: Vec<Block>,
    /// Every answer whole, by date (for JSON and the `--full` appendix).
    pub answers: Vec<Entry>,
    /// Why some anonymous answers are not shown (the anonymity threshold), one line each.
    pub withheld: Vec<String>,
    /// The member's Mandalart for the recap's year, followed through: a line per sub-goal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanProgress>,
    /// The member's Mandalart for the year after the recap's (written at its end), shown as a
    /// sheet; only in their own recap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_plan: Option<NextPlan>,
    /// Answers beside the earlier ones they recall ("then vs now"), as the reader may see
    /// both; left out of the JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub then_now: Vec<ThenNow>,
    /// A team's year recap: the team's Mandalart for the year and the members' shared ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_plans: Option<team_plans::TeamPlans>,
}

/// How a year's Mandalart went, for the member's own recap of that year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanProgress {
    /// The year it planned.
    pub year: i32,
    /// Its centre goal.
    pub centre: String,
    /// Each written sub-goal with its actions counted by status and its latest rating.
    pub goals: Vec<GoalProgress>,
    /// The grid and its follow-through, drawn as a heat map (or the plain sheet while nothing
    /// is checked); the JSON keeps the counts above.
    #[serde(skip)]
    pub sheet: PlanSheet,
}

/// The member's Mandalart for the year after the recap's: the plan they made at its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextPlan {
    /// The year it plans.
    pub year: i32,
    /// Its centre goal.
    pub centre: String,
    /// Its written sub-goals.
    pub goals: Vec<String>,
    /// The grid, drawn as the plain sheet and written as the Markdown 9×9 table.
    #[serde(skip)]
    pub sheet: PlanSheet,
}

/// A Mandalart as a recap draws it: the grid and what was checked and rated of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanSheet {
    /// The grid.
    pub grid: Grid,
    /// Its actions' statuses and sub-goals' ratings (none for a plan not yet begun).
    pub marks: Marks,
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
    /// Answered out of asked, per period, as a sparkline.
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
    /// The question's label.
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

impl Recap {
    /// The recap as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a recap always serializes")
    }

    /// Answers the recap holds (each one whole in [`Recap::answers`]).
    pub fn quoted_answers(&self) -> usize {
        self.answers.len()
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
