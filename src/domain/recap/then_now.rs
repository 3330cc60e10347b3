//! "Then vs now" in a recap: an answer to a question that recalls an earlier one, beside what
//! its author answered there about a year or a quarter before, as a two-column table.

use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::Recap;
use super::inert::inert;
use super::words::full_day;

/// One answer beside the earlier one it recalls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThenNow {
    /// The question's label (the later round's).
    pub question: String,
    /// The recalled question's label, when it is another question of the template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then_question: Option<String>,
    /// The author's name in a team's recap; `None` in one's own.
    pub author: Option<String>,
    /// The earlier round's date.
    pub then_date: NaiveDate,
    /// The earlier answer.
    pub then: String,
    /// The later round's date.
    pub now_date: NaiveDate,
    /// The later answer.
    pub now: String,
}

/// The "Then and now" section: a heading, then for each pair its question (and author) and a
/// table whose columns are dated.
pub(super) fn render(out: &mut String, recap: &Recap) {
    if recap.then_now.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", recap.words.labels.then_now);
    for pair in &recap.then_now {
        match &pair.author {
            Some(author) => {
                let _ = writeln!(out, "### {} — {}\n", pair.question, inert(author));
            }
            None => {
                let _ = writeln!(out, "### {}\n", pair.question);
            }
        }
        let mut then = full_day(pair.then_date, recap.words);
        if let Some(question) = &pair.then_question {
            then = format!("{then} · {question}");
        }
        let now = full_day(pair.now_date, recap.words);
        let _ = writeln!(out, "| {then} | {now} |\n|---|---|");
        let _ = writeln!(out, "| {} | {} |\n", cell(&pair.then), cell(&pair.now));
    }
}

/// An answer as one table cell: each line made inert, `|` escaped, lines joined by `<br>`.
fn cell(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| inert(line).replace('|', "\\|").replace('<', "&lt;"))
        .collect();
    lines.join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_keeps_every_line_and_cannot_break_the_table() {
        assert_eq!(
            cell("Ask early\n\n- a | b\n<b>x</b>"),
            "Ask early<br>- a \\| b<br>&lt;b>x&lt;/b>"
        );
    }
}
