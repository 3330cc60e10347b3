//! The words of recaps and digests in each language: titles, headings, labels.

use chrono::{Datelike, NaiveDate};

use super::timeline::Unit;
use super::{RecapRequest, Scope};
use crate::domain::lang::{Lang, month_en};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::state::ResolutionStatus;

/// A recap's title.
pub(super) fn title(request: &RecapRequest) -> String {
    let (subject, period) = (
        &request.subject,
        period_heading(&request.period, request.lang),
    );
    // "Core team recap", but "Local team recap" rather than "Local team team recap".
    let named_team = subject.to_lowercase().ends_with("team") || subject.ends_with('팀');
    match (request.scope, request.lang, named_team) {
        (Scope::Me, Lang::En, _) => format!("{subject}'s recap: {period}"),
        (Scope::Me, Lang::Ko, _) => format!("{subject}의 회고: {period}"),
        (Scope::Team, Lang::En, false) => format!("{subject} team recap: {period}"),
        (Scope::Team, Lang::Ko, false) => format!("{subject} 팀 회고: {period}"),
        (Scope::Team, Lang::En, true) => format!("{subject} recap: {period}"),
        (Scope::Team, Lang::Ko, true) => format!("{subject} 회고: {period}"),
    }
}

/// A whole period as a heading, e.g. `2026 Q3` / `2026년 3분기`.
pub(super) fn period_heading(period: &Period, lang: Lang) -> String {
    let unit = match period.kind {
        PeriodKind::Year => return year(period.from, lang),
        PeriodKind::Quarter => Unit::Quarter,
        PeriodKind::Month => Unit::Month,
        PeriodKind::Week => Unit::Week,
        PeriodKind::Range => return range(period.from, period.to, lang),
    };
    slot_heading(unit, period.from, period.to, lang)
}

/// A timeline section's heading.
pub(super) fn slot_heading(unit: Unit, from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    let (y, m) = (from.year(), from.month());
    match (unit, lang) {
        (Unit::Quarter, Lang::En) => format!("{y} Q{}", (m - 1) / 3 + 1),
        (Unit::Quarter, Lang::Ko) => format!("{y}년 {}분기", (m - 1) / 3 + 1),
        (Unit::Month, Lang::En) => format!("{} {y}", month_en(m)),
        (Unit::Month, Lang::Ko) => format!("{y}년 {m}월"),
        (Unit::Week, Lang::En) => format!(
            "Week {} ({} – {})",
            from.iso_week().week(),
            from.format("%b %-d"),
            to.format("%b %-d")
        ),
        (Unit::Week, Lang::Ko) => format!(
            "{}주차 ({}/{} ~ {}/{})",
            from.iso_week().week(),
            m,
            from.day(),
            to.month(),
            to.day()
        ),
        (Unit::Whole, _) => range(from, to, lang),
    }
}

fn year(from: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => from.year().to_string(),
        Lang::Ko => format!("{}년", from.year()),
    }
}

fn range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{from} – {to}"),
        Lang::Ko => format!("{from} ~ {to}"),
    }
}

/// Fixed labels of the rendered recap and digest.
pub(crate) struct Labels {
    pub participation: &'static str,
    pub round: &'static str,
    pub rounds: &'static str,
    pub answered: &'static str,
    pub skipped: &'static str,
    pub missed: &'static str,
    pub streak: &'static str,
    pub trends: &'static str,
    pub average: &'static str,
    pub resolutions: &'static str,
    pub set_on: &'static str,
    pub anonymous: &'static str,
    pub anonymous_heading: &'static str,
    pub one_answer: &'static str,
    pub answers_count: &'static str,
    pub nothing: &'static str,
    pub not_answered: &'static str,
    pub everyone_answered: &'static str,
    pub more_in_file: &'static str,
}

/// The labels in `lang`.
pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

static EN: Labels = Labels {
    participation: "Participation",
    round: "round",
    rounds: "rounds",
    answered: "answered",
    skipped: "skipped",
    missed: "missed",
    streak: "longest streak",
    trends: "Trends",
    average: "average",
    resolutions: "Resolutions",
    set_on: "set on",
    anonymous: "anonymous",
    anonymous_heading: "Anonymous",
    one_answer: "1 answer",
    answers_count: "{count} answers",
    nothing: "No answers in this period yet.",
    not_answered: "Not answered yet",
    everyone_answered: "Everyone answered.",
    more_in_file: "The whole text is in the attached file.",
};

static KO: Labels = Labels {
    participation: "참여",
    round: "회차",
    rounds: "회차",
    answered: "답변",
    skipped: "건너뜀",
    missed: "놓침",
    streak: "최장 연속 답변",
    trends: "흐름",
    average: "평균",
    resolutions: "다짐",
    set_on: "정한 날",
    anonymous: "익명",
    anonymous_heading: "익명",
    one_answer: "답변 1개",
    answers_count: "답변 {count}개",
    nothing: "이 기간에는 아직 답변이 없어요.",
    not_answered: "아직 답하지 않은 분",
    everyone_answered: "모두 답했어요.",
    more_in_file: "전체 내용은 첨부 파일에 있어요.",
};

/// A resolution status in `lang`.
pub(crate) fn status(status: ResolutionStatus, lang: Lang) -> &'static str {
    use ResolutionStatus::*;
    match (status, lang) {
        (Open, Lang::En) => "open",
        (OnTrack, Lang::En) => "on track",
        (Changed, Lang::En) => "changed",
        (Done, Lang::En) => "done",
        (Dropped, Lang::En) => "dropped",
        (Open, Lang::Ko) => "시작 전",
        (OnTrack, Lang::Ko) => "진행 중",
        (Changed, Lang::Ko) => "바뀜",
        (Done, Lang::Ko) => "이룸",
        (Dropped, Lang::Ko) => "그만둠",
    }
}
