//! The year recap as a post, on the generated fixture year (see `support/year.rs`): periods cut
//! at the milestones, no answer quoted twice, numbered wishes after last year's arcs, the length
//! budget, template order and (template, question) grouping; through the store on both
//! backends, private answers never in a team view; the goldens in English and Korean.

use std::collections::HashSet;

use chrono::{TimeZone, Utc};
use hoego::domain::lang::Lang;
use hoego::domain::milestone::MilestoneScope;
use hoego::domain::recap::{Recap, Scope, markdown, normalise};
use hoego::domain::visibility::Visibility;
use hoego::store::{NewMilestone, Store};

use crate::both_backends;
use crate::support::golden::assert_golden;
use crate::support::year::Year;
use crate::support::year_store::StoredYear;

const SEED: u64 = 2026;

fn body(md: &str) -> &str {
    md.split_once("\n---\n\n").map_or(md, |(_, body)| body)
}

#[test]
fn the_member_year_is_cut_at_the_three_milestones_and_the_team_year_at_the_team_one() {
    for lang in Lang::ALL {
        let year = Year::generate(lang, SEED);
        let starts = |recap: &Recap| -> Vec<String> {
            recap.phases.iter().map(|p| p.from.to_string()).collect()
        };
        let mine = year.recap(Scope::Me);
        assert_eq!(
            starts(&mine),
            ["2026-01-01", "2026-04-06", "2026-07-13", "2026-09-14"]
        );
        for (phase, milestone) in mine.phases[1..].iter().zip(&year.milestones) {
            assert!(
                phase.label.ends_with(milestone.text.as_str()),
                "{}",
                phase.label
            );
        }
        let team = year.recap(Scope::Team);
        assert_eq!(starts(&team), ["2026-01-01", "2026-09-14"]);
    }
}

#[test]
fn no_answer_is_quoted_twice_and_every_line_counts_its_answers() {
    for lang in Lang::ALL {
        let year = Year::generate(lang, SEED);
        for scope in [Scope::Me, Scope::Team] {
            let recap = year.recap(scope);
            for phase in &recap.phases {
                for block in &phase.blocks {
                    for group in &block.authors {
                        let mut seen = HashSet::new();
                        for line in &group.lines {
                            assert!(seen.insert(normalise(&line.text)), "{} twice", line.text);
                        }
                    }
                }
            }
            // A year-end item appears as often as answers hold it (here once, or once more
            // where a quarterly answer said the same), never more.
            let md = markdown::render(&recap);
            for entry in recap.answers.iter().filter(|a| a.template == "year-end") {
                for item in entry.text.lines().filter(|l| l.chars().count() > 3) {
                    let holding = recap
                        .answers
                        .iter()
                        .filter(|a| a.text.contains(item))
                        .count();
                    let shown = md.matches(item).count();
                    assert!(
                        shown >= 1 && shown <= holding,
                        "{item}: {shown} of {holding}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_wishes_are_numbered_after_last_year_resolutions_with_their_arcs() {
    let year = Year::generate(Lang::En, SEED);
    let md = markdown::render(&year.recap(Scope::Me));
    let arcs = md
        .find("## What became of last year's resolutions")
        .expect("arcs");
    let wishes = md.find("## Resolutions for 2027\n\n1. Run a half marathon\n2. Write a blog post every month\n3. Say no to meetings without an agenda\n").expect("wishes");
    assert!(arcs < wishes);
    assert!(md.contains("- **Run 10 km** (set Dec 30, 2025)\n  - Mar 27: on track — 5 km now\n  - Sep 25: changed — a half marathon next year instead\n  - Where it stands: changed\n"), "{md}");
    let ko = markdown::render(&Year::generate(Lang::Ko, SEED).recap(Scope::Me));
    assert!(
        ko.contains("## 2027년의 다짐\n\n1. 하프 마라톤 완주\n2."),
        "{ko}"
    );
    assert!(ko.contains("- **책 20권 읽기** (2025년 12월 30일에 정함)\n  - 6월 26일: 그만둠 — 한꺼번에 너무 많았다\n  - 현재: 그만둠\n"), "{ko}");
}

#[test]
fn the_member_year_fits_in_six_thousand_characters() {
    for lang in Lang::ALL {
        let md = markdown::render(&Year::generate(lang, SEED).recap(Scope::Me));
        let length = body(&md).chars().count();
        println!("member year, {}: {length} characters", lang.code());
        assert!(length <= 6000, "{length} characters:\n{md}");
        let full = markdown::render_with(&Year::generate(lang, SEED).recap(Scope::Me), true);
        assert!(
            full.len() > md.len() * 2,
            "the appendix holds every answer whole"
        );
    }
}

#[test]
fn questions_keep_their_template_order_and_group_by_template_and_question() {
    let year = Year::generate(Lang::En, SEED);
    for scope in [Scope::Me, Scope::Team] {
        let recap = year.recap(scope);
        for phase in &recap.phases {
            let keys: Vec<(&str, &str)> = phase
                .blocks
                .iter()
                .map(|b| (b.template.as_str(), b.question_id.as_str()))
                .collect();
            let weekly = ["went-well", "was-hard", "next-week"];
            let quarterly = ["what-changed", "proud-of", "was-hard", "change-next"];
            let rank = |(t, q): &(&str, &str)| match *t {
                "weekly" => (0, weekly.iter().position(|o| o == q).unwrap()),
                _ => (1, quarterly.iter().position(|o| o == q).unwrap()),
            };
            let mut sorted = keys.clone();
            sorted.sort_by_key(rank);
            assert_eq!(keys, sorted, "{scope:?}");
            let unique: HashSet<_> = keys.iter().collect();
            assert_eq!(
                unique.len(),
                keys.len(),
                "one block per (template, question)"
            );
        }
    }
    let mine = year.recap(Scope::Me);
    let hard: Vec<(&str, &str)> = mine
        .phases
        .iter()
        .flat_map(|p| &p.blocks)
        .chain(&mine.closing)
        .filter(|b| b.question_id == "was-hard")
        .map(|b| (b.template.as_str(), b.heading.as_str()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(hard.len(), 3, "{hard:?}");
    assert!(
        mine.closing
            .iter()
            .any(|b| b.template == "year-end" && b.heading == "What was hard in 2026")
    );
}

#[test]
fn the_year_recaps_read_as_pinned() {
    for lang in Lang::ALL {
        let year = Year::generate(lang, SEED);
        let code = lang.code();
        assert_golden(
            &format!("recap-member-year.{code}.md"),
            &markdown::render(&year.recap(Scope::Me)),
        );
        assert_golden(
            &format!("recap-team-year.{code}.md"),
            &markdown::render(&year.recap(Scope::Team)),
        );
    }
}

async fn private_answers_never_reach_the_team_view_and_the_order_holds(store: Store) {
    let year = Year::generate(Lang::En, SEED);
    let stored = StoredYear::write(&store, &year).await;
    let shared: HashSet<&str> = year
        .rounds
        .iter()
        .flat_map(|r| r.answers.iter().flatten().flatten())
        .filter(|g| g.visibility != Visibility::Private)
        .map(|g| g.value.as_str())
        .collect();
    let private: Vec<&str> = year
        .rounds
        .iter()
        .flat_map(|r| r.answers.iter().flatten().flatten())
        .filter(|g| g.visibility == Visibility::Private && !shared.contains(g.value.as_str()))
        .flat_map(|g| g.value.lines())
        .filter(|v| {
            v.parse::<u8>().is_err() && !shared.iter().any(|s| normalise(s) == normalise(v))
        })
        .collect();
    assert!(private.len() > 20, "the year has private answers to leak");

    let team = stored.recap(Lang::En, Scope::Team).await;
    let text = format!("{}\n{}", markdown::render_with(&team, true), team.to_json());
    for value in &private {
        assert!(
            !text.contains(value),
            "private answer {value:?} in the team view"
        );
    }
    let mine = stored.recap(Lang::En, Scope::Me).await;
    assert!(markdown::render_with(&mine, true).contains(private[0]));
    // Without stored milestones the service cuts by quarters, in template order.
    assert_eq!(mine.phases.len(), 4);
    let first: Vec<&str> = mine.phases[0]
        .blocks
        .iter()
        .map(|b| b.question_id.as_str())
        .collect();
    assert_eq!(
        first,
        [
            "went-well",
            "was-hard",
            "next-week",
            "what-changed",
            "proud-of",
            "was-hard",
            "change-next"
        ]
    );
    assert_eq!(mine.phases[0].blocks[0].heading, "What went well");
    assert_eq!(mine.phases[0].moods[0].label, "Mood");
    assert_eq!(mine.wishes[0].authors[0].lines.len(), 3);
}
both_backends!(
    private_answers_never_reach_the_team_view_and_the_order_holds,
    super::private_answers_never_reach_the_team_view_and_the_order_holds
);

async fn stored_milestones_cut_the_member_year_and_the_team_one_only_the_team_milestone(
    store: Store,
) {
    let year = Year::generate(Lang::En, SEED);
    let stored = StoredYear::write(&store, &year).await;
    let me = &stored.members[0];
    let now = Utc.with_ymd_and_hms(2026, 12, 31, 0, 0, 0).unwrap();
    for milestone in &year.milestones {
        let new = NewMilestone {
            team: me.team_id,
            author: me.id,
            team_wide: milestone.scope == MilestoneScope::Team,
            date: milestone.date,
            text: milestone.text.as_str().to_string(),
            visibility: milestone.visibility,
        };
        store.add_milestone(&new, now, None).await.unwrap();
    }
    let starts = |recap: &Recap| -> Vec<String> {
        recap.phases.iter().map(|p| p.from.to_string()).collect()
    };

    let mine = stored.recap(Lang::En, Scope::Me).await;
    assert_eq!(
        starts(&mine),
        ["2026-01-01", "2026-04-06", "2026-07-13", "2026-09-14"]
    );
    for (phase, milestone) in mine.phases[1..].iter().zip(&year.milestones) {
        assert!(
            phase.label.ends_with(milestone.text.as_str()),
            "{}",
            phase.label
        );
    }
    let team = stored.recap(Lang::En, Scope::Team).await;
    assert_eq!(starts(&team), ["2026-01-01", "2026-09-14"]);
    let private = &year.milestones[0];
    assert_eq!(private.visibility, Visibility::Private);
    let text = format!("{}\n{}", markdown::render_with(&team, true), team.to_json());
    assert!(
        !text.contains(private.text.as_str()),
        "a private milestone in the team view"
    );
}
both_backends!(
    stored_milestones_cut_the_member_year_and_the_team_one_only_the_team_milestone,
    super::stored_milestones_cut_the_member_year_and_the_team_one_only_the_team_milestone
);
