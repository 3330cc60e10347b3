//! The rows of a dataset that plan ahead: a member's Mandalarts with their follow-through, and
//! their letters to the future (time capsules). A Mandalart names the answer that holds its grid;
//! the grid is written out again cell by cell so the document reads without hoego.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::records::AnswerRef;
use crate::domain::mandalart::follow::{ActionStatus, Marks};
use crate::domain::mandalart::{Grid, SIDE};

/// A member's Mandalart for a year, with where each action stands and how each sub-goal was
/// rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MandalartRecord {
    /// The member's user id.
    pub member: String,
    /// The answer that holds the grid (what an import restores it from).
    pub answer: AnswerRef,
    /// The year it plans.
    pub year: i32,
    /// The goal in the centre.
    pub centre: String,
    /// The eight sub-goals in reading order around the centre.
    pub goals: Vec<GoalRecord>,
}

/// A sub-goal with its actions and its quarterly ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalRecord {
    /// The sub-goal; empty while not written.
    pub title: String,
    /// Its eight actions in reading order.
    pub actions: Vec<ActionRecord>,
    /// Its ratings, oldest first.
    #[serde(default)]
    pub ratings: Vec<RatingRecord>,
}

/// An action and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// The action; empty while not written.
    pub text: String,
    /// Where it stands.
    pub status: CheckWord,
    /// When it was last checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_at: Option<DateTime<Utc>>,
}

/// An action's status as the document writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckWord {
    /// Done.
    Done,
    /// Partly done.
    Partial,
    /// Not done yet.
    NotYet,
    /// Never checked.
    None,
}

/// A sub-goal's 1–5 rating in a quarterly round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingRecord {
    /// The round's quarter, e.g. `2027-Q2` (for people; `round` is what an import uses).
    pub quarter: String,
    /// The round it was given in (a position in `rounds`).
    pub round: usize,
    /// 1–5.
    pub rating: u8,
    /// When it was given.
    pub rated_at: DateTime<Utc>,
}

/// A letter to the future, as its author exports it: sealed until its day (the text is there,
/// as it is the author's own), or opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterRecord {
    /// The author's user id.
    pub member: String,
    /// Whether it is the team's, opened in `channel_id`.
    #[serde(default)]
    pub team_wide: bool,
    /// The channel a team letter opens in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The day it was written.
    pub written_on: NaiveDate,
    /// The day it opens.
    pub open_on: NaiveDate,
    /// The instant it opens.
    pub opens_at: DateTime<Utc>,
    /// Whether it was still sealed when exported (its day had not come).
    pub sealed: bool,
    /// When it was sent back; an imported letter with this set is never sent again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_at: Option<DateTime<Utc>>,
    /// The letter.
    pub text: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

impl CheckWord {
    /// The word of a status (`None` for an unchecked action).
    pub fn of(status: Option<ActionStatus>) -> CheckWord {
        match status {
            Some(ActionStatus::Done) => CheckWord::Done,
            Some(ActionStatus::Partial) => CheckWord::Partial,
            Some(ActionStatus::NotYet) => CheckWord::NotYet,
            None => CheckWord::None,
        }
    }

    /// The status it names; `None` for an unchecked action.
    pub fn status(self) -> Option<ActionStatus> {
        match self {
            CheckWord::Done => Some(ActionStatus::Done),
            CheckWord::Partial => Some(ActionStatus::Partial),
            CheckWord::NotYet => Some(ActionStatus::NotYet),
            CheckWord::None => None,
        }
    }
}

impl MandalartRecord {
    /// The record of `grid` (held by `answer`) with its statuses; ratings are added after.
    pub fn new(member: &str, answer: AnswerRef, year: i32, grid: &Grid, marks: &Marks) -> Self {
        let goals = (grid.goals.iter().enumerate()).map(|(g, goal)| GoalRecord {
            title: goal.title.clone(),
            actions: (goal.actions.iter().enumerate())
                .map(|(a, text)| ActionRecord {
                    text: text.clone(),
                    status: CheckWord::of(marks.statuses[g][a]),
                    checked_at: None,
                })
                .collect(),
            ratings: Vec::new(),
        });
        MandalartRecord {
            member: member.to_string(),
            answer,
            year,
            centre: grid.centre.clone(),
            goals: goals.collect(),
        }
    }

    /// The grid it writes out (cells past the eighth left out).
    pub fn grid(&self) -> Grid {
        let mut grid = Grid {
            centre: self.centre.clone(),
            ..Grid::default()
        };
        for (goal, record) in grid.goals.iter_mut().zip(&self.goals) {
            goal.title = record.title.clone();
            for (action, text) in goal.actions.iter_mut().zip(&record.actions) {
                *action = text.text.clone();
            }
        }
        grid
    }

    /// Its statuses and each sub-goal's latest rating.
    pub fn marks(&self) -> Marks {
        let mut marks = Marks::default();
        for (g, a, status, _) in self.checks() {
            marks.statuses[g][a] = Some(status);
        }
        for (g, goal) in self.goals.iter().take(SIDE).enumerate() {
            marks.ratings[g] = goal.ratings.last().map(|r| r.rating);
        }
        marks
    }

    /// Each checked action: sub-goal and action (0-based), status, when.
    pub fn checks(
        &self,
    ) -> impl Iterator<Item = (usize, usize, ActionStatus, Option<DateTime<Utc>>)> {
        let goals = self.goals.iter().take(SIDE).enumerate();
        goals.flat_map(|(g, goal)| {
            let actions = goal.actions.iter().take(SIDE).enumerate();
            actions.filter_map(move |(a, action)| {
                Some((g, a, action.status.status()?, action.checked_at))
            })
        })
    }
}
