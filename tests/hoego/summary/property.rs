//! What is sent, randomized (proptest) on both backends: teams of two to five members answer one
//! to four rounds of a note and a list, each answer with a random visibility. Whatever the draw,
//! a team recap's request holds no private answer, anonymous answers only without an author and
//! only where at least three members answered that question anonymously that round (the
//! default threshold), and a member's own recap's request holds no answer of anyone else.

use hoego::domain::recap::Scope;
use hoego::domain::visibility::Visibility;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

use super::fake::FakeModel;
use super::turn_on;
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::team::{Given, Team};

const NAMES: [&str; 5] = ["ara", "bom", "cho", "dan", "eun"];
const THRESHOLD: usize = 3;

/// Rounds, each with every member's (note, list) visibilities (`None`: missed).
type Case = Vec<Vec<Option<(Visibility, Visibility)>>>;

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::Private),
        Just(Visibility::Team),
        Just(Visibility::Anonymous),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=5).prop_flat_map(|members| {
        let answered = (visibility(), visibility());
        let round = prop::collection::vec(prop::option::weighted(0.85, answered), members);
        prop::collection::vec(round, 1..=4)
    })
}

/// A unique text: finding it anywhere is finding that answer.
fn token(week: usize, member: usize, question: &str) -> String {
    format!("t{week}x{member}x{question}z")
}

/// Every answer: (week, member, question, text, visibility).
fn answers(case: &Case) -> Vec<(usize, usize, &'static str, String, Visibility)> {
    let mut out = Vec::new();
    for (round, members) in case.iter().enumerate() {
        for (member, answered) in members.iter().enumerate() {
            if let Some((note, next)) = answered {
                let week = round + 1;
                out.push((week, member, "note", token(week, member, "note"), *note));
                out.push((week, member, "next", token(week, member, "next"), *next));
            }
        }
    }
    out
}

fn anonymous_shown(case: &Case, week: usize, question: &str) -> bool {
    let anonymous = answers(case)
        .iter()
        .filter(|a| a.0 == week && a.2 == question && a.4 == Visibility::Anonymous)
        .count();
    anonymous >= THRESHOLD
}

/// The items of a request body, as sent.
fn items(body: &Value) -> Vec<Value> {
    let user = body["messages"][1]["content"].as_str().unwrap();
    let input: Value = serde_json::from_str(user).unwrap();
    input["items"].as_array().cloned().unwrap_or_default()
}

async fn requests_hold_only_what_the_reader_may_see(backend: Backend, case: Case) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let fake = FakeModel::start().await;
    let members = case[0].len();
    let mut t = Team::new(&db.store, &NAMES[..members], None).await;
    t.chat.service.summaries = fake.summaries();
    for (index, round) in case.iter().enumerate() {
        let week = index + 1;
        let given: Vec<Option<Vec<Given>>> = round
            .iter()
            .enumerate()
            .map(|(member, answered)| {
                answered.map(|(note, next)| {
                    vec![
                        ("note", token(week, member, "note"), note),
                        ("next", token(week, member, "next"), next),
                    ]
                })
            })
            .collect();
        t.round(week as u32, &given).await;
    }
    t.close_all().await;
    turn_on(&t).await;
    let service = &t.chat.service;
    let team = service.identify(&t.chat.actor).await.unwrap().0;
    for reader in 0..members {
        for scope in [Scope::Team, Scope::Me] {
            let before = fake.requests();
            let recap = t.recap(scope, "2026", reader).await;
            let own = (scope == Scope::Me).then_some(&t.members[reader]);
            service.summary_part(&team, own, &recap, "").await;
            for seen in &fake.seen()[before..] {
                check(&case, scope, reader, &seen.raw, &items(&seen.body));
            }
        }
    }
    db.finish().await;
}

fn check(case: &Case, scope: Scope, reader: usize, raw: &str, items: &[Value]) {
    for (week, member, question, text, visibility) in answers(case) {
        let sent = raw.contains(&text);
        if scope == Scope::Me {
            assert!(
                !sent || member == reader,
                "{text} in {}'s own request",
                NAMES[reader]
            );
            continue;
        }
        match visibility {
            Visibility::Private => assert!(!sent, "private {text} sent"),
            Visibility::Anonymous if sent => {
                assert!(
                    anonymous_shown(case, week, question),
                    "{text} under the threshold"
                );
                let item = items.iter().find(|i| i["text"] == text.as_str()).unwrap();
                assert_eq!(item["anonymous"], true, "{item}");
                assert!(item.get("author").is_none(), "{item}");
            }
            _ => {}
        }
    }
}

fn property(backend: Backend) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let config = Config {
        cases: 10,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |case| {
        runtime.block_on(requests_hold_only_what_the_reader_may_see(backend, case));
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

mod requests_hold_only_what_the_reader_may_see {
    #[test]
    fn postgres() {
        super::property(crate::support::Backend::Postgres);
    }

    #[test]
    fn sqlite() {
        super::property(crate::support::Backend::Sqlite);
    }
}
