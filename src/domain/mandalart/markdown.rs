//! A grid as a Markdown table of nine columns, the way it is laid out on paper: sub-goals and
//! the centre in bold, empty cells blank, `|` in a cell escaped. With its follow-through, each
//! checked action starts with its status's mark and each rated sub-goal ends with its rating.

use super::Grid;
use super::follow::{ActionRef, ActionStatus, Marks};
use super::layout::{Cell, is_goal};

/// The mark a checked action's cell starts with.
pub fn mark(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Done => "✅",
        ActionStatus::Partial => "🔸",
        ActionStatus::NotYet => "⏳",
    }
}

impl Grid {
    /// The 9×9 table under a header row of blank cells (Markdown tables need a header), so the
    /// nine rows of the grid stay nine rows.
    pub fn markdown(&self) -> String {
        self.markdown_with(&Marks::default())
    }

    /// The table with the statuses and ratings of `marks`.
    pub fn markdown_with(&self, marks: &Marks) -> String {
        let mut out = String::new();
        out.push_str(&format!("|{}\n", "   |".repeat(9)));
        out.push_str(&format!("|{}\n", ":-:|".repeat(9)));
        for row in self.rows() {
            out.push('|');
            for (cell, text) in row {
                let text = text.replace('|', "\\|");
                match (text.is_empty(), is_goal(cell)) {
                    (true, _) => out.push_str("   "),
                    (false, true) => out.push_str(&format!(" **{text}**{} ", rating(cell, marks))),
                    (false, false) => out.push_str(&format!(" {}{text} ", status(cell, marks))),
                }
                out.push('|');
            }
            out.push('\n');
        }
        out
    }
}

fn status(cell: Cell, marks: &Marks) -> String {
    let Cell::Action(goal, action) = cell else {
        return String::new();
    };
    match marks.status(ActionRef { goal, action }) {
        Some(status) => format!("{} ", mark(status)),
        None => String::new(),
    }
}

fn rating(cell: Cell, marks: &Marks) -> String {
    match cell {
        Cell::Goal(goal) => marks.ratings[goal].map_or(String::new(), |r| format!(" ({r}/5)")),
        _ => String::new(),
    }
}
