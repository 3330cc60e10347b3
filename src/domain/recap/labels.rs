//! The fixed words of rendered recaps and digests, in each language.

use crate::domain::lang::Lang;
use crate::domain::state::ResolutionStatus;

/// Fixed labels of the rendered recap and digest.
pub(crate) struct Labels {
    pub anonymous: &'static str,
    pub anonymous_heading: &'static str,
    pub one_answer: &'static str,
    pub answers_count: &'static str,
    pub nothing: &'static str,
    pub not_answered: &'static str,
    pub everyone_answered: &'static str,
    pub more_in_file: &'static str,
    /// The participation heading.
    pub participation: &'static str,
    /// One's own participation: `{answered}`, `{rounds}`.
    pub own_answered: &'static str,
    /// A team's participation: `{rounds}`, `{answered}`, `{asked}`.
    pub team_answered: &'static str,
    /// `{count}` skipped (one's own rounds).
    pub skipped: &'static str,
    /// `{count}` missed (one's own rounds).
    pub missed: &'static str,
    /// `{count}` prompts skipped (a team's).
    pub team_skipped: &'static str,
    /// `{count}` prompts missed (a team's).
    pub team_missed: &'static str,
    /// The longest streak: `{count}`.
    pub streak: &'static str,
    /// A scale's line: `{average}`, then the direction.
    pub average: &'static str,
    pub rising: &'static str,
    pub falling: &'static str,
    pub steady: &'static str,
    /// The rest of a question's lines: `{count}`.
    pub more: &'static str,
    /// Milestones within a period after the one that opened it.
    pub also: &'static str,
    /// Last year's resolutions heading.
    pub last_resolutions: &'static str,
    /// A resolution's arc: set on `{date}`.
    pub set_on: &'static str,
    /// A resolution's arc: where it stands, `{status}`.
    pub ended: &'static str,
    /// The `--full` appendix heading.
    pub all_answers: &'static str,
    /// A suggested turning point: `{date}`, `{label}`, `{moved}`, `{before}`, `{after}`, `{iso}`.
    pub suggestion: &'static str,
    /// `{moved}` of a suggestion when the scale rose.
    pub rose: &'static str,
    /// `{moved}` of a suggestion when the scale fell.
    pub fell: &'static str,
}

/// The labels in `lang`.
pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

static EN: Labels = Labels {
    anonymous: "anonymous",
    anonymous_heading: "Anonymous",
    one_answer: "1 answer",
    answers_count: "{count} answers",
    nothing: "No answers in this period yet.",
    not_answered: "Did not answer",
    everyone_answered: "Everyone answered.",
    more_in_file: "The whole text is in the attached file.",
    participation: "Participation",
    own_answered: "Answered {answered} of {rounds} rounds",
    team_answered: "{rounds} rounds · {answered} of {asked} prompts answered",
    skipped: "{count} skipped",
    missed: "{count} missed",
    team_skipped: "{count} skipped",
    team_missed: "{count} missed",
    streak: "longest streak {count} in a row",
    average: "{average} on average",
    rising: "rising",
    falling: "falling",
    steady: "steady",
    more: "…and {count} more",
    also: "Also",
    last_resolutions: "What became of last year's resolutions",
    set_on: "set {date}",
    ended: "Where it stands: {status}",
    all_answers: "All answers",
    suggestion: "*Suggested turning point:* around {date}, “{label}” {moved} from {before} to {after} on average, and no milestone marks it. If something changed then, `milestone add {iso} …` names it.",
    rose: "rose",
    fell: "fell",
};

static KO: Labels = Labels {
    anonymous: "익명",
    anonymous_heading: "익명",
    one_answer: "답변 1개",
    answers_count: "답변 {count}개",
    nothing: "이 기간에는 아직 답변이 없어요.",
    not_answered: "답하지 않은 분",
    everyone_answered: "모두 답했어요.",
    more_in_file: "전체 내용은 첨부 파일에 있어요.",
    participation: "참여",
    own_answered: "회고 {rounds}번 중 {answered}번 답변",
    team_answered: "회고 {rounds}번 · 요청 {asked}건 중 {answered}건 답변",
    skipped: "건너뜀 {count}번",
    missed: "놓침 {count}번",
    team_skipped: "건너뜀 {count}건",
    team_missed: "놓침 {count}건",
    streak: "최장 연속 {count}번",
    average: "평균 {average}",
    rising: "점점 올라갔어요",
    falling: "점점 내려갔어요",
    steady: "큰 변화 없이 이어졌어요",
    more: "그 밖에 {count}개 더",
    also: "이 시기의 다른 전환점",
    last_resolutions: "작년 다짐은 어떻게 됐을까",
    set_on: "{date}에 정함",
    ended: "현재: {status}",
    all_answers: "전체 답변",
    suggestion: "*전환점 제안:* {date} 무렵 ‘{label}’ 평균이 {before}에서 {after}까지 {moved}, 이 변화를 설명하는 전환점이 없어요. 그때 무언가 달라졌다면 `milestone add {iso} …`로 남겨 보세요.",
    rose: "올랐는데",
    fell: "떨어졌는데",
};

/// A resolution status in `lang`.
pub(crate) fn status(status: ResolutionStatus, lang: Lang) -> &'static str {
    use ResolutionStatus::*;
    match (status, lang) {
        (Open, Lang::En) => "not started",
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
