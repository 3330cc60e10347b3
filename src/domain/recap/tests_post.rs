//! The post's rules on small inputs: condensing, the line limit, periods at milestones.

use super::tests::{answer, d, request};
use super::*;
use crate::domain::ids::MemberId;
use crate::domain::milestone::{MilestoneScope, MilestoneText};
use crate::domain::visibility::Visibility;

fn went_well(round: i64, date: &str, text: &str) -> RecapAnswer {
    answer(round, date, "went-well", QuestionKind::Text, text)
}

#[test]
fn normalising_ignores_case_spaces_and_punctuation() {
    assert_eq!(normalise("  Morning   runs! "), "morning runs");
    assert_eq!(normalise("morning runs."), "morning runs");
    assert_eq!(normalise("아침 달리기."), "아침 달리기");
    assert_ne!(normalise("morning runs"), normalise("evening runs"));
}

#[test]
fn equal_answers_merge_with_a_count_and_a_date_range_ranked_by_count_then_recency() {
    let answers = vec![
        went_well(1, "2026-05-20", "Morning runs"),
        went_well(2, "2026-06-05", "Pairing"),
        went_well(3, "2026-07-10", "morning runs."),
        went_well(4, "2026-08-02", "Morning  runs!"),
        went_well(5, "2026-08-07", "A demo"),
    ];
    let recap = build(
        &request(Scope::Me, "2026-05-01..2026-08-31", "2026-12-31", Lang::En),
        answers,
        &[],
        vec![],
    );
    let lines: Vec<_> = recap
        .phases
        .iter()
        .flat_map(|p| &p.blocks)
        .flat_map(|b| &b.authors)
        .flat_map(|a| &a.lines)
        .collect();
    // Cut by months: May, June, July, August; August holds two answers.
    let august = &recap.phases.last().unwrap().blocks[0].authors[0].lines;
    assert_eq!(august.len(), 2);
    assert_eq!(august[0].text, "A demo");
    assert_eq!(lines.iter().map(|l| l.count).sum::<usize>(), 5);
    let whole = build(
        &request(Scope::Me, "2026-05-20..2026-06-20", "2026-12-31", Lang::En),
        vec![
            went_well(1, "2026-05-20", "Morning runs"),
            went_well(2, "2026-06-05", "Pairing"),
            went_well(3, "2026-06-10", "morning runs."),
        ],
        &[],
        vec![],
    );
    let md = markdown::render(&whole);
    assert!(
        md.contains("## Q went-well\n\n- morning runs. (×2, 5/20–6/10)\n- Pairing\n"),
        "{md}"
    );
}

#[test]
fn at_most_the_configured_lines_are_shown_and_the_rest_counted() {
    let answers: Vec<RecapAnswer> = (1..=9)
        .map(|i| went_well(i, &format!("2026-06-{:02}", i), &format!("thing {i}")))
        .collect();
    let mut req = request(Scope::Me, "2026-06", "2026-12-31", Lang::En);
    req.max_lines = 3;
    let recap = build(&req, answers, &[], vec![]);
    let group = &recap.phases[0].blocks[0].authors[0];
    assert_eq!(
        group
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>(),
        ["thing 9", "thing 8", "thing 7"]
    );
    assert_eq!(group.more, 6);
    assert!(markdown::render(&recap).contains("- thing 7\n- …and 6 more\n"));
    req.words = crate::service::i18n::recap_words::recap_words(Lang::Ko);
    let ko = build(
        &req,
        recap
            .answers
            .iter()
            .map(|_| went_well(1, "2026-06-01", "x"))
            .collect(),
        &[],
        vec![],
    );
    assert!(markdown::render(&ko).contains("- x (×9, 6/1)\n"));
}

#[test]
fn a_year_is_cut_at_milestones_and_each_heading_names_its_dates_and_milestone() {
    let mut req = request(Scope::Me, "2026", "2026-12-31", Lang::Ko);
    req.milestones = vec![crate::domain::milestone::Milestone {
        date: d("2026-04-06"),
        text: MilestoneText::parse("새 직장 첫 출근").unwrap(),
        scope: MilestoneScope::Member(MemberId(1)),
        visibility: Visibility::Private,
    }];
    let answers = vec![
        went_well(1, "2026-02-01", "a"),
        went_well(2, "2026-05-01", "b"),
    ];
    let recap = build(&req, answers, &[], vec![]);
    let labels: Vec<_> = recap.phases.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        ["1월 1일 ~ 4월 5일", "4월 6일 ~ 12월 31일: 새 직장 첫 출근"]
    );
}

#[test]
fn a_turning_point_answer_that_opens_a_period_is_not_quoted_again_under_it() {
    let mut turning = answer(
        2,
        "2026-04-10",
        "turning-point",
        QuestionKind::Text,
        "New job!",
    );
    turning.milestone = true;
    let mut elsewhere = turning.clone();
    (elsewhere.round, elsewhere.date) = (3, d("2026-05-08"));
    let answers = vec![went_well(1, "2026-04-10", "New job"), turning, elsewhere];
    let mut asked = request(Scope::Me, "2026", "2026-12-31", Lang::En);
    asked.milestones = vec![Milestone {
        date: d("2026-04-10"),
        text: MilestoneText::parse("New job!").unwrap(),
        scope: MilestoneScope::Member(MemberId(1)),
        visibility: Visibility::Private,
    }];

    let recap = build(&asked, answers, &[], vec![]);

    let quoted: Vec<(&str, usize)> = recap
        .phases
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| (b.question_id.as_str(), b.authors[0].lines[0].count))
        .collect();
    // The heading names it; the same words answered to another question stay; the same
    // answer given on another day (no milestone made of it) stays.
    assert_eq!(quoted, [("went-well", 1), ("turning-point", 1)]);
    assert_eq!(recap.phases[0].label, "Apr 10 – Dec 31: New job!");
    assert_eq!(recap.answers.len(), 3, "the JSON keeps every answer");
}
