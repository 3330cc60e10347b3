//! The period parser: what it reads, what it refuses, and that no input makes it panic.

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
        assert_eq!(error.problem, PeriodProblem::Unknown, "{input}");
    }
}

#[test]
fn the_current_week_starts_on_monday_across_a_year_end() {
    let period = Period::parse("week", d("2027-01-01")).unwrap();
    assert_eq!((period.from, period.to), (d("2026-12-28"), d("2027-01-03")));
    assert_eq!(period.label(), "2026-W53");
}

#[test]
fn periods_outside_the_years_hoego_holds_are_refused_as_such() {
    let today = d("2026-11-29");
    for input in [
        "-262143-01-01..+262142-09-30",
        "2026-01-01..+262142-12-31",
        "1969-12-31..1970-01-05",
        "2101",
        "9999-Q4",
        "0001-W01",
        "2100-12-31..2101-01-01",
    ] {
        let error = Period::parse(input, today).expect_err(input);
        assert_eq!(error.problem, PeriodProblem::OutOfRange, "{input}");
    }
    for input in ["..+262142-12-31", "+262142-12-31.."] {
        assert!(Period::parse(input, today).is_err(), "{input}");
    }
}

#[test]
fn a_period_of_more_than_ten_years_is_refused_and_ten_is_not() {
    let today = d("2026-11-29");
    let ten = Period::parse("2017-01-01..2026-12-31", today).unwrap();
    assert_eq!((ten.from, ten.to), (d("2017-01-01"), d("2026-12-31")));
    let error = Period::parse("2017-01-01..2027-01-01", today).expect_err("eleven");
    assert_eq!(error.problem, PeriodProblem::TooLong);
}

#[test]
fn the_edges_of_the_years_held_are_read_without_overflow() {
    for (input, today) in [
        ("week", "1970-01-01"),
        ("week", "2100-12-31"),
        ("month", "2100-12-31"),
        ("2100-W52", "2026-01-01"),
        ("1970-W01", "2026-01-01"),
    ] {
        if let Ok(period) = Period::parse(input, d(today)) {
            assert!(period.end_exclusive() > period.to, "{input}");
        }
    }
    let last = Period::parse("2100-12", d("2026-01-01")).unwrap();
    assert_eq!(last.end_exclusive(), d("2101-01-01"));
}

#[test]
fn a_long_refused_period_is_repeated_back_shortened() {
    let input = "x".repeat(10_000);
    let error = Period::parse(&input, d("2026-11-29")).expect_err("junk");
    assert!(error.given.chars().count() <= SHOWN_CHARS + 1);
    assert!(error.given.ends_with('…'));
}
