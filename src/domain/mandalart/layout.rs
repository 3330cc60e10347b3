//! Where each part of a grid sits on the 9×9 sheet: the centre block holds the goal with its
//! sub-goals around it; each outer block repeats its sub-goal in its own centre with the
//! sub-goal's actions around it. Numbering (sub-goal 1–8, action 1–8) reads around a block
//! row by row, skipping its centre: 1 2 3 / 4 · 5 / 6 7 8.

use super::{Grid, SIDE};

/// Cells on a side of the sheet.
pub const CELLS: usize = 9;

/// What one cell of the sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The centre goal.
    Centre,
    /// Sub-goal `n` (0-based), in the centre block or in the centre of its own block.
    Goal(usize),
    /// Action `a` (0-based) of sub-goal `g` (0-based).
    Action(usize, usize),
}

/// The position 0–8 within a 3×3 block (reading order) of the `n`th (0-based) of the eight
/// around its centre.
fn around(n: usize) -> usize {
    if n < 4 { n } else { n + 1 }
}

/// The inverse of [`around`]: `None` for the centre.
fn numbered(position: usize) -> Option<usize> {
    match position {
        4 => None,
        p if p < 4 => Some(p),
        p => Some(p - 1),
    }
}

/// The cell at `row`, `col` (0-based, 0–8).
pub fn cell_at(row: usize, col: usize) -> Cell {
    let block = (row / 3) * 3 + col / 3;
    let inside = (row % 3) * 3 + col % 3;
    match (numbered(block), numbered(inside)) {
        (None, None) => Cell::Centre,
        (None, Some(goal)) | (Some(goal), None) => Cell::Goal(goal),
        (Some(goal), Some(action)) => Cell::Action(goal, action),
    }
}

/// Where sub-goal `goal`'s action `action` sits: `(row, col)`.
pub fn action_at(goal: usize, action: usize) -> (usize, usize) {
    let (block, inside) = (around(goal), around(action));
    ((block / 3) * 3 + inside / 3, (block % 3) * 3 + inside % 3)
}

/// Whether `cell` is one of the eight sub-goals or the centre (drawn stronger).
pub fn is_goal(cell: Cell) -> bool {
    !matches!(cell, Cell::Action(..))
}

impl Grid {
    /// The text of `cell`.
    pub fn text(&self, cell: Cell) -> &str {
        match cell {
            Cell::Centre => &self.centre,
            Cell::Goal(g) => &self.goals[g].title,
            Cell::Action(g, a) => &self.goals[g].actions[a],
        }
    }

    /// The sheet's rows, each of nine cells.
    pub fn rows(&self) -> Vec<Vec<(Cell, &str)>> {
        (0..CELLS)
            .map(|row| {
                (0..CELLS)
                    .map(|col| {
                        let cell = cell_at(row, col);
                        (cell, self.text(cell))
                    })
                    .collect()
            })
            .collect()
    }
}

const _: () = assert!(SIDE == 8);
