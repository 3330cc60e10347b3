//! A first draft of a member's own periods of a year, for the year-end form: the periods their
//! milestones cut it into, one per line, each with its dates and what opened it
//! ("Apr 6 – Jul 12: Started my first job"), for them to edit.

use chrono::NaiveDate;

use super::words::{RecapWords, day, range};
use crate::domain::milestone::{Milestone, PhaseUnit, Reader, phases};

/// The periods `reader`'s milestones cut `year` into, one per line; `None` when none cuts it
/// (calendar quarters are not a person's periods).
pub fn periods_draft(
    year: i32,
    milestones: &[Milestone],
    reader: Reader,
    words: &RecapWords,
) -> Option<String> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let (unit, cut) = phases(from, to, milestones, reader);
    if unit != PhaseUnit::Milestones {
        return None;
    }
    let lines: Vec<String> = cut
        .iter()
        .map(|phase| {
            let dates = range(phase.from, phase.to, words);
            let turns: Vec<String> = phase
                .milestones
                .iter()
                .map(|m| match m.date == phase.from {
                    true => m.text.as_str().to_string(),
                    false => format!("{} ({})", m.text.as_str(), day(m.date, words)),
                })
                .collect();
            match turns.is_empty() {
                true => dates,
                false => format!("{dates}: {}", turns.join("; ")),
            }
        })
        .collect();
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::MemberId;
    use crate::domain::lang::Lang;
    use crate::domain::milestone::{MilestoneScope, MilestoneText};
    use crate::domain::visibility::Visibility;
    use crate::service::i18n::recap_words::recap_words;

    fn milestone(month: u32, day: u32, text: &str, scope: MilestoneScope) -> Milestone {
        Milestone {
            date: NaiveDate::from_ymd_opt(2026, month, day).unwrap(),
            text: MilestoneText::parse(text).unwrap(),
            scope,
            visibility: Visibility::Private,
        }
    }

    #[test]
    fn the_draft_names_each_period_with_its_dates_and_what_opened_it_in_both_languages() {
        let me = MilestoneScope::Member(MemberId(1));
        let someone = MilestoneScope::Member(MemberId(2));
        let milestones = [
            milestone(4, 6, "첫 직장에 출근", me),
            milestone(7, 13, "부산으로 이사", me),
            milestone(7, 20, "고양이 입양", me),
            milestone(5, 1, "합창단 가입", someone),
            milestone(9, 14, "조직 개편", MilestoneScope::Team),
        ];
        let reader = Reader::Member(MemberId(1));

        let ko = periods_draft(2026, &milestones, reader, recap_words(Lang::Ko));
        let en = periods_draft(2026, &milestones[..1], reader, recap_words(Lang::En));
        let other_year = periods_draft(2025, &milestones, reader, recap_words(Lang::En));

        assert_eq!(
            ko.as_deref(),
            Some(
                "1월 1일 ~ 4월 5일\n\
                 4월 6일 ~ 7월 12일: 첫 직장에 출근\n\
                 7월 13일 ~ 9월 13일: 부산으로 이사; 고양이 입양 (7월 20일)\n\
                 9월 14일 ~ 12월 31일: 조직 개편"
            )
        );
        assert_eq!(
            en.as_deref(),
            Some("Jan 1 – Apr 5\nApr 6 – Dec 31: 첫 직장에 출근")
        );
        assert_eq!(other_year, None, "no milestone in 2025: nothing to offer");
    }
}
