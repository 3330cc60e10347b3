//! Suggested turning points: a sharp shift of the weekly mood that no milestone explains is
//! suggested (and said to be a suggestion); one a milestone explains, or noise, is not.

use chrono::Duration;

use super::tests::{answer, d, request, scale};
use super::*;
use crate::domain::ids::MemberId;
use crate::domain::milestone::{MilestoneScope, MilestoneText};
use crate::domain::visibility::Visibility;

/// One mood answer a week from 2026-01-02, the values in turn.
fn moods(values: &[u8]) -> Vec<RecapAnswer> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let date = d("2026-01-02") + Duration::weeks(i as i64);
            let mut a = answer(i as i64, "2026-01-02", "mood", scale(), &v.to_string());
            a.date = date;
            a.label = "Mood".to_string();
            a
        })
        .collect()
}

/// Twenty weeks around 2, then twenty around 4 (the shift on 2026-05-22), with some noise.
fn shifting() -> Vec<u8> {
    let low = [2, 2, 3, 2, 1, 2, 2, 3, 2, 2, 2, 1, 2, 3, 2, 2, 2, 2, 3, 2];
    let high = [4, 4, 5, 4, 4, 3, 4, 4, 5, 4, 4, 4, 3, 4, 4, 5, 4, 4, 4, 4];
    [&low[..], &high[..]].concat()
}

fn own(date: &str, text: &str) -> Milestone {
    Milestone {
        date: d(date),
        text: MilestoneText::parse(text).unwrap(),
        scope: MilestoneScope::Member(MemberId(1)),
        visibility: Visibility::Private,
    }
}

fn recap_with(values: &[u8], milestones: Vec<Milestone>, lang: Lang) -> Recap {
    let mut asked = request(Scope::Me, "2026", "2026-12-31", lang);
    asked.milestones = milestones;
    build(&asked, moods(values), &[], vec![])
}

#[test]
fn a_sharp_unexplained_mood_shift_is_suggested_as_a_turning_point_in_both_languages() {
    let en = recap_with(&shifting(), vec![], Lang::En);
    let ko = recap_with(&shifting(), vec![], Lang::Ko);

    assert_eq!(en.suggestions.len(), 1, "{:?}", en.suggestions);
    let s = &en.suggestions[0];
    assert_eq!(s.date, d("2026-05-22"));
    assert!(s.before < 2.5 && s.after > 3.5, "{s:?}");
    let md = markdown::render(&en);
    assert!(
        md.contains(&format!(
            "*Suggested milestone:* around May 22, “Mood” rose from {:.1} to {:.1} on average, \
             and no milestone marks it. If something changed then, `milestone add 2026-05-22 …` names it.",
            s.before, s.after
        )),
        "{md}"
    );
    // Under the period it falls in (Q2), not elsewhere.
    let q2 = md.find("## Q2").unwrap();
    let q3 = md.find("## Q3").unwrap();
    let at = md.find("*Suggested milestone:*").unwrap();
    assert!(q2 < at && at < q3);
    let md = markdown::render(&ko);
    assert!(
        md.contains("*전환점일까요?* 5월 22일 무렵 ‘Mood’ 평균이"),
        "{md}"
    );
    assert!(md.contains("까지 올랐는데, 이 변화를 설명하는 전환점이 없어요."));
}

#[test]
fn a_milestone_near_the_shift_explains_it_and_noise_suggests_nothing() {
    let explained = recap_with(&shifting(), vec![own("2026-05-11", "New team")], Lang::En);
    let later = recap_with(&shifting(), vec![own("2026-08-01", "Holiday")], Lang::En);
    let noise: Vec<u8> = (0..40).map(|i| [3, 2, 3, 4, 3, 3, 2, 4][i % 8]).collect();
    let steady = recap_with(&noise, vec![], Lang::En);
    let falling: Vec<u8> = shifting().into_iter().rev().collect();
    let fell = recap_with(&falling, vec![], Lang::En);

    assert!(
        explained.suggestions.is_empty(),
        "{:?}",
        explained.suggestions
    );
    assert_eq!(
        later.suggestions.len(),
        1,
        "a milestone months away explains nothing"
    );
    assert!(steady.suggestions.is_empty(), "{:?}", steady.suggestions);
    assert_eq!(fell.suggestions.len(), 1);
    assert!(markdown::render(&fell).contains("” fell from"));
}
