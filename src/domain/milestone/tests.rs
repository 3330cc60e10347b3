use chrono::NaiveDate;

use super::*;
use crate::domain::ids::MemberId;
use crate::domain::visibility::Visibility;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn mine(date: &str, text: &str, author: i64, visibility: Visibility) -> Milestone {
    Milestone {
        date: day(date),
        text: MilestoneText::parse(text).unwrap(),
        scope: MilestoneScope::Member(MemberId(author)),
        visibility,
    }
}

fn team(date: &str, text: &str) -> Milestone {
    Milestone {
        date: day(date),
        text: MilestoneText::parse(text).unwrap(),
        scope: MilestoneScope::Team,
        visibility: Visibility::Team,
    }
}

fn bounds(list: &[Phase]) -> Vec<(String, String)> {
    list.iter()
        .map(|p| (p.from.to_string(), p.to.to_string()))
        .collect()
}

const ME: Reader = Reader::Member(MemberId(1));

#[test]
fn a_year_is_cut_at_the_milestones_the_reader_may_see() {
    let milestones = [
        mine("2026-04-06", "First job", 1, Visibility::Private),
        team("2026-09-14", "The reorganisation"),
        mine("2026-06-01", "Someone else's move", 2, Visibility::Team),
    ];
    let (unit, list) = phases(day("2026-01-01"), day("2026-12-31"), &milestones, ME);
    assert_eq!(unit, PhaseUnit::Milestones);
    assert_eq!(
        bounds(&list),
        [
            ("2026-01-01".into(), "2026-04-05".into()),
            ("2026-04-06".into(), "2026-09-13".into()),
            ("2026-09-14".into(), "2026-12-31".into()),
        ]
    );
    assert!(list[0].opened_by().is_none());
    assert_eq!(list[1].opened_by().unwrap().text.as_str(), "First job");
    assert_eq!(
        list[2].opened_by().unwrap().text.as_str(),
        "The reorganisation"
    );
}

#[test]
fn the_team_view_is_cut_only_at_team_milestones() {
    let milestones = [
        mine("2026-04-06", "First job", 1, Visibility::Team),
        team("2026-09-14", "The reorganisation"),
    ];
    let (_, list) = phases(
        day("2026-01-01"),
        day("2026-12-31"),
        &milestones,
        Reader::Team,
    );
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].from, day("2026-09-14"));
    assert!(
        list.iter()
            .flat_map(|p| &p.milestones)
            .all(|m| m.scope == MilestoneScope::Team)
    );
}

#[test]
fn without_milestones_a_year_is_cut_by_quarters_and_a_quarter_by_months() {
    let (unit, year) = phases(day("2026-01-01"), day("2026-12-31"), &[], ME);
    assert_eq!(unit, PhaseUnit::Quarters);
    let starts: Vec<_> = year.iter().map(|p| p.from.to_string()).collect();
    assert_eq!(
        starts,
        ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]
    );
    assert_eq!(year[3].to, day("2026-12-31"));
    let (unit, quarter) = phases(day("2026-07-01"), day("2026-09-30"), &[], ME);
    assert_eq!(unit, PhaseUnit::Months);
    assert_eq!(
        bounds(&quarter),
        [
            ("2026-07-01".into(), "2026-07-31".into()),
            ("2026-08-01".into(), "2026-08-31".into()),
            ("2026-09-01".into(), "2026-09-30".into()),
        ]
    );
}

#[test]
fn six_weeks_or_less_stay_whole_even_with_a_milestone() {
    let milestones = [team("2026-03-10", "Launch")];
    let (unit, list) = phases(day("2026-03-01"), day("2026-04-11"), &milestones, ME);
    assert_eq!(unit, PhaseUnit::Whole);
    assert_eq!(bounds(&list), [("2026-03-01".into(), "2026-04-11".into())]);
    assert_eq!(list[0].milestones.len(), 1);
}

#[test]
fn a_period_shorter_than_two_weeks_joins_its_neighbour() {
    // Jan 1–5 joins the next; Sep 1–9 joins the next (keeping its milestone first);
    // Dec 25–31, the last, joins the one before.
    let milestones = [
        team("2026-01-06", "New year's start"),
        team("2026-09-01", "Reorg announced"),
        team("2026-09-10", "Reorg done"),
        team("2026-12-25", "Holidays"),
    ];
    let (_, list) = phases(day("2026-01-01"), day("2026-12-31"), &milestones, ME);
    assert_eq!(
        bounds(&list),
        [
            ("2026-01-01".into(), "2026-08-31".into()),
            ("2026-09-01".into(), "2026-12-31".into()),
        ]
    );
    let texts: Vec<_> = list[1].milestones.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Reorg announced", "Reorg done", "Holidays"]);
    assert!(list.iter().all(|p| p.days() >= MIN_PHASE_DAYS));
}

#[test]
fn periods_cover_the_span_without_gaps_for_any_milestones() {
    // Every pattern of milestones on a grid of days: the periods stay contiguous and long enough.
    let (from, to) = (day("2026-01-01"), day("2026-12-31"));
    for seed in 0u64..200 {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let milestones: Vec<Milestone> = (0..(seed % 7))
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                let date = from + chrono::Duration::days((x >> 33) as i64 % 365);
                team(&date.to_string(), &format!("m{i}"))
            })
            .collect();
        let (_, list) = phases(from, to, &milestones, ME);
        assert_eq!(list[0].from, from, "seed {seed}");
        assert_eq!(list.last().unwrap().to, to, "seed {seed}");
        for pair in list.windows(2) {
            assert_eq!(
                pair[0].to + chrono::Duration::days(1),
                pair[1].from,
                "seed {seed}"
            );
        }
        if list.len() > 1 {
            assert!(
                list.iter().all(|p| p.days() >= MIN_PHASE_DAYS),
                "seed {seed}"
            );
        }
        let kept: usize = list.iter().map(|p| p.milestones.len()).sum();
        assert_eq!(kept, milestones.len(), "seed {seed}: every milestone kept");
    }
}

#[test]
fn visibility_follows_the_author_and_the_sharing() {
    let private = mine("2026-04-06", "First job", 1, Visibility::Private);
    let shared = mine("2026-04-06", "First job", 1, Visibility::Team);
    assert!(private.visible_to(ME));
    assert!(!private.visible_to(Reader::Member(MemberId(2))));
    assert!(!private.visible_to(Reader::Team));
    assert!(shared.visible_to(Reader::Team));
    assert!(!shared.cuts_for(Reader::Team));
    assert!(team("2026-01-01", "x").visible_to(Reader::Member(MemberId(9))));
}

#[test]
fn a_milestone_text_is_one_line_within_its_limit_and_its_year_sane() {
    assert_eq!(
        MilestoneText::parse("  new\n job ").unwrap().as_str(),
        "new job"
    );
    assert_eq!(MilestoneText::parse(" \n "), Err(MilestoneError::Empty));
    let long = "가".repeat(MilestoneText::MAX_LEN + 1);
    assert_eq!(
        MilestoneText::parse(&long),
        Err(MilestoneError::TooLong { len: 121, max: 120 })
    );
    assert!(MilestoneText::parse(&"가".repeat(MilestoneText::MAX_LEN)).is_ok());
    assert!(Milestone::check_date(day("2026-02-28")).is_ok());
    assert!(Milestone::check_date(day("1900-01-01")).is_err());
}
