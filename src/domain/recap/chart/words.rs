//! The words on and about the charts, from the reader's [`RecapWords`]: titles, axis labels,
//! and the alt text that says in a sentence or two what a chart shows, for a reader who cannot
//! see it.

use chrono::{Datelike, NaiveDate};

use super::super::Scope;
use super::super::words::{self as recap_words, RecapWords, fill, num};
use super::Look;
use crate::domain::milestone::PhaseUnit;

/// `text` cut to at most `max` characters, with `…` where it was cut.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// A month tick: `Mar` / `3월`, with the year when asked (`Jan 2027` / `2027년 1월`).
pub(super) fn month(date: NaiveDate, with_year: bool, words: &RecapWords) -> String {
    let w = &words.dates;
    let name = recap_words::month_short(w, date.month());
    if with_year {
        fill(
            &w.month_year,
            &[("month", name), ("year", &num(date.year()))],
        )
    } else {
        name.to_string()
    }
}

/// A day, short: `Mar 4` / `3월 4일`.
pub(super) fn day(date: NaiveDate, words: &RecapWords) -> String {
    recap_words::day(date, words)
}

/// The short name of the calendar period starting on `date` (a recap cut by calendar):
/// `Q2` / `2분기`, `May` / `5월`, else the day.
pub(super) fn calendar(date: NaiveDate, unit: PhaseUnit, words: &RecapWords) -> String {
    match unit {
        PhaseUnit::Quarters => recap_words::quarter_short(date.month(), words),
        PhaseUnit::Months => month(date, date.month() == 1, words),
        _ => day(date, words),
    }
}

/// A day in an alt text: `Mar 4` / `3월 4일`, with its year when `span` crosses one.
pub(super) fn when(date: NaiveDate, span: (NaiveDate, NaiveDate), words: &RecapWords) -> String {
    if span.0.year() == span.1.year() {
        recap_words::day(date, words)
    } else {
        recap_words::full_day(date, words)
    }
}

/// A trend chart's title.
pub(super) fn trend_title(question: &str, period: &str) -> String {
    format!("{question} — {period}")
}

/// The participation chart's title.
pub(super) fn participation_title(scope: Scope, period: &str, words: &RecapWords) -> String {
    let w = &words.chart;
    let template = match scope {
        Scope::Me => &w.participation_me,
        Scope::Team => &w.participation_team,
    };
    fill(template, &[("period", period)])
}

/// The legend of the participation chart: answered, and what a red bar means (one's own
/// round not answered; a team's round where half or fewer answered).
pub(super) fn legend(scope: Scope, words: &RecapWords) -> &[String; 2] {
    match scope {
        Scope::Me => &words.chart.legend_me,
        Scope::Team => &words.chart.legend_team,
    }
}

/// What a trend chart shows, for its alt text.
pub(super) struct TrendFacts<'a> {
    pub question: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rounds: usize,
    pub average: f64,
    pub words: (&'a str, &'a str),
    pub lowest: (f64, NaiveDate),
    pub highest: (f64, NaiveDate),
}

/// The alt text of a trend chart.
pub(super) fn trend_alt(f: &TrendFacts, marks: &str, look: &Look) -> String {
    let words = look.words;
    let day = |d: NaiveDate| when(d, look.span, words);
    let (low, high) = f.words;
    let one = |x: f64| format!("{x:.1}");
    let args = [
        ("question", f.question.to_string()),
        ("from", day(f.from)),
        ("to", day(f.to)),
        ("rounds", num(f.rounds)),
        ("average", one(f.average)),
        ("low", low.to_string()),
        ("high", high.to_string()),
        ("lowest", one(f.lowest.0)),
        ("lowest_on", day(f.lowest.1)),
        ("highest", one(f.highest.0)),
        ("highest_on", day(f.highest.1)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    with_marks(fill(&words.chart.trend_alt, &args), marks, words)
}

/// What the participation chart shows, for its alt text.
pub(super) struct ParticipationFacts {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rounds: usize,
    pub full: usize,
    pub gaps: Vec<(NaiveDate, NaiveDate, usize)>,
    pub fall: Option<(u32, u32)>,
}

/// The alt text of the participation chart.
pub(super) fn participation_alt(
    f: &ParticipationFacts,
    scope: Scope,
    marks: &str,
    look: &Look,
) -> String {
    let words = look.words;
    let w = &words.chart;
    let (summary, gaps_said) = match scope {
        Scope::Me => (&w.participation_alt_me, &w.gaps_me),
        Scope::Team => (&w.participation_alt_team, &w.gaps_team),
    };
    let (from, to) = (when(f.from, look.span, words), when(f.to, look.span, words));
    let mut text = fill(
        summary,
        &[
            ("from", &from),
            ("to", &to),
            ("full", &num(f.full)),
            ("rounds", &num(f.rounds)),
        ],
    );
    if !f.gaps.is_empty() {
        let gaps: Vec<String> = f.gaps.iter().map(|g| gap(*g, look)).collect();
        text.push(' ');
        text.push_str(&fill(gaps_said, &[("gaps", &gaps.join(", "))]));
    }
    if let Some((first, last)) = f.fall {
        text.push(' ');
        text.push_str(&fill(
            &w.fall,
            &[("first", &num(first)), ("last", &num(last))],
        ));
    }
    with_marks(text, marks, words)
}

fn gap((from, to, rounds): (NaiveDate, NaiveDate, usize), look: &Look) -> String {
    let words = look.words;
    let (from, to) = (when(from, look.span, words), when(to, look.span, words));
    if rounds == 1 {
        return from;
    }
    let args = [
        ("from", from.as_str()),
        ("to", &to),
        ("rounds", &num(rounds)),
    ];
    fill(&words.chart.gap_rounds, &args)
}

/// The boundaries named at the end of an alt text, e.g. `2026-09-14 Reorganisation`.
fn with_marks(mut text: String, marks: &str, words: &RecapWords) -> String {
    if !marks.is_empty() {
        text.push(' ');
        text.push_str(&fill(&words.chart.marks, &[("marks", marks)]));
    }
    text
}
