//! The privacy property of team views, on both backends, over many random answers with random
//! visibilities: no private answer in a team recap or digest (grouped by question or by member),
//! no author on an anonymous one.

use hoego::domain::recap::digest::DigestGrouping;
use hoego::domain::recap::{Scope, markdown};
use hoego::domain::visibility::Visibility;
use hoego::service::guard::{Guard, Policy};
use hoego::store::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::both_backends;
use crate::support::team::Team;

/// Many random answers with random visibilities: every team view (the year recap as model,
/// Markdown and JSON; each round's digest, by question and by member) leaves out every private answer and names no author
/// of an anonymous one, and names the author of every team answer.
async fn no_team_view_shows_a_private_answer_or_an_anonymous_author(store: Store) {
    let names = ["ara", "bom", "cho", "dan", "eun", "gyu"];
    let mut t = Team::new(&store, &names, Some("C-digest")).await;
    // Two anonymous answerers suffice here, so both shown and withheld ones occur.
    let policy = Policy {
        anonymity_threshold: 2,
        ..Policy::default()
    };
    t.chat.service.guard = Guard::new(policy);
    let mut rng = StdRng::seed_from_u64(0x6865_6f67);
    let mut given: Vec<(String, usize, Visibility)> = Vec::new();
    let mut rounds = Vec::new();
    for week in 1..=12 {
        let mut answers = Vec::new();
        for member in 0..names.len() {
            if rng.random_bool(0.2) {
                answers.push(None);
                continue;
            }
            let mut own = Vec::new();
            for question in ["note", "next"] {
                let visibility = [Visibility::Private, Visibility::Team, Visibility::Anonymous]
                    [rng.random_range(0..3)];
                let token = format!("tok{week}x{member}x{question}x{}", rng.random::<u32>());
                given.push((token.clone(), member, visibility));
                own.push((question, token, visibility));
            }
            answers.push(Some(own));
        }
        rounds.push(t.round(week, &answers).await);
    }
    t.close_all().await;
    let private = given.iter().filter(|g| g.2 == Visibility::Private).count();
    assert!(
        private > 20 && given.len() - private > 40,
        "a varied sample"
    );

    let recap = t.recap(Scope::Team, "2026", 0).await;
    let texts = [markdown::render_with(&recap, true), recap.to_json()];
    let entries: Vec<_> = recap
        .answers
        .iter()
        .map(|e| (e.text.as_str(), e.author.as_deref()))
        .collect();
    let mut digests = Vec::new();
    let mut by_member = Vec::new();
    for round in &rounds {
        let (digest, _) = t.chat.service.round_digest(*round).await.unwrap();
        for group in &digest.questions {
            for entry in &group.entries {
                digests.push((entry.text.clone(), entry.author.clone()));
            }
        }
        digests.push((digest.render(), None));
        let grouped = digest.grouped_by(DigestGrouping::Member).render();
        digests.push((grouped.clone(), None));
        by_member.push(grouped);
    }
    let mut shown_anonymous = [0usize; 2];
    for (token, member, visibility) in &given {
        let in_recap = entries.iter().find(|(text, _)| text == token);
        let in_digest = digests.iter().find(|(text, _)| text == token);
        match visibility {
            Visibility::Private => {
                assert!(in_recap.is_none() && in_digest.is_none(), "{token}");
                assert!(texts.iter().all(|t| !t.contains(token.as_str())), "{token}");
                assert!(
                    digests.iter().all(|(t, _)| !t.contains(token.as_str())),
                    "{token}"
                );
            }
            Visibility::Anonymous => {
                // Shown without a name, or withheld (fewer than two answered anonymously).
                assert_eq!(in_recap.is_some(), in_digest.is_some(), "{token}");
                assert!(in_recap.is_none_or(|found| found.1.is_none()), "{token}");
                assert!(in_digest.is_none_or(|found| found.1.is_none()), "{token}");
                shown_anonymous[usize::from(in_recap.is_some())] += 1;
            }
            Visibility::Team => {
                assert_eq!(in_recap.expect(token).1, Some(names[*member]), "{token}");
                assert_eq!(in_digest.expect(token).1.as_deref(), Some(names[*member]));
            }
        }
    }
    assert!(
        shown_anonymous[0] > 3 && shown_anonymous[1] > 3,
        "anonymous answers both withheld and shown: {shown_anonymous:?}"
    );
    // In a by-member digest, a team answer sits under its author's name and an anonymous one
    // under the anonymous heading, never under a member's.
    for (token, member, visibility) in &given {
        let section = by_member.iter().find_map(|text| {
            let at = text.find(token.as_str())?;
            let heading = text[..at].rfind("\n## ").map(|h| &text[h + 1..at])?;
            heading.lines().next()
        });
        match visibility {
            Visibility::Private => assert_eq!(section, None, "{token}"),
            Visibility::Anonymous => {
                assert!(matches!(section, None | Some("## Anonymous")), "{token}");
            }
            Visibility::Team => {
                assert_eq!(section, Some(format!("## {}", names[*member]).as_str()));
            }
        }
    }
    // In the rendered text (the post and its appendix of whole answers), an anonymous answer
    // is attributed to nobody.
    let rendered = &texts[0];
    let appendix = &rendered[rendered.find("## All answers").unwrap()..];
    for (token, _, visibility) in &given {
        if *visibility == Visibility::Anonymous
            && let Some(at) = appendix.find(token.as_str())
        {
            let attribution = appendix[..at]
                .lines()
                .rfind(|l| l.starts_with("- "))
                .unwrap();
            assert!(attribution.ends_with(" · anonymous"), "{attribution}");
        }
    }
}
both_backends!(
    no_team_view_shows_a_private_answer_or_an_anonymous_author,
    super::no_team_view_shows_a_private_answer_or_an_anonymous_author
);
