//! The outputs people read, pinned whole in both languages (see `support/golden.rs` for how a
//! change is reviewed and accepted): the help, a round's prompt and a round's digest. The year
//! recaps are pinned on the generated fixture year in `recap_post.rs`.

use hoego::domain::lang::Lang;
use hoego::domain::visibility::Visibility;

use std::sync::Arc;

use crate::support::Backend;
use crate::support::chat::{Chat, WEEKLY};
use crate::support::db::TestDb;
use crate::support::golden::assert_golden;
use crate::support::messenger::RecordingMessenger;
use crate::support::team::Team;
use crate::support::world::unpaced_sender;

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
    a_quarter_in(Lang::En, db).await
}

/// [`a_quarter`] of a team speaking `lang`.
async fn a_quarter_in(lang: Lang, db: &TestDb) -> Team {
    let names = match lang {
        Lang::Ko => ["아라", "보미", "초아"],
        Lang::En => ["ara", "bom", "cho"],
    };
    let t = Team::new_in(lang, &db.store, &names, Some("C-digest")).await;
    let visibility = [Visibility::Team, Visibility::Anonymous, Visibility::Private];
    for week in 1..=13u32 {
        let mut answers = Vec::new();
        for (m, seen) in visibility.iter().enumerate() {
            if (week as usize + m).is_multiple_of(5) {
                answers.push(None);
                continue;
            }
            let (note, plan) = match lang {
                Lang::Ko => (format!("{week}주차: {m}번 멤버의 메모"), "계획"),
                Lang::En => (format!("Week {week}: a note of member {m}"), "Plan"),
            };
            answers.push(Some(vec![
                ("note", note, *seen),
                ("next", format!("{plan} {week}-{m}"), Visibility::Team),
            ]));
        }
        t.round(week, &answers).await;
    }
    t.close_all().await;
    t
}

#[tokio::test]
async fn the_digest_reads_as_pinned() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let t = a_quarter(&db).await;
    let rounds = db.store.rounds_of_team(t.team).await.unwrap();
    let (digest, _) = t.chat.service.round_digest(rounds[0].id).await.unwrap();

    assert_golden("digest.en.md", &digest.render());
    db.finish().await;
}

#[tokio::test]
async fn a_korean_teams_digest_reads_as_pinned() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let t = a_quarter_in(Lang::Ko, &db).await;
    let rounds = db.store.rounds_of_team(t.team).await.unwrap();
    let (digest, _) = t.chat.service.round_digest(rounds[0].id).await.unwrap();

    let text = digest.render();
    crate::support::language::assert_korean(&text);
    assert_golden("digest.ko.md", &text);
    db.finish().await;
}

/// The prompt of a weekly round of the schedule `name` as a member reads it: its text, then its
/// buttons.
async fn prompt_read_by(chat: &Chat, name: &str) -> String {
    let messenger = RecordingMessenger::new();
    chat.open_scheduled_round(name, WEEKLY).await;
    let sender = unpaced_sender(
        &chat.service.store,
        &chat.clock,
        Arc::new(messenger.clone()),
    );
    sender.step().await.unwrap();
    let sent = messenger.sent();
    let reply = &sent.last().expect("the prompt was sent").reply;
    let buttons: Vec<String> = reply
        .actions
        .iter()
        .map(|a| format!("[{}]", a.label))
        .collect();
    format!("{}\n\n{}\n", reply.plain_text(), buttons.join(" "))
}

#[tokio::test]
async fn a_prompt_reads_as_pinned_in_english_and_korean() {
    let db = TestDb::new(Backend::Sqlite).await.unwrap();
    let english = Chat::new(&db.store, "mina");
    let english_prompt = prompt_read_by(&english, "weekly").await;
    let db_ko = TestDb::new(Backend::Sqlite).await.unwrap();
    let mut korean = Chat::new(&db_ko.store, "준");
    korean.actor.team_name = "코어팀".into();
    korean.say("settings lang ko").await;
    let korean_prompt = prompt_read_by(&korean, "주간").await;

    assert_golden("prompt.en.txt", &english_prompt);
    crate::support::language::assert_korean(&korean_prompt);
    assert_golden("prompt.ko.txt", &korean_prompt);
    db.finish().await;
    db_ko.finish().await;
}
