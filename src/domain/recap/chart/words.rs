//! The words on and about the charts in each language: titles, axis labels, and the alt text
//! that says in a sentence or two what a chart shows, for a reader who cannot see it.

use chrono::{Datelike, NaiveDate};

use super::super::Scope;
use crate::domain::lang::{Lang, month_en_short};
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
pub(super) fn month(date: NaiveDate, with_year: bool, lang: Lang) -> String {
    let (y, m) = (date.year(), date.month());
    match (lang, with_year) {
        (Lang::En, false) => month_en_short(m).to_string(),
        (Lang::En, true) => format!("{} {y}", month_en_short(m)),
        (Lang::Ko, false) => format!("{m}월"),
        (Lang::Ko, true) => format!("{y}년 {m}월"),
    }
}

/// A day, short: `Mar 4` / `3/4`.
pub(super) fn day(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}", month_en_short(date.month()), date.day()),
        Lang::Ko => format!("{}/{}", date.month(), date.day()),
    }
}

/// The short name of the calendar period starting on `date` (a recap cut by calendar):
/// `Q2` / `2분기`, `May` / `5월`, else the day.
pub(super) fn calendar(date: NaiveDate, unit: PhaseUnit, lang: Lang) -> String {
    let quarter = date.month0() / 3 + 1;
    match (unit, lang) {
        (PhaseUnit::Quarters, Lang::En) => format!("Q{quarter}"),
        (PhaseUnit::Quarters, Lang::Ko) => format!("{quarter}분기"),
        (PhaseUnit::Months, _) => month(date, date.month() == 1, lang),
        _ => day(date, lang),
    }
}

/// The label of a suggested turning point's line.
pub(super) fn suggested(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Suggested turning point?",
        Lang::Ko => "전환점 제안?",
    }
}

/// A trend chart's title.
pub(super) fn trend_title(question: &str, period: &str) -> String {
    format!("{question} — {period}")
}

/// The participation chart's title.
pub(super) fn participation_title(scope: Scope, period: &str, lang: Lang) -> String {
    match (scope, lang) {
        (Scope::Me, Lang::En) => format!("Rounds answered — {period}"),
        (Scope::Me, Lang::Ko) => format!("답한 회차 — {period}"),
        (Scope::Team, Lang::En) => format!("Share of members who answered — {period}"),
        (Scope::Team, Lang::Ko) => format!("회차별 답변 비율 — {period}"),
    }
}

/// The legend of the participation chart: answered, and what a red bar means (one's own
/// round not answered; a team's round where half or fewer answered).
pub(super) fn legend(scope: Scope, lang: Lang) -> [&'static str; 2] {
    match (scope, lang) {
        (Scope::Me, Lang::En) => ["answered", "no answer"],
        (Scope::Me, Lang::Ko) => ["답함", "답 없음"],
        (Scope::Team, Lang::En) => ["answered", "half or fewer answered"],
        (Scope::Team, Lang::Ko) => ["답함", "절반 이하만 답함"],
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
pub(super) fn trend_alt(facts: &TrendFacts, marks: &str, lang: Lang) -> String {
    let f = facts;
    let (low, high) = f.words;
    let text = match lang {
        Lang::En => format!(
            "Line chart of “{}” from {} to {}, {} rounds: average {:.1} on a scale from 1 ({low}) \
             to 5 ({high}); lowest {:.1} on {}, highest {:.1} on {}.",
            f.question,
            f.from,
            f.to,
            f.rounds,
            f.average,
            f.lowest.0,
            f.lowest.1,
            f.highest.0,
            f.highest.1
        ),
        Lang::Ko => format!(
            "“{}” 선 그래프예요. {}부터 {}까지 {}회차, 평균 {:.1}점이에요(1점은 {low}, 5점은 \
             {high}). 가장 낮았던 때는 {}의 {:.1}점, 가장 높았던 때는 {}의 {:.1}점이에요.",
            f.question,
            f.from,
            f.to,
            f.rounds,
            f.average,
            f.lowest.1,
            f.lowest.0,
            f.highest.1,
            f.highest.0
        ),
    };
    with_marks(text, marks, lang)
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
    lang: Lang,
) -> String {
    let gaps: Vec<String> = f.gaps.iter().map(|g| gap(*g, lang)).collect();
    let gaps = gaps.join(", ");
    let mut text = match (scope, lang) {
        (Scope::Me, Lang::En) => format!(
            "Bar chart of the rounds answered from {} to {}: {} of {} answered.",
            f.from, f.to, f.full, f.rounds
        ),
        (Scope::Team, Lang::En) => format!(
            "Bar chart of the share of members who answered each round from {} to {}: \
             everyone answered in {} of {} rounds.",
            f.from, f.to, f.full, f.rounds
        ),
        (Scope::Me, Lang::Ko) => format!(
            "답한 회차 막대 그래프예요. {}부터 {}까지 {}회차 중 {}회차에 답했어요.",
            f.from, f.to, f.rounds, f.full
        ),
        (Scope::Team, Lang::Ko) => format!(
            "회차별 답변 비율 막대 그래프예요. {}부터 {}까지 {}회차 중 {}회차는 모두 답했어요.",
            f.from, f.to, f.rounds, f.full
        ),
    };
    if !f.gaps.is_empty() {
        text.push_str(&match (scope, lang) {
            (Scope::Me, Lang::En) => format!(" Not answered: {gaps}."),
            (Scope::Team, Lang::En) => format!(" Half or fewer answered: {gaps}."),
            (Scope::Me, Lang::Ko) => format!(" 답하지 않은 때: {gaps}."),
            (Scope::Team, Lang::Ko) => format!(" 절반 이하만 답한 때: {gaps}."),
        });
    }
    if let Some((first, last)) = f.fall {
        text.push_str(&match lang {
            Lang::En => {
                format!(" The rate fell from {first}% in the first third to {last}% in the last.")
            }
            Lang::Ko => format!(
                " 답변율이 처음 3분의 1 동안 {first}%에서 마지막 3분의 1 동안 {last}%로 떨어졌어요."
            ),
        });
    }
    with_marks(text, marks, lang)
}

fn gap((from, to, rounds): (NaiveDate, NaiveDate, usize), lang: Lang) -> String {
    match (rounds, lang) {
        (1, _) => from.to_string(),
        (_, Lang::En) => format!("{from} to {to} ({rounds} rounds)"),
        (_, Lang::Ko) => format!("{from}~{to}({rounds}회차)"),
    }
}

/// The boundaries named at the end of an alt text, e.g. `2026-09-14 Reorganisation`.
fn with_marks(mut text: String, marks: &str, lang: Lang) -> String {
    if !marks.is_empty() {
        text.push_str(&match lang {
            Lang::En => format!(" Dashed lines mark {marks}."),
            Lang::Ko => format!(" 점선으로 표시한 날: {marks}."),
        });
    }
    text
}
