//! The words of recaps that depend on their dates: titles, period and phase headings, dates.

use chrono::{Datelike, NaiveDate};

use super::{RecapRequest, Scope};
use crate::domain::lang::{Lang, month_en};
use crate::domain::milestone::{Phase, PhaseUnit};
use crate::domain::period::{Period, PeriodKind};

pub(crate) use super::labels::{Labels, labels, status};

/// A recap's title in natural words, without ids: "Mina's 2026", "2026년 회고".
pub(super) fn title(request: &RecapRequest) -> String {
    let (subject, period) = (
        &request.subject,
        period_heading(&request.period, request.lang),
    );
    // "Core team's 2026", but "Local team's 2026" rather than "Local team team's 2026".
    let named_team = subject.to_lowercase().ends_with("team") || subject.ends_with('팀');
    match (request.scope, request.lang, named_team) {
        (Scope::Me, Lang::En, _) => format!("{subject}'s {period}"),
        (Scope::Me, Lang::Ko, _) => format!("{period} 회고"),
        (Scope::Team, Lang::En, false) => format!("{subject} team's {period}"),
        (Scope::Team, Lang::Ko, false) => format!("{subject} 팀의 {period} 회고"),
        (Scope::Team, Lang::En, true) => format!("{subject}'s {period}"),
        (Scope::Team, Lang::Ko, true) => format!("{subject}의 {period} 회고"),
    }
}

/// A whole period in words: `2026`, `2026 Q3`, `November 2026`, `Week 21, 2026` /
/// `2026년`, `2026년 3분기`, `2026년 11월`, `2026년 21주차`.
pub(super) fn period_heading(period: &Period, lang: Lang) -> String {
    let (y, m) = (period.from.year(), period.from.month());
    match (period.kind, lang) {
        (PeriodKind::Year, Lang::En) => y.to_string(),
        (PeriodKind::Year, Lang::Ko) => format!("{y}년"),
        (PeriodKind::Quarter, Lang::En) => format!("{y} Q{}", (m - 1) / 3 + 1),
        (PeriodKind::Quarter, Lang::Ko) => format!("{y}년 {}분기", (m - 1) / 3 + 1),
        (PeriodKind::Month, Lang::En) => format!("{} {y}", month_en(m)),
        (PeriodKind::Month, Lang::Ko) => format!("{y}년 {m}월"),
        (PeriodKind::Week, Lang::En) => {
            let week = period.from.iso_week();
            format!("Week {}, {}", week.week(), week.year())
        }
        (PeriodKind::Week, Lang::Ko) => {
            let week = period.from.iso_week();
            format!("{}년 {}주차", week.year(), week.week())
        }
        (PeriodKind::Range, _) => range(period.from, period.to, lang),
    }
}

/// A period of the recap: its dates, named as a quarter or month when it is one, and the
/// milestone that opened it ("Apr 6 – Sep 13: First job", "4월 6일 ~ 9월 13일: 첫 출근").
pub(super) fn phase_heading(phase: &Phase, unit: PhaseUnit, lang: Lang) -> String {
    let dates = range(phase.from, phase.to, lang);
    let calendar = calendar_name(phase, unit, lang);
    let named = match calendar {
        Some(name) => format!("{name} · {dates}"),
        None => dates,
    };
    match phase.opened_by() {
        Some(m) if m.date == phase.from => format!("{named}: {}", m.text.as_str()),
        Some(m) => format!("{named}: {} ({})", m.text.as_str(), day(m.date, lang)),
        None => named,
    }
}

/// `Q1` / `1분기` or `January` / `1월` when the phase is exactly that calendar unit.
fn calendar_name(phase: &Phase, unit: PhaseUnit, lang: Lang) -> Option<String> {
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
    Some(match (months, lang) {
        (3, Lang::En) => format!("Q{}", (m - 1) / 3 + 1),
        (3, Lang::Ko) => format!("{}분기", (m - 1) / 3 + 1),
        (_, Lang::En) => month_en(m).to_string(),
        (_, Lang::Ko) => format!("{m}월"),
    })
}

/// A day in a heading: `Apr 6` / `4월 6일` (with its year when `with_year`).
pub(super) fn day(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => date.format("%b %-d").to_string(),
        Lang::Ko => format!("{}월 {}일", date.month(), date.day()),
    }
}

fn day_with_year(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => date.format("%b %-d, %Y").to_string(),
        Lang::Ko => format!("{}년 {}월 {}일", date.year(), date.month(), date.day()),
    }
}

/// `Jan 1 – Apr 5` / `1월 1일 ~ 4월 5일`, with years when it crosses one.
pub(super) fn range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    let show = |d| {
        if from.year() == to.year() {
            day(d, lang)
        } else {
            day_with_year(d, lang)
        }
    };
    match lang {
        Lang::En => format!("{} – {}", show(from), show(to)),
        Lang::Ko => format!("{} ~ {}", show(from), show(to)),
    }
}

/// A resolution's date: `Dec 30, 2025` / `2025년 12월 30일`.
pub(super) fn full_day(date: NaiveDate, lang: Lang) -> String {
    day_with_year(date, lang)
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
