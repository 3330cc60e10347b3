//! Recap periods: what a person types after `recap` (`week`, `2026-Q3`, `2026-03-01..2026-06-30`,
//! …), parsed once against "today" in their zone into a range of local dates.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use crate::domain::lang::Lang;

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

/// A period that could not be read; [`PeriodError::message`] says why, with examples.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct PeriodError {
    /// What was typed.
    pub given: String,
}

/// Examples shown with every refused period.
pub const PERIOD_EXAMPLES: &str =
    "week, month, quarter, year, 2026, 2026-Q3, 2026-11, 2026-W21, 2026-03-01..2026-06-30";

impl PeriodError {
    /// The explanation in `lang`, with examples of what works.
    pub fn message(&self, lang: Lang) -> String {
        let given = &self.given;
        match lang {
            Lang::En => format!("{given:?} is not a period I know. Try one of: {PERIOD_EXAMPLES}"),
            Lang::Ko => format!(
                "{given:?}은(는) 알 수 없는 기간이에요. 이렇게 적어 주세요: {PERIOD_EXAMPLES}"
            ),
        }
    }
}

impl Period {
    /// Reads `input` relative to `today` (the reader's local date): the current week, month,
    /// quarter or year, a year `2026`, a quarter `2026-Q3`, a month `2026-11`, an ISO week
    /// `2026-W21`, or an inclusive range `2026-03-01..2026-06-30`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Period, PeriodError> {
        let text = input.trim().to_ascii_lowercase();
        parse_lowercase(&text, today).ok_or_else(|| PeriodError {
            given: input.trim().to_string(),
        })
    }

    /// The day after the last one (for half-open instant ranges).
    pub fn end_exclusive(&self) -> NaiveDate {
        self.to + Duration::days(1)
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

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn week_of(day: NaiveDate) -> Option<Period> {
    let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    Some(Period {
        kind: PeriodKind::Week,
        from,
        to: from + Duration::days(6),
    })
}

fn month(y: i32, m: u32) -> Option<Period> {
    let from = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some(Period {
        kind: PeriodKind::Month,
        from,
        to: next - Duration::days(1),
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
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        date(text).unwrap()
    }

    #[test]
    fn periods_are_read_relative_to_today_and_as_written() {
        // Sunday 2026-11-29.
        let today = d("2026-11-29");
        let rows = [
            (
                "week",
                PeriodKind::Week,
                "2026-11-23",
                "2026-11-29",
                "2026-W48",
            ),
            (
                "Month",
                PeriodKind::Month,
                "2026-11-01",
                "2026-11-30",
                "2026-11",
            ),
            (
                "quarter",
                PeriodKind::Quarter,
                "2026-10-01",
                "2026-12-31",
                "2026-Q4",
            ),
            ("year", PeriodKind::Year, "2026-01-01", "2026-12-31", "2026"),
            ("2026", PeriodKind::Year, "2026-01-01", "2026-12-31", "2026"),
            (
                "2026-Q3",
                PeriodKind::Quarter,
                "2026-07-01",
                "2026-09-30",
                "2026-Q3",
            ),
            (
                "2026-q1",
                PeriodKind::Quarter,
                "2026-01-01",
                "2026-03-31",
                "2026-Q1",
            ),
            (
                "2026-11",
                PeriodKind::Month,
                "2026-11-01",
                "2026-11-30",
                "2026-11",
            ),
            (
                "2024-02",
                PeriodKind::Month,
                "2024-02-01",
                "2024-02-29",
                "2024-02",
            ),
            (
                "2026-12",
                PeriodKind::Month,
                "2026-12-01",
                "2026-12-31",
                "2026-12",
            ),
            (
                "2026-W21",
                PeriodKind::Week,
                "2026-05-18",
                "2026-05-24",
                "2026-W21",
            ),
            (
                "2026-w1",
                PeriodKind::Week,
                "2025-12-29",
                "2026-01-04",
                "2026-W01",
            ),
            (
                "2020-W53",
                PeriodKind::Week,
                "2020-12-28",
                "2021-01-03",
                "2020-W53",
            ),
            (
                " 2026-03-01..2026-06-30 ",
                PeriodKind::Range,
                "2026-03-01",
                "2026-06-30",
                "2026-03-01..2026-06-30",
            ),
            (
                "2026-03-01..2026-03-01",
                PeriodKind::Range,
                "2026-03-01",
                "2026-03-01",
                "2026-03-01..2026-03-01",
            ),
        ];
        for (input, kind, from, to, label) in rows {
            let period = Period::parse(input, today).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(period.kind, kind, "{input}");
            assert_eq!((period.from, period.to), (d(from), d(to)), "{input}");
            assert_eq!(period.label(), label, "{input}");
        }
    }

    #[test]
    fn bad_periods_are_refused_with_examples() {
        let today = d("2026-11-29");
        for input in [
            "",
            "fortnight",
            "26",
            "2026-Q5",
            "2026-Q0",
            "2026-13",
            "2026-00",
            "2026-W54",
            "2025-W53",
            "2026-06-30..2026-03-01",
            "2026-02-30..2026-03-01",
            "2026-1-1..",
            "-2026",
            "2026-",
            "2026-Qx",
            "２０２６",
        ] {
            let error = Period::parse(input, today).expect_err(input);
            assert!(error.message(Lang::En).contains("2026-W21"), "{input}");
            assert!(error.message(Lang::Ko).contains("기간"), "{input}");
        }
    }

    #[test]
    fn the_current_week_starts_on_monday_across_a_year_end() {
        let period = Period::parse("week", d("2027-01-01")).unwrap();
        assert_eq!((period.from, period.to), (d("2026-12-28"), d("2027-01-03")));
        assert_eq!(period.label(), "2026-W53");
    }
}
