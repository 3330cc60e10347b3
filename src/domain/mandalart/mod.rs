//! A Mandalart (만다라트): a plan for a year laid out as a 9×9 grid: one goal in the centre,
//! eight sub-goals around it, and eight actions around each sub-goal. Cells may stay empty, so a
//! half-filled grid is a grid too; it is kept and filled in later.
//!
//! A grid is typed in parts (its fields): the centre, the eight sub-goals one per line, and the
//! eight actions of each sub-goal one per line. Positions count: a blank line is an empty cell.
//! It is stored as JSON in the answer's text ([`Grid::to_storage`]).

pub mod follow;
pub mod layout;
pub mod markdown;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::domain::answer::strip_bullet;
use crate::domain::template::QuestionId;

/// How many sub-goals surround the centre, and how many actions surround each sub-goal.
pub const SIDE: usize = 8;
/// Cells of a grid that hold text: the centre, 8 sub-goals, 64 actions.
pub const CELLS: usize = 1 + SIDE + SIDE * SIDE;
/// The longest text of one cell, in characters: it has to fit a ninth of a ninth of the page.
pub const CELL_MAX_LEN: usize = 40;

/// A Mandalart: the centre goal and its eight sub-goals, each with eight actions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Grid {
    /// The goal in the middle.
    pub centre: String,
    /// The sub-goals, numbered 1 to 8 in reading order around the centre.
    pub goals: [Goal; SIDE],
}

/// A sub-goal and the actions that serve it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Goal {
    /// The sub-goal; empty while not written.
    pub title: String,
    /// Its actions, numbered 1 to 8 in reading order around it; empty ones are not written yet.
    pub actions: [String; SIDE],
}

/// One part of a grid as it is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The centre goal, one line.
    Centre,
    /// The eight sub-goals, one per line.
    Goals,
    /// The actions of sub-goal `n` (0-based), one per line.
    Actions(usize),
}

/// Why a part of a grid was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// More than eight lines.
    #[error("{given} lines; a part of a Mandalart holds at most 8")]
    TooManyLines {
        /// How many lines were given (trailing blank lines not counted).
        given: usize,
    },
    /// A cell's text over [`CELL_MAX_LEN`] characters.
    #[error("line {line} is {chars} characters; a cell holds at most {limit}")]
    CellTooLong {
        /// The line, from 1.
        line: usize,
        /// Its length, in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
}

impl Part {
    /// Every part in the order a form asks them.
    pub fn all() -> impl Iterator<Item = Part> {
        [Part::Centre, Part::Goals]
            .into_iter()
            .chain((0..SIDE).map(Part::Actions))
    }

    /// The form field that holds this part of `question`'s grid: `plan.centre`, `plan.goals`,
    /// `plan.3` (a dot never appears in a question id, so no field is mistaken for another).
    pub fn field_id(self, question: &QuestionId) -> String {
        match self {
            Part::Centre => format!("{question}.centre"),
            Part::Goals => format!("{question}.goals"),
            Part::Actions(n) => format!("{question}.{}", n + 1),
        }
    }

    /// The part of `question`'s grid a form field holds, if it holds one.
    pub fn of_field(question: &QuestionId, field: &str) -> Option<Part> {
        let rest = field.strip_prefix(question.as_str())?.strip_prefix('.')?;
        match rest {
            "centre" => Some(Part::Centre),
            "goals" => Some(Part::Goals),
            number => match number.parse::<usize>() {
                Ok(n) if (1..=SIDE).contains(&n) && n.to_string() == number => {
                    Some(Part::Actions(n - 1))
                }
                _ => None,
            },
        }
    }

    /// The most characters the part's field takes: its cells and a line break between each.
    pub fn input_len(self) -> usize {
        match self {
            Part::Centre => CELL_MAX_LEN,
            Part::Goals | Part::Actions(_) => SIDE * (CELL_MAX_LEN + 1),
        }
    }
}

impl Grid {
    /// Replaces one part with what was typed for it.
    pub fn set(&mut self, part: Part, raw: &str) -> Result<(), GridError> {
        match part {
            Part::Centre => {
                let text = one_line(raw);
                check_cell(1, &text)?;
                self.centre = text;
            }
            Part::Goals => {
                let cells = cells(raw)?;
                for (goal, title) in self.goals.iter_mut().zip(cells) {
                    goal.title = title;
                }
            }
            Part::Actions(n) => self.goals[n].actions = cells(raw)?,
        }
        Ok(())
    }

    /// A part as its field shows it: the cells one per line, blank lines for empty cells in
    /// between (never after the last written one).
    pub fn value(&self, part: Part) -> String {
        match part {
            Part::Centre => self.centre.clone(),
            Part::Goals => lines(self.goals.iter().map(|g| g.title.as_str())),
            Part::Actions(n) => lines(self.goals[n].actions.iter().map(String::as_str)),
        }
    }

    /// Whether no cell is written.
    pub fn is_empty(&self) -> bool {
        self.filled() == 0
    }

    /// How many cells are written, of [`CELLS`].
    pub fn filled(&self) -> usize {
        let written = |s: &String| usize::from(!s.is_empty());
        written(&self.centre)
            + self
                .goals
                .iter()
                .map(|g| written(&g.title) + g.actions.iter().map(written).sum::<usize>())
                .sum::<usize>()
    }

    /// The centre goal and the named sub-goals, as a short list for digests.
    pub fn outline(&self) -> Vec<String> {
        std::iter::once(&self.centre)
            .chain(self.goals.iter().map(|g| &g.title))
            .filter(|text| !text.is_empty())
            .cloned()
            .collect()
    }

    /// The stored form: JSON.
    pub fn to_storage(&self) -> String {
        serde_json::to_string(self).expect("a grid of strings serializes")
    }

    /// Reads back what [`Grid::to_storage`] wrote; `None` for anything else.
    pub fn from_storage(stored: &str) -> Option<Grid> {
        let grid: Grid = serde_json::from_str(stored).ok()?;
        let cells = std::iter::once(&grid.centre).chain(
            grid.goals
                .iter()
                .flat_map(|g| std::iter::once(&g.title).chain(g.actions.iter())),
        );
        let fits = cells
            .into_iter()
            .all(|c| c.chars().count() <= CELL_MAX_LEN && !c.contains('\n'));
        fits.then_some(grid)
    }
}

/// Text typed for one cell: its lines joined by spaces, trimmed.
fn one_line(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_cell(line: usize, text: &str) -> Result<(), GridError> {
    let chars = text.chars().count();
    if chars > CELL_MAX_LEN {
        return Err(GridError::CellTooLong {
            line,
            chars,
            limit: CELL_MAX_LEN,
        });
    }
    Ok(())
}

/// Eight cells from lines typed one per cell (bullets dropped, blank lines empty cells).
fn cells(raw: &str) -> Result<[String; SIDE], GridError> {
    let mut typed: Vec<String> = raw.lines().map(|l| one_line(strip_bullet(l))).collect();
    while typed.last().is_some_and(String::is_empty) {
        typed.pop();
    }
    if typed.len() > SIDE {
        return Err(GridError::TooManyLines { given: typed.len() });
    }
    let mut out: [String; SIDE] = Default::default();
    for (index, text) in typed.into_iter().enumerate() {
        check_cell(index + 1, &text)?;
        out[index] = text;
    }
    Ok(out)
}

fn lines<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let cells: Vec<&str> = cells.collect();
    let used = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    cells[..used].join("\n")
}
