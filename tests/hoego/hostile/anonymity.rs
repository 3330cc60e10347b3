//! Scenario 1: anonymous answers cannot be traced. With one or two anonymous answerers of five,
//! a digest or team recap shows neither their texts, nor their scale values, nor their count,
//! and says they were withheld and why; from three on they show, without names. One answer
//! made anonymous beside its author's named ones is withheld; an open round's anonymous
//! answers are not shown while it is open.

use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::recap::{Recap, Scope, markdown};
use hoego::domain::visibility::Visibility;
use hoego::store::Store;

use crate::both_backends;
use crate::support::team::{Given, Team};

const NAMES: [&str; 5] = ["ara", "bom", "cho", "dan", "eun"];

/// Each of the five answers `note` (and `energy` 1–5); the first `anonymous` of them
/// anonymously, the rest with their names.
fn answers(anonymous: usize) -> Vec<Option<Vec<Given>>> {
    (0..NAMES.len())
        .map(|i| {
            let visibility = if i < anonymous {
                Visibility::Anonymous
            } else {
                Visibility::Team
            };
            Some(vec![
                ("note", format!("secret-{i}"), visibility),
                ("energy", format!("{}", i % 5 + 1), visibility),
            ])
        })
        .collect()
}

fn team_texts(recap: &Recap) -> String {
    format!("{}\n{}", markdown::render(recap), recap.to_json())
}

/// Energy points of the team recap as (count, average) per round.
/// The energy answers the recap holds (one round's: a trend needs three), as (count, average).
fn energy(recap: &Recap) -> Vec<(usize, f64)> {
    let values: Vec<f64> = recap
        .answers
        .iter()
        .filter(|a| a.question_id == "energy")
        .map(|a| a.text.parse::<f64>().unwrap())
        .collect();
    match values.len() {
        0 => Vec::new(),
        n => vec![(n, values.iter().sum::<f64>() / n as f64)],
    }
}

/// The digest, team recap text and team recap of a round of ISO week `week` in which the
/// first `anonymous` of five answered anonymously.
async fn views_with(t: &Team, week: u32, anonymous: usize) -> (String, String, Recap) {
    let round = t.round(week, &answers(anonymous)).await;
    t.close_all().await;
    let (digest, _) = t.chat.service.round_digest(round).await.unwrap();
    let recap = t.recap(Scope::Team, &format!("2026-W{week}"), 4).await;
    (digest.render(), team_texts(&recap), recap)
}

async fn one_or_two_anonymous_answerers_of_five_are_withheld_with_a_note(store: Store) {
    let t = Team::new(&store, &NAMES, Some("C-digest")).await;
    for anonymous in [1, 2] {
        let week = 9 + anonymous as u32;
        let (digest, recap_text, recap) = views_with(&t, week, anonymous).await;
        for i in 0..anonymous {
            let token = format!("secret-{i}");
            assert!(!digest.contains(&token), "{anonymous}: {digest}");
            assert!(!recap_text.contains(&token), "{anonymous}: {recap_text}");
        }
        let note = format!(
            "{anonymous} anonymous {} to \u{201c}What happened in week {week}?\u{201d} withheld: \
             fewer than 3 members answered it anonymously",
            if anonymous == 1 { "answer" } else { "answers" }
        );
        assert!(digest.contains(&note), "{digest}");
        assert!(recap_text.contains(&note), "{recap_text}");
        assert!(!digest.contains("— anonymous"), "{digest}");
        // The named answers stay; the anonymous scale values are not in the trend.
        assert!(digest.contains("secret-4") && recap_text.contains("secret-4"));
        let named: Vec<u32> = (anonymous..5).map(|i| (i % 5 + 1) as u32).collect();
        let average = f64::from(named.iter().sum::<u32>()) / named.len() as f64;
        assert_eq!(energy(&recap), vec![(5 - anonymous, average)]);
    }
}
both_backends!(
    one_or_two_anonymous_answerers_are_withheld,
    super::one_or_two_anonymous_answerers_of_five_are_withheld_with_a_note
);

async fn five_anonymous_answerers_are_shown_without_names(store: Store) {
    let t = Team::new(&store, &NAMES, Some("C-digest")).await;
    let (digest, recap_text, recap) = views_with(&t, 10, 5).await;
    for i in 0..5 {
        assert!(digest.contains(&format!("secret-{i}")), "{digest}");
        assert!(recap_text.contains(&format!("secret-{i}")), "{recap_text}");
    }
    assert!(!digest.contains("withheld:") && !recap_text.contains("withheld:"));
    for name in NAMES {
        assert!(!digest.contains(&format!("— {name}")), "{digest}");
    }
    assert_eq!(energy(&recap), vec![(5, 3.0)]);
    // Grouped by member, they stand apart under the anonymous heading, under no name.
    let round = t.round(11, &answers(3)).await;
    t.close_all().await;
    let (digest, _) = t.chat.service.round_digest(round).await.unwrap();
    let by_member = digest.grouped_by(DigestGrouping::Member).render();
    let anonymous = by_member.find("## Anonymous").expect(&by_member);
    for i in 0..3 {
        let at = by_member.find(&format!("secret-{i}")).expect(&by_member);
        assert!(at > anonymous, "{by_member}");
    }
}
both_backends!(
    five_anonymous_answerers_are_shown,
    super::five_anonymous_answerers_are_shown_without_names
);

async fn one_answer_switched_to_anonymous_is_not_shown_beside_the_named_ones(store: Store) {
    let t = Team::new(&store, &NAMES, Some("C-digest")).await;
    let mut given: Vec<Option<Vec<Given>>> = (0..5)
        .map(|i| Some(vec![("note", format!("named-{i}"), Visibility::Team)]))
        .collect();
    // Eun keeps her note named and makes her `next` anonymous: the only anonymous answer.
    given[4]
        .as_mut()
        .unwrap()
        .push(("next", "switched-alone".into(), Visibility::Anonymous));
    let round = t.round(11, &given).await;
    t.close_all().await;
    let (digest, _) = t.chat.service.round_digest(round).await.unwrap();
    let by_member = digest.clone().grouped_by(DigestGrouping::Member);
    let recap = team_texts(&t.recap(Scope::Team, "2026", 0).await);
    for text in [digest.render(), by_member.render(), recap] {
        assert!(!text.contains("switched-alone"), "{text}");
        assert!(text.contains("named-4"), "{text}");
        assert!(text.contains("1 anonymous answer to \u{201c}Next?\u{201d} withheld"));
    }
}
both_backends!(
    one_answer_switched_to_anonymous,
    super::one_answer_switched_to_anonymous_is_not_shown_beside_the_named_ones
);

async fn an_open_round_shows_no_anonymous_answer_until_it_closes(store: Store) {
    let t = Team::new(&store, &NAMES, Some("C-digest")).await;
    t.round(12, &answers(4)).await;
    let open = team_texts(&t.recap(Scope::Team, "2026", 4).await);
    for i in 0..4 {
        assert!(!open.contains(&format!("secret-{i}")), "{open}");
    }
    assert!(open.contains("secret-4"), "{open}");
    t.close_all().await;
    let closed = team_texts(&t.recap(Scope::Team, "2026", 4).await);
    for i in 0..5 {
        assert!(closed.contains(&format!("secret-{i}")), "{closed}");
    }
}
both_backends!(
    an_open_round_polled,
    super::an_open_round_shows_no_anonymous_answer_until_it_closes
);
