//! The outputs people read, pinned whole in both languages (see `support/golden.rs` for how a
//! change is reviewed and accepted): the help, a round's digest, one member's and the team's
//! year recap.

use hoego::domain::lang::Lang;
use hoego::domain::recap::{Scope, markdown};
use hoego::domain::visibility::Visibility;

use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::golden::assert_golden;
use crate::support::team::Team;

#[tokio::test]
async fn the_help_reads_as_pinned_in_english_and_korean() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let english = crate::support::chat::Chat::new(&db.store, "mina");
    let korean = english.other("joon");
    korean.say("settings lang ko").await;

    assert_golden("help.en.txt", &english.say("help").await.plain_text());
    assert_golden("help.ko.txt", &korean.say("help").await.plain_text());
    db.finish().await;
}

/// A team of three with a quarter of weekly answers of every visibility; one member skips
/// every fifth week.
async fn a_quarter(db: &TestDb) -> Team {
    let t = Team::new(&db.store, &["ara", "bom", "cho"], Some("C-digest")).await;
    let visibility = [Visibility::Team, Visibility::Anonymous, Visibility::Private];
    for week in 1..=13u32 {
        let mut answers = Vec::new();
        for (m, seen) in visibility.iter().enumerate() {
            if (week as usize + m).is_multiple_of(5) {
                answers.push(None);
                continue;
            }
            answers.push(Some(vec![
                ("note", format!("Week {week}: a note of member {m}"), *seen),
                ("next", format!("Plan {week}-{m}"), Visibility::Team),
            ]));
        }
        t.round(week, &answers).await;
    }
    t.close_all().await;
    t
}

#[tokio::test]
async fn the_digest_and_the_year_recaps_read_as_pinned() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let t = a_quarter(&db).await;
    let rounds = db.store.rounds_of_team(t.team).await.unwrap();
    let (digest, _) = t.chat.service.round_digest(rounds[0].id).await.unwrap();

    assert_golden("digest.en.md", &digest.render());
    for lang in [Lang::En, Lang::Ko] {
        let code = lang.code();
        let member = t.recap_in(lang, Scope::Me, "2026", 0).await;
        let team = t.recap_in(lang, Scope::Team, "2026", 0).await;
        assert_golden(
            &format!("recap-member-year.{code}.md"),
            &markdown::render(&member),
        );
        assert_golden(
            &format!("recap-team-year.{code}.md"),
            &markdown::render(&team),
        );
    }
    db.finish().await;
}
