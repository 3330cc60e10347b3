//! Cutting a recap's span into the periods a person would name: at the milestones its reader
//! may see, else by calendar (quarters for a year, months for a quarter); a period shorter than
//! two weeks joins its neighbour; a span of six weeks or less stays whole.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::{Milestone, Reader};

/// A span of at most this many days stays whole.
pub const WHOLE_UP_TO_DAYS: i64 = 42;
/// A period shorter than this many days joins its neighbour.
pub const MIN_PHASE_DAYS: i64 = 14;
/// Without milestones, a span of at least this many days is cut by quarters, a shorter one by
/// months.
pub const QUARTERS_FROM_DAYS: i64 = 180;

/// How a span was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseUnit {
    /// Not cut (six weeks or less).
    Whole,
    /// At milestones.
    Milestones,
    /// By calendar months (no milestone).
    Months,
    /// By calendar quarters (no milestone).
    Quarters,
}

/// One period of a recap: its days and the milestones that fall in it, oldest first (the first
/// one opened it, unless a short stretch before it was joined on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// The milestones the reader may see within it.
    pub milestones: Vec<Milestone>,
}

impl Phase {
    /// Its length in days.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The milestone that opened it (the first within it), if any.
    pub fn opened_by(&self) -> Option<&Milestone> {
        self.milestones.first()
    }
}

/// The periods of `from..=to` for `reader`: cut at the milestones that cut for them (see
/// [`Milestone::cuts_for`]), or by calendar without one; they cover the span without gaps.
pub fn phases(
    from: NaiveDate,
    to: NaiveDate,
    milestones: &[Milestone],
    reader: Reader,
) -> (PhaseUnit, Vec<Phase>) {
    let mut cutting: Vec<Milestone> = milestones
        .iter()
        .filter(|m| m.cuts_for(reader) && from <= m.date && m.date <= to)
        .cloned()
        .collect();
    cutting.sort_by(|a, b| (a.date, a.text.as_str()).cmp(&(b.date, b.text.as_str())));
    let span = (to - from).num_days() + 1;
    let (unit, starts) = if span <= WHOLE_UP_TO_DAYS {
        (PhaseUnit::Whole, vec![from])
    } else if !cutting.is_empty() {
        let mut starts = vec![from];
        starts.extend(cutting.iter().map(|m| m.date).filter(|&d| d > from));
        starts.dedup();
        (PhaseUnit::Milestones, starts)
    } else if span >= QUARTERS_FROM_DAYS {
        (PhaseUnit::Quarters, calendar_starts(from, to, 3))
    } else {
        (PhaseUnit::Months, calendar_starts(from, to, 1))
    };
    let mut list: Vec<Phase> = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = starts
                .get(i + 1)
                .map_or(to, |&next| next - Duration::days(1));
            Phase {
                from: start,
                to: end,
                milestones: cutting
                    .iter()
                    .filter(|m| start <= m.date && m.date <= end)
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    join_short(&mut list);
    (unit, list)
}

/// `from`, then the first day of every block of `months` calendar months (aligned to the year)
/// up to `to`.
fn calendar_starts(from: NaiveDate, to: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let mut starts = vec![from];
    let (mut year, mut month) = (from.year(), (from.month0() / months) * months + 1);
    loop {
        month += months;
        if month > 12 {
            month -= 12;
            year += 1;
        }
        let Some(start) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return starts;
        };
        if start > to {
            return starts;
        }
        starts.push(start);
    }
}

/// Joins every period shorter than [`MIN_PHASE_DAYS`] to the one after it (the last one to the
/// one before), until none is short or one is left.
fn join_short(list: &mut Vec<Phase>) {
    while list.len() > 1 {
        let Some(short) = list.iter().position(|p| p.days() < MIN_PHASE_DAYS) else {
            return;
        };
        let (keep, gone) = if short + 1 < list.len() {
            (short + 1, short)
        } else {
            (short - 1, short)
        };
        let gone = list.remove(gone);
        let keep = if keep > short { keep - 1 } else { keep };
        let into = &mut list[keep];
        into.from = into.from.min(gone.from);
        into.to = into.to.max(gone.to);
        into.milestones.extend(gone.milestones);
        into.milestones.sort_by_key(|m| m.date);
    }
}
