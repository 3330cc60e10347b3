//! The privacy property, randomized (proptest) on both backends: teams of two to five members
//! answer one to five rounds of a text, a list and a scale question, each answer with a random
//! visibility, some members missing rounds. Whatever the draw, every team view (the team's year
//! recap as model, Markdown and JSON, with its trends and participation, which are what the
//! charts draw; each round's digest, by question and by member) holds no private answer, no
//! author of an anonymous one, and no anonymous answer of a question fewer than three members
//! answered anonymously in that round (the default anonymity threshold); its averages and counts
//! are those computed here by hand from the answers a teammate may see; each member's own recap
//! holds their answers and nobody else's.

use std::collections::BTreeMap;

use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::recap::{Recap, Scope, markdown};
use hoego::domain::visibility::Visibility;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::team::{Given, Team};

const NAMES: [&str; 5] = ["ara", "bom", "cho", "dan", "eun"];

/// The default anonymity threshold (`limits.anonymity_threshold`): anonymous answers to a
/// question in a round are shown only when at least this many were given.
const THRESHOLD: usize = 3;

/// One member's answers in a round: the note's, the list's and the scale's visibility, and the
/// scale point.
type Answered = (Visibility, Visibility, Visibility, u8);

/// Rounds, each with every member's answers (`None`: missed).
type Case = Vec<Vec<Option<Answered>>>;

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::Private),
        Just(Visibility::Team),
        Just(Visibility::Anonymous),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=5).prop_flat_map(|members| {
        let answered = (visibility(), visibility(), visibility(), 1u8..=5);
        let round = prop::collection::vec(prop::option::weighted(0.8, answered), members);
        prop::collection::vec(round, 1..=5)
    })
}

/// The text of a text or list answer: unique, so finding it anywhere is finding it.
fn token(week: usize, member: usize, question: &str) -> String {
    format!("t{week}x{member}x{question}z")
}

/// Every answer of the case: (week, member, question, stored text, visibility).
fn answers(case: &Case) -> Vec<(usize, usize, &'static str, String, Visibility)> {
    let mut out = Vec::new();
    for (round, members) in case.iter().enumerate() {
        let week = round + 1;
        for (member, answered) in members.iter().enumerate() {
            let Some((note, next, energy, point)) = answered else {
                continue;
            };
            out.push((week, member, "note", token(week, member, "note"), *note));
            out.push((week, member, "next", token(week, member, "next"), *next));
            out.push((week, member, "energy", point.to_string(), *energy));
        }
    }
    out
}

async fn team_answering(db: &TestDb, case: &Case) -> (Team, Vec<hoego::domain::ids::RoundId>) {
    let members = case[0].len();
    let t = Team::new(&db.store, &NAMES[..members], Some("C-digest")).await;
    let mut rounds = Vec::new();
    for (index, round) in case.iter().enumerate() {
        let week = index + 1;
        let given: Vec<Option<Vec<Given>>> = round
            .iter()
            .enumerate()
            .map(|(member, answered)| {
                answered.map(|(note, next, energy, point)| {
                    vec![
                        ("note", token(week, member, "note"), note),
                        ("next", token(week, member, "next"), next),
                        ("energy", point.to_string(), energy),
                    ]
                })
            })
            .collect();
        rounds.push(t.round(week as u32, &given).await);
    }
    t.close_all().await;
    (t, rounds)
}

/// Whether a teammate may see an answer: never a private one, an anonymous one only when at
/// least [`THRESHOLD`] members answered the question anonymously that week.
fn shared(case: &Case, week: usize, question: &str, visibility: Visibility) -> bool {
    let anonymous = answers(case)
        .iter()
        .filter(|a| a.0 == week && a.2 == question && a.4 == Visibility::Anonymous)
        .count();
    match visibility {
        Visibility::Private => false,
        Visibility::Team => true,
        Visibility::Anonymous => anonymous >= THRESHOLD,
    }
}

/// Per week: (sum, count) of the scale points `seen` keeps.
fn sums(
    case: &Case,
    seen: impl Fn(usize, usize, Visibility) -> bool,
) -> BTreeMap<usize, (u32, usize)> {
    let mut sums = BTreeMap::new();
    for (week, member, question, value, visibility) in answers(case) {
        if question == "energy" && seen(week, member, visibility) {
            let slot = sums.entry(week).or_insert((0, 0));
            slot.0 += value.parse::<u32>().unwrap();
            slot.1 += 1;
        }
    }
    sums
}

/// The recap's trend of `energy` is the hand-computed one: a point per week with an average
/// and a count, and the period's average (to one decimal).
fn assert_trend(recap: &Recap, sums: &BTreeMap<usize, (u32, usize)>) {
    let trend = recap.trends.iter().find(|t| t.question_id == "energy");
    // A trend needs three rounds.
    let Some(trend) = trend else {
        assert!(sums.len() < 3, "no trend, yet {sums:?} were seen");
        return;
    };
    let points: Vec<(f64, usize)> = trend.points.iter().map(|p| (p.average, p.count)).collect();
    let expected: Vec<(f64, usize)> = sums
        .values()
        .map(|&(sum, count)| (f64::from(sum) / count as f64, count))
        .collect();
    assert_eq!(points, expected);
    let (sum, count) = sums
        .values()
        .fold((0, 0), |(s, c), &(sum, n)| (s + sum, c + n));
    let mean = f64::from(sum) / count as f64;
    assert!(
        (trend.average - mean).abs() <= 0.05 + 1e-9,
        "average {} for {mean}",
        trend.average
    );
}

async fn team_views_hold_only_what_a_teammate_may_see(backend: Backend, case: Case) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let (t, rounds) = team_answering(&db, &case).await;
    let members = case[0].len();
    let recap = t.recap(Scope::Team, "2026", 0).await;
    let mut texts = vec![markdown::render_with(&recap, true), recap.to_json()];
    let mut digests = Vec::new();
    for round in &rounds {
        let (digest, _) = t.chat.service.round_digest(*round).await.unwrap();
        texts.push(digest.render());
        texts.push(digest.clone().grouped_by(DigestGrouping::Member).render());
        digests.push(digest);
    }

    let quoted: Vec<(&str, Option<&str>)> = recap
        .answers
        .iter()
        .map(|e| (e.text.as_str(), e.author.as_deref()))
        .collect();
    for (week, member, question, value, visibility) in answers(&case) {
        if question == "energy" {
            continue;
        }
        let in_digest = digests[week - 1]
            .questions
            .iter()
            .flat_map(|q| &q.entries)
            .find(|e| e.text == value)
            .map(|e| e.author.as_deref());
        let in_recap = quoted.iter().find(|(text, _)| *text == value).map(|q| q.1);
        match visibility {
            _ if !shared(&case, week, question, visibility) => {
                assert!(texts.iter().all(|t| !t.contains(&value)), "{value}");
                assert_eq!((in_recap, in_digest), (None, None), "{value}");
            }
            Visibility::Team => {
                let named = Some(Some(NAMES[member]));
                assert_eq!((in_recap, in_digest), (named, named), "{value}");
            }
            _ => assert_eq!((in_recap, in_digest), (Some(None), Some(None)), "{value}"),
        }
    }
    let seen = |week, _, v| shared(&case, week, "energy", v);
    assert_trend(&recap, &sums(&case, seen));
    for (week, digest) in digests.iter().enumerate() {
        let expected = sums(&case, seen).remove(&(week + 1));
        let mut points: Vec<String> = digest
            .questions
            .iter()
            .filter(|q| q.question_id == "energy")
            .flat_map(|q| &q.entries)
            .map(|e| e.text.clone())
            .collect();
        let mut seen: Vec<String> = answers(&case)
            .into_iter()
            .filter(|a| a.0 == week + 1 && a.2 == "energy" && shared(&case, a.0, a.2, a.4))
            .map(|a| format!("{}/5", a.3))
            .collect();
        points.sort();
        seen.sort();
        assert_eq!(points, seen, "week {}: {expected:?}", week + 1);
        let missed: Vec<String> = (0..members)
            .filter(|m| case[week][*m].is_none())
            .map(|m| NAMES[m].to_string())
            .collect();
        let mut not_answered = digest.not_answered.clone();
        not_answered.sort();
        assert_eq!(not_answered, missed);
        assert_eq!(digest.asked, members);
    }
    let figures = &recap.participation;
    let answered = case.iter().flatten().filter(|a| a.is_some()).count();
    assert_eq!(figures.rounds, case.len());
    assert_eq!(figures.asked, case.len() * members);
    assert_eq!(figures.answered, answered);
    assert_eq!(figures.missed, case.len() * members - answered);
    let per_round: Vec<(usize, usize)> = case
        .iter()
        .map(|r| (members, r.iter().filter(|a| a.is_some()).count()))
        .collect();
    let shown: Vec<(usize, usize)> = figures
        .per_round
        .iter()
        .map(|r| (r.asked, r.answered))
        .collect();
    assert_eq!(shown, per_round);
    own_recaps_hold_only_their_own(&t, &case).await;
    db.finish().await;
}

/// Each member's own recap: all their answers, whatever their visibility, and nobody else's;
/// their trend from their own points only.
async fn own_recaps_hold_only_their_own(t: &Team, case: &Case) {
    for member in 0..case[0].len() {
        let recap = t.recap(Scope::Me, "2026", member).await;
        let text = recap.to_json();
        for (_, author, question, value, _) in answers(case) {
            if question != "energy" {
                assert_eq!(text.contains(&value), author == member, "{value}");
            }
        }
        assert_trend(&recap, &sums(case, |_, author, _| author == member));
    }
}

/// Runs the property over random cases on `backend`, each on a fresh database.
fn property(backend: Backend) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let config = Config {
        cases: 12,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |case| {
        runtime.block_on(team_views_hold_only_what_a_teammate_may_see(backend, case));
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

mod team_views_hold_only_what_a_teammate_may_see {
    #[test]
    fn postgres() {
        super::property(crate::support::Backend::Postgres);
    }

    #[test]
    fn sqlite() {
        super::property(crate::support::Backend::Sqlite);
    }
}
