//! How a period divides into the sections of its timeline: a year into quarters, a quarter
//! into months, a month into weeks; a range by its length.

use chrono::{Datelike, Duration, NaiveDate};

use super::words;
use crate::domain::lang::Lang;
use crate::domain::period::{Period, PeriodKind};

/// The unit a timeline is divided in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Whole,
    Week,
    Month,
    Quarter,
}

/// A section's bounds and heading.
pub(super) struct Slot {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub label: String,
}

/// The sections of `period`, in order, covering it without gaps.
pub(super) fn slots(period: &Period, lang: Lang) -> Vec<Slot> {
    let unit = unit_of(period);
    if unit == Unit::Whole {
        return vec![Slot {
            from: period.from,
            to: period.to,
            label: words::period_heading(period, lang),
        }];
    }
    let mut slots = Vec::new();
    let mut start = period.from;
    while start <= period.to {
        let end = end_of(unit, start).min(period.to);
        slots.push(Slot {
            from: start,
            to: end,
            label: words::slot_heading(unit, start, end, lang),
        });
        start = end + Duration::days(1);
    }
    slots
}

fn unit_of(period: &Period) -> Unit {
    match period.kind {
        PeriodKind::Year => Unit::Quarter,
        PeriodKind::Quarter => Unit::Month,
        PeriodKind::Month => Unit::Week,
        PeriodKind::Week => Unit::Whole,
        PeriodKind::Range => match (period.to - period.from).num_days() {
            days if days >= 180 => Unit::Quarter,
            days if days >= 45 => Unit::Month,
            days if days >= 10 => Unit::Week,
            _ => Unit::Whole,
        },
    }
}

/// The last day of the unit that `start` falls in.
fn end_of(unit: Unit, start: NaiveDate) -> NaiveDate {
    let month_end = |year: i32, month: u32| {
        let (y, m) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("a valid month") - Duration::days(1)
    };
    match unit {
        Unit::Whole => start,
        Unit::Week => start + Duration::days(6 - i64::from(start.weekday().num_days_from_monday())),
        Unit::Month => month_end(start.year(), start.month()),
        Unit::Quarter => month_end(start.year(), (start.month() - 1) / 3 * 3 + 3),
    }
}
