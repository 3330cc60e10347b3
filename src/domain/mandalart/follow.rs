//! Following a Mandalart through its year: each action marked done, partly done or not yet
//! (`mandalart check 3.5 done`), each sub-goal rated 1–5 in the quarterly rounds of the plan's
//! year (a question added to the round's form, as resolutions are followed up), and what a
//! sub-goal's line in a recap says about them.

use std::str::FromStr;

use serde::Serialize;

use super::{Grid, SIDE};
use crate::domain::template::{Localized, Question, QuestionId, QuestionKind};
use crate::domain::visibility::Visibility;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Done.
    Done,
    /// Partly done.
    Partial,
    /// Not done yet.
    NotYet,
}

impl ActionStatus {
    /// Every status, in the order legends list them.
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Done,
        ActionStatus::Partial,
        ActionStatus::NotYet,
    ];

    /// The stored and typed word: `done`, `partial`, `not-yet`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Done => "done",
            ActionStatus::Partial => "partial",
            ActionStatus::NotYet => "not-yet",
        }
    }
}

impl FromStr for ActionStatus {
    type Err = ();

    /// The typed word in any case, `not-yet` also as `not_yet`, `notyet` or `not yet`.
    fn from_str(word: &str) -> Result<Self, ()> {
        let key: String = (word.to_lowercase().chars())
            .filter(|c| c.is_alphanumeric())
            .collect();
        match key.as_str() {
            "done" => Ok(ActionStatus::Done),
            "partial" => Ok(ActionStatus::Partial),
            "notyet" => Ok(ActionStatus::NotYet),
            _ => Err(()),
        }
    }
}

/// An action of a grid by its numbers, as typed: `3.5` is sub-goal 3's action 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionRef {
    /// The sub-goal, 0-based.
    pub goal: usize,
    /// The action, 0-based.
    pub action: usize,
}

impl ActionRef {
    /// Reads `<sub-goal>.<action>`, both from 1 to 8; `None` for anything else.
    pub fn parse(typed: &str) -> Option<ActionRef> {
        let (goal, action) = typed.trim().split_once('.')?;
        let number = |n: &str| {
            let n: usize = n.parse().ok()?;
            (1..=SIDE).contains(&n).then(|| n - 1)
        };
        Some(ActionRef {
            goal: number(goal)?,
            action: number(action)?,
        })
    }
}

impl std::fmt::Display for ActionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.goal + 1, self.action + 1)
    }
}

/// What a grid's follow-through holds: each action's status and each sub-goal's latest rating.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    /// By sub-goal, then action (both 0-based); `None` while unchecked.
    pub statuses: [[Option<ActionStatus>; SIDE]; SIDE],
    /// By sub-goal: its latest 1–5 rating, if it was rated.
    pub ratings: [Option<u8>; SIDE],
}

impl Marks {
    /// The status of `at`.
    pub fn status(&self, at: ActionRef) -> Option<ActionStatus> {
        self.statuses[at.goal][at.action]
    }

    /// Whether nothing is checked or rated.
    pub fn is_empty(&self) -> bool {
        self.statuses.iter().flatten().all(Option::is_none)
            && self.ratings.iter().all(Option::is_none)
    }
}

/// How one sub-goal is going: its written actions counted by status, and its latest rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalProgress {
    /// The sub-goal, from 1.
    pub number: usize,
    /// Its title.
    pub title: String,
    /// How many of its actions are written.
    pub actions: usize,
    /// How many of those are done.
    pub done: usize,
    /// How many are partly done.
    pub partial: usize,
    /// How many are marked not yet.
    pub not_yet: usize,
    /// Its latest rating, 1–5.
    pub rating: Option<u8>,
}

impl Grid {
    /// The first written action, for examples; `None` when no action is written.
    pub fn first_action(&self) -> Option<ActionRef> {
        (0..SIDE)
            .flat_map(|goal| (0..SIDE).map(move |action| ActionRef { goal, action }))
            .find(|at| !self.action(*at).is_empty())
    }

    /// The text of an action.
    pub fn action(&self, at: ActionRef) -> &str {
        &self.goals[at.goal].actions[at.action]
    }

    /// One line of progress per written sub-goal (statuses of empty cells are not counted).
    pub fn progress(&self, marks: &Marks) -> Vec<GoalProgress> {
        let mut out = Vec::new();
        for (n, goal) in self.goals.iter().enumerate() {
            if goal.title.is_empty() {
                continue;
            }
            let written = (0..SIDE).filter(|&a| !goal.actions[a].is_empty());
            let statuses: Vec<Option<ActionStatus>> =
                written.map(|a| marks.statuses[n][a]).collect();
            let count = |s| statuses.iter().filter(|x| **x == Some(s)).count();
            out.push(GoalProgress {
                number: n + 1,
                title: goal.title.clone(),
                actions: statuses.len(),
                done: count(ActionStatus::Done),
                partial: count(ActionStatus::Partial),
                not_yet: count(ActionStatus::NotYet),
                rating: marks.ratings[n],
            });
        }
        out
    }
}

/// The prefix of a quarterly round's question rating a sub-goal; its number (1–8) follows.
pub const RATING_PREFIX: &str = "mandalart-goal-";

/// The question asking, in a quarterly round of the plan's year, how sub-goal `number` (from
/// 1) is going on a 1–5 scale; worded by the caller. Optional and private, like the grid.
pub fn rating_question(
    number: usize,
    text: Localized,
    label: Localized,
    (low, high): (Localized, Localized),
) -> Question {
    let kind = QuestionKind::Scale { low, high };
    Question {
        id: QuestionId::parse(&format!("{RATING_PREFIX}{number}")).expect("a valid question id"),
        max_len: Question::default_max_len(&kind),
        kind,
        text,
        label: Some(label),
        visibility: Visibility::Private,
        required: false,
        milestone: false,
        periods: false,
        capsule: false,
        recall: None,
    }
}

/// The sub-goal (0-based) a rating question's id is about, if it is one.
pub fn rated_goal(question_id: &str) -> Option<usize> {
    let number: usize = question_id.strip_prefix(RATING_PREFIX)?.parse().ok()?;
    (1..=SIDE).contains(&number).then(|| number - 1)
}
