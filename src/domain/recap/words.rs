//! The words of recaps that depend on their dates: titles, period and phase headings, dates,
//! each put together from the reader's [`RecapWords`].

use chrono::{Datelike, NaiveDate};

use super::{RecapRequest, Scope};
use crate::domain::milestone::{Phase, PhaseUnit};
use crate::domain::period::{Period, PeriodKind};

pub(crate) use super::labels::num;
pub use super::labels::{DateWords, Labels, RecapWords, fill};

/// A recap's title in natural words, without ids: "Mina's 2026", "Core 팀의 2026년 돌아보기".
pub(super) fn title(request: &RecapRequest) -> String {
    let w = &request.words.dates;
    let subject = request.subject.as_str();
    let period = period_heading(&request.period, request.words);
    // "Core team's 2026", but "Local team's 2026" rather than "Local team team's 2026".
    let named_team = !w.team_word.is_empty() && subject.to_lowercase().ends_with(&w.team_word);
    let template = match (request.scope, named_team) {
        (Scope::Me, _) => &w.title_me,
        (Scope::Team, false) => &w.title_team,
        (Scope::Team, true) => &w.title_named_team,
    };
    fill(template, &[("subject", subject), ("period", &period)])
}

/// A whole period in words: `2026`, `2026 Q3`, `November 2026`, `Week 21, 2026` /
/// `2026년`, `2026년 3분기`, `2026년 11월`, `2026년 21주차`.
pub(super) fn period_heading(period: &Period, words: &RecapWords) -> String {
    let w = &words.dates;
    let (y, m) = (period.from.year(), period.from.month());
    let year = num(y);
    match period.kind {
        PeriodKind::Year => fill(&w.year, &[("year", &year)]),
        PeriodKind::Quarter => fill(
            &w.quarter,
            &[("year", &year), ("quarter", &num((m - 1) / 3 + 1))],
        ),
        PeriodKind::Month => fill(&w.month_year, &[("month", month(w, m)), ("year", &year)]),
        PeriodKind::Week => {
            let week = period.from.iso_week();
            fill(
                &w.week,
                &[("week", &num(week.week())), ("year", &num(week.year()))],
            )
        }
        PeriodKind::Range => range(period.from, period.to, words),
    }
}

/// A month's name (`m` from 1).
fn month(w: &DateWords, m: u32) -> &str {
    &w.months[(m as usize - 1) % 12]
}

/// A month's short name (`m` from 1).
pub(super) fn month_short(w: &DateWords, m: u32) -> &str {
    &w.months_short[(m as usize - 1) % 12]
}

/// A period of the recap: its dates, named as a quarter or month when it is one, and the
/// milestone that opened it ("Apr 6 – Sep 13: First job", "4월 6일 ~ 9월 13일: 첫 출근").
pub(super) fn phase_heading(phase: &Phase, unit: PhaseUnit, words: &RecapWords) -> String {
    let dates = range(phase.from, phase.to, words);
    let calendar = calendar_name(phase, unit, words);
    let named = match calendar {
        Some(name) => format!("{name} · {dates}"),
        None => dates,
    };
    match phase.opened_by() {
        Some(m) if m.date == phase.from => format!("{named}: {}", m.text.as_str()),
        Some(m) => format!("{named}: {} ({})", m.text.as_str(), day(m.date, words)),
        None => named,
    }
}

/// `Q1` / `1분기` or `January` / `1월` when the phase is exactly that calendar unit.
fn calendar_name(phase: &Phase, unit: PhaseUnit, words: &RecapWords) -> Option<String> {
    let (from, to) = (phase.from, phase.to);
    let next = |months: u32| {
        let m0 = from.month0() + months;
        NaiveDate::from_ymd_opt(from.year() + (m0 / 12) as i32, m0 % 12 + 1, 1)
    };
    let months = match unit {
        PhaseUnit::Quarters if from.month0() % 3 == 0 => 3,
        PhaseUnit::Months => 1,
        _ => return None,
    };
    if from.day() != 1 || next(months)?.pred_opt()? != to {
        return None;
    }
    let m = from.month();
    Some(match months {
        3 => quarter_short(m, words),
        _ => month(&words.dates, m).to_string(),
    })
}

/// The quarter month `m` (from 1) falls in, short: `Q2` / `2분기`.
pub(super) fn quarter_short(m: u32, words: &RecapWords) -> String {
    fill(
        &words.dates.quarter_short,
        &[("quarter", &num((m - 1) / 3 + 1))],
    )
}

/// A day in a heading: `Apr 6` / `4월 6일`.
pub(super) fn day(date: NaiveDate, words: &RecapWords) -> String {
    let w = &words.dates;
    fill(
        &w.day,
        &[
            ("month", month_short(w, date.month())),
            ("day", &num(date.day())),
        ],
    )
}

/// A day with its year: `Dec 30, 2025` / `2025년 12월 30일`.
pub(super) fn full_day(date: NaiveDate, words: &RecapWords) -> String {
    let w = &words.dates;
    let args = [
        ("month", month_short(w, date.month())),
        ("day", &num(date.day())),
        ("year", &num(date.year())),
    ];
    fill(&w.day_year, &args)
}

/// `Jan 1 – Apr 5` / `1월 1일 ~ 4월 5일`, with years when it crosses one.
pub(super) fn range(from: NaiveDate, to: NaiveDate, words: &RecapWords) -> String {
    let show = |d| {
        if from.year() == to.year() {
            day(d, words)
        } else {
            full_day(d, words)
        }
    };
    fill(
        &words.dates.range,
        &[("from", &show(from)), ("to", &show(to))],
    )
}

/// A condensed line's dates: `5/20` or `5/20–8/2`.
pub(super) fn span(first: NaiveDate, last: NaiveDate) -> String {
    let short = |d: NaiveDate| format!("{}/{}", d.month(), d.day());
    if first == last {
        short(first)
    } else {
        format!("{}–{}", short(first), short(last))
    }
}
