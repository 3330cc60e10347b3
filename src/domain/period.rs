//! Recap periods: what a person types after `recap` (`week`, `2026-Q3`, `2026-03-01..2026-06-30`,
//! …), parsed once against "today" in their zone into a range of local dates.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

/// The granularity a period was asked in; it decides how a recap divides its timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    /// An ISO week (Monday to Sunday).
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
    /// Any range of days.
    Range,
}

/// A range of local dates, `from` and `to` both included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// How it was asked.
    pub kind: PeriodKind,
    /// First day.
    pub from: NaiveDate,
    /// Last day (included).
    pub to: NaiveDate,
}

/// The first and last years a period may touch: what hoego can hold, and far beyond any team's
/// answers, so no date arithmetic on a period can overflow.
pub const YEARS: (i32, i32) = (1970, 2100);

/// The longest period, in years: a recap over more is refused (it would be built, and read, for
/// nothing).
pub const MAX_YEARS: i32 = 10;

/// Why a period was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// Not a period hoego can read.
    Unknown,
    /// A day before 1970 or after 2100.
    OutOfRange,
    /// Longer than [`MAX_YEARS`] years.
    TooLong,
}

/// A period that could not be read. Its `Display` is a short English account for logs; people
/// are told why, with examples, through the catalogs (`service::i18n::worded`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not a period hoego can use ({problem:?})")]
pub struct PeriodError {
    /// What was typed (at most [`SHOWN_CHARS`] characters of it).
    pub given: String,
    /// What is wrong with it.
    pub problem: PeriodProblem,
}

/// How much of a refused period is repeated back.
pub const SHOWN_CHARS: usize = 40;

/// Examples shown with every refused period.
pub const PERIOD_EXAMPLES: &str =
    "week, month, quarter, year, 2026, 2026-Q3, 2026-11, 2026-W21, 2026-03-01..2026-06-30";

impl PeriodError {
    fn new(input: &str, problem: PeriodProblem) -> PeriodError {
        let input = input.trim();
        let mut given: String = input.chars().take(SHOWN_CHARS).collect();
        if given.len() < input.len() {
            given.push('…');
        }
        PeriodError { given, problem }
    }
}

impl Period {
    /// Reads `input` relative to `today` (the reader's local date): the current week, month,
    /// quarter or year, a year `2026`, a quarter `2026-Q3`, a month `2026-11`, an ISO week
    /// `2026-W21`, or an inclusive range `2026-03-01..2026-06-30`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Period, PeriodError> {
        let text = input.trim().to_ascii_lowercase();
        let period = parse_lowercase(&text, today)
            .ok_or_else(|| PeriodError::new(input, PeriodProblem::Unknown))?;
        period
            .check()
            .map_err(|problem| PeriodError::new(input, problem))
    }

    /// The period if it lies within [`YEARS`] and spans at most [`MAX_YEARS`] years.
    fn check(self) -> Result<Period, PeriodProblem> {
        let (first, last) = YEARS;
        if self.from.year() < first || self.to.year() > last {
            return Err(PeriodProblem::OutOfRange);
        }
        let limit = self
            .from
            .checked_add_months(Months::new(MAX_YEARS as u32 * 12))
            .ok_or(PeriodProblem::OutOfRange)?;
        if self.to >= limit {
            return Err(PeriodProblem::TooLong);
        }
        Ok(self)
    }

    /// The day after the last one (for half-open instant ranges); the last day itself at the
    /// end of the calendar, which no checked period reaches.
    pub fn end_exclusive(&self) -> NaiveDate {
        self.to.succ_opt().unwrap_or(self.to)
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The period's short name: `2026`, `2026-Q3`, `2026-11`, `2026-W21` or `from..to`.
    pub fn label(&self) -> String {
        let (year, month) = (self.from.year(), self.from.month());
        match self.kind {
            PeriodKind::Year => year.to_string(),
            PeriodKind::Quarter => format!("{year}-Q{}", (month - 1) / 3 + 1),
            PeriodKind::Month => format!("{year}-{month:02}"),
            PeriodKind::Week => {
                let week = self.from.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            PeriodKind::Range => format!("{}..{}", self.from, self.to),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

fn parse_lowercase(text: &str, today: NaiveDate) -> Option<Period> {
    match text {
        "week" | "this-week" => return week_of(today),
        "month" => return month(today.year(), today.month()),
        "quarter" => return quarter(today.year(), (today.month() - 1) / 3 + 1),
        "year" => return year(today.year()),
        _ => {}
    }
    if let Some((from, to)) = text.split_once("..") {
        let (from, to) = (date(from)?, date(to)?);
        return (from <= to).then_some(Period {
            kind: PeriodKind::Range,
            from,
            to,
        });
    }
    let (head, tail) = match text.split_once('-') {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    let y = four_digits(head)?;
    match tail {
        None => year(y),
        Some(t) if t.starts_with('q') => quarter(y, small_number(&t[1..], 1)?),
        Some(t) if t.starts_with('w') => week_of(NaiveDate::from_isoywd_opt(
            y,
            small_number(&t[1..], 2)?,
            Weekday::Mon,
        )?),
        Some(t) => month(y, small_number(t, 2)?),
    }
}

fn four_digits(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn small_number(text: &str, max_digits: usize) -> Option<u32> {
    let ok =
        !text.is_empty() && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

/// A `YYYY-MM-DD` date; a longer text is no date, and is not read.
fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() > 16 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn week_of(day: NaiveDate) -> Option<Period> {
    let back = Days::new(u64::from(day.weekday().num_days_from_monday()));
    let from = day.checked_sub_days(back)?;
    Some(Period {
        kind: PeriodKind::Week,
        from,
        to: from.checked_add_days(Days::new(6))?,
    })
}

fn month(y: i32, m: u32) -> Option<Period> {
    let from = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = from.checked_add_months(Months::new(1))?;
    Some(Period {
        kind: PeriodKind::Month,
        from,
        to: next.pred_opt()?,
    })
}

fn quarter(y: i32, q: u32) -> Option<Period> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = month(y, (q - 1) * 3 + 1)?;
    let last = month(y, q * 3)?;
    Some(Period {
        kind: PeriodKind::Quarter,
        from: first.from,
        to: last.to,
    })
}

fn year(y: i32) -> Option<Period> {
    Some(Period {
        kind: PeriodKind::Year,
        from: NaiveDate::from_ymd_opt(y, 1, 1)?,
        to: NaiveDate::from_ymd_opt(y, 12, 31)?,
    })
}

#[cfg(test)]
mod tests;
