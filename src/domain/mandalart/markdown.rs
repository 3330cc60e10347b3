//! A grid as a Markdown table of nine columns, the way it is laid out on paper: sub-goals and
//! the centre in bold, empty cells blank, `|` in a cell escaped.

use super::Grid;
use super::layout::is_goal;

impl Grid {
    /// The 9×9 table under a header row of blank cells (Markdown tables need a header), so the
    /// nine rows of the grid stay nine rows.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!("|{}\n", "   |".repeat(9)));
        out.push_str(&format!("|{}\n", ":-:|".repeat(9)));
        for row in self.rows() {
            out.push('|');
            for (cell, text) in row {
                let text = text.replace('|', "\\|");
                match (text.is_empty(), is_goal(cell)) {
                    (true, _) => out.push_str("   "),
                    (false, true) => out.push_str(&format!(" **{text}** ")),
                    (false, false) => out.push_str(&format!(" {text} ")),
                }
                out.push('|');
            }
            out.push('\n');
        }
        out
    }
}
