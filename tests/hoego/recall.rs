//! "Then vs now" on both backends, through the service and the console: a question that
//! recalls an earlier one shows its author, in their own form only, what they answered in the
//! round held about a year (or a quarter) before; nothing when there is no such answer; the
//! recap puts the two side by side, in a team's recap only when both are shared by name.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use hoego::domain::ids::{MemberId, RoundId, TeamId};
use hoego::domain::visibility::Visibility;
use hoego::platform::console::io::Captured;
use hoego::platform::console::{Console, ConsoleOptions};
use hoego::service::reply::{Form, Recalled};
use hoego::store::{AnswerWrite, NewDelivery, NewRound, Store};

use crate::console::mina;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, YEAR_END, saved};
use crate::support::db::TestDb;

const QUARTERLY: &str = include_str!("../../config/templates/quarterly.toml");

/// Monday 2026-12-28 10:00 in Seoul.
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 28, 1, 0, 0).unwrap()
}

fn local(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap()
}

/// A one-off round of `key` held at `at` (Seoul), closed two days later, in which each member
/// gave their answers: (member, question, text, visibility).
pub async fn earlier_round(
    store: &Store,
    team: TeamId,
    (key, source): (&str, &str),
    at: NaiveDateTime,
    answers: &[(MemberId, &str, &str, Visibility)],
) -> RoundId {
    let due = Utc.from_utc_datetime(&(at - Duration::hours(9)));
    let template = store.save_template(team, key, source, due).await.unwrap();
    let closes_at = due + Duration::hours(48);
    let round = NewRound {
        team_id: team,
        schedule_id: None,
        template_id: template,
        occurrence_local: at,
        due_at: due,
        closes_at,
    };
    let round = store.insert_round(&round, due).await.unwrap();
    let mut members: Vec<MemberId> = answers.iter().map(|a| a.0).collect();
    members.dedup();
    for member in members {
        let delivery = NewDelivery {
            round_id: round,
            member_id: member,
            due_at: due,
            closes_at,
            remind_at: None,
        };
        let delivery = store.insert_delivery(&delivery).await.unwrap();
        let writes: Vec<AnswerWrite> = answers
            .iter()
            .filter(|a| a.0 == member)
            .map(|(_, question, text, visibility)| AnswerWrite {
                question_id: question.to_string(),
                value: Some(text.to_string()),
                visibility: *visibility,
                resolutions: None,
                milestone: None,
                mandalart: None,
            })
            .collect();
        let at = due + Duration::hours(1);
        let saved = store.save_answers(delivery, member, &writes, at).await;
        assert!(saved.unwrap().is_some());
    }
    round
}

/// Last year's year-end round (2025-12-29) in which each of `lessons`' people answered
/// `learned` with their text, as its visibility says.
async fn last_year(lessons: &[(&Chat, &str, Visibility)]) {
    let mut answers = Vec::new();
    let mut team = None;
    for (chat, text, visibility) in lessons {
        let (team_id, member) = chat.me().await;
        team = Some(team_id);
        answers.push((member.id, "learned", *text, *visibility));
    }
    let store = &lessons[0].0.service.store;
    let year_end = ("year-end", YEAR_END);
    earlier_round(
        store,
        team.unwrap(),
        year_end,
        local(2025, 12, 29),
        &answers,
    )
    .await;
}

fn field_recall(form: &Form, id: &str) -> Option<Recalled> {
    let field = form.fields.iter().find(|f| f.id == id).expect("the field");
    field.recall.clone()
}

async fn form_of(chat: &Chat, delivery: impl std::fmt::Display) -> Form {
    let reply = chat.press(format!("answer:{delivery}")).await;
    let text = reply.plain_text();
    assert!(
        !text.contains("Ship small"),
        "only the field holds it: {text}"
    );
    reply.form.expect("a form")
}

async fn the_form_shows_its_author_what_they_wrote_a_year_before_and_no_one_else(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let mina = Chat::new(&db.store, "mina");
    mina.clock.set(now());
    let joon = mina.other("joon");
    let ara = mina.other("ara");
    last_year(&[
        (&mina, "Ship small", Visibility::Private),
        (&joon, "Ask for help", Visibility::Team),
    ])
    .await;
    let delivery = mina.open_round("year-end", YEAR_END).await;
    let joons = joon.join_round_of(delivery).await;
    let aras = ara.join_round_of(delivery).await;

    let mine = form_of(&mina, delivery).await;
    let his = form_of(&joon, joons).await;
    let hers = form_of(&ara, aras).await;

    let wanted = Recalled {
        intro: "A year ago you wrote:".into(),
        text: "Ship small".into(),
    };
    assert_eq!(field_recall(&mine, "learned"), Some(wanted));
    assert_eq!(field_recall(&his, "learned").unwrap().text, "Ask for help");
    assert_eq!(
        field_recall(&hers, "learned"),
        None,
        "Ara wrote nothing then"
    );
    for form in [&mine, &his, &hers] {
        let others: Vec<_> = form.fields.iter().filter(|f| f.id != "learned").collect();
        assert!(others.iter().all(|f| f.recall.is_none()), "{form:?}");
    }
    db.finish().await;
}

async fn no_earlier_answer_shows_nothing_and_another_question_is_not_recalled(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let mina = Chat::new(&db.store, "mina");
    mina.clock.set(now());
    let (team, me) = mina.me().await;
    let store = &mina.service.store;
    // Two years ago, and last year's round with another question answered only.
    let two_years = [(me.id, "learned", "Too old", Visibility::Team)];
    earlier_round(
        store,
        team,
        ("year-end", YEAR_END),
        local(2024, 12, 27),
        &two_years,
    )
    .await;
    let other = [(me.id, "was-hard", "Moving", Visibility::Team)];
    earlier_round(
        store,
        team,
        ("year-end", YEAR_END),
        local(2025, 12, 29),
        &other,
    )
    .await;
    let delivery = mina.open_round("year-end", YEAR_END).await;

    let form = form_of(&mina, delivery).await;

    assert!(form.fields.iter().all(|f| f.recall.is_none()), "{form:?}");
    db.finish().await;
}

async fn a_quarterly_form_names_last_quarters_question_in_korean(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let mina = Chat::new(&db.store, "mina");
    mina.clock.set(now());
    mina.say("settings language ko").await;
    let (team, me) = mina.me().await;
    let wished = [(
        me.id,
        "change-next",
        "Sleep earlier\nRead more",
        Visibility::Team,
    )];
    let quarterly = ("quarterly", QUARTERLY);
    earlier_round(&db.store, team, quarterly, local(2026, 9, 25), &wished).await;
    let delivery = mina.open_round("quarterly", QUARTERLY).await;

    let form = form_of(&mina, delivery).await;

    let recall = field_recall(&form, "what-changed").expect("last quarter's wishes");
    assert_eq!(
        recall.intro,
        "한 분기 전 ‘다음 분기에 바꾸고 싶은 것’ 질문에는 이렇게 썼어요:"
    );
    assert_eq!(recall.text, "Sleep earlier\nRead more");
    assert_eq!(field_recall(&form, "change-next").map(|r| r.intro), None);
    db.finish().await;
}

async fn the_console_asks_with_last_years_answer_beside_the_question(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let chat = mina(&db);
    chat.clock.set(now());
    last_year(&[(&chat, "Ship small\nSay no", Visibility::Private)]).await;
    chat.open_round("year-end", YEAR_END).await;
    let out = Arc::new(Captured::default());
    let options = ConsoleOptions {
        user: "Mina".into(),
        lang: None,
        out_dir: tempfile::tempdir().unwrap().path().to_path_buf(),
        interactive: false,
        team_name: "Local team".into(),
    };
    let console = Console::new(chat.service.clone(), options, out.clone());

    console.run("answer\n/cancel\n".as_bytes()).await;
    let before = out.text();
    console.run("answer\nA\nB\n".as_bytes()).await;
    let asked = out.text();

    assert!(
        !before.contains("Ship small"),
        "not beside the first question: {before}"
    );
    let question = asked.find("What did 2026 teach you?").expect("asked");
    let recall = asked.find("↺ A year ago you wrote: Ship small | Say no");
    assert!(recall.is_some_and(|at| at > question), "{asked}");
    db.finish().await;
}

async fn the_recap_puts_then_and_now_side_by_side_for_its_author_only(backend: Backend) {
    let db = TestDb::new(backend).await.unwrap();
    let mina = Chat::new(&db.store, "mina");
    mina.clock.set(now());
    let joon = mina.other("joon");
    let ara = mina.other("ara");
    last_year(&[
        (&mina, "Ship small", Visibility::Private),
        (&joon, "Ask for help", Visibility::Team),
    ])
    .await;
    // Ara's round of last year is one Mina did not take part in.
    last_year(&[(&ara, "Ara alone", Visibility::Team)]).await;
    let delivery = mina.open_round("year-end", YEAR_END).await;
    let joons = joon.join_round_of(delivery).await;
    let aras = ara.join_round_of(delivery).await;
    for (chat, delivery, text) in [
        (&mina, delivery, "Write things down"),
        (&joon, joons, "Help others"),
        (&ara, aras, "Rest more"),
    ] {
        let values = [
            ("periods", "All of it"),
            ("highlights", "A trip"),
            ("learned", text),
            ("energy", "4"),
            ("resolutions", "Run"),
        ];
        saved(chat.submit(format!("answer:{delivery}"), &values).await);
    }

    let own = mina.say("recap 2026").await.plain_text();
    let team = mina.say("recap 2026 team").await.plain_text();
    let joons_own = joon.say("recap 2026").await.plain_text();

    let table = "## Then and now\n\n### Lessons of 2026\n\n| Dec 29, 2025 | Dec 28, 2026 |\n|---|---|\n| Ship small | Write things down |";
    assert!(own.contains(table), "{own}");
    assert!(!own.contains("Ask for help"), "{own}");
    // In the team's recap Mina's private answer of last year never shows; Joon's pair does.
    assert!(!team.contains("Ship small"), "{team}");
    assert!(team.contains("### Lessons of 2026 — joon"), "{team}");
    assert!(team.contains("| Ask for help | Help others |"), "{team}");
    assert!(!team.contains("— mina\n\n| Dec"), "{team}");
    assert!(
        team.contains("Rest more") && !team.contains("Ara alone"),
        "{team}"
    );
    assert!(
        joons_own.contains("| Ask for help | Help others |"),
        "{joons_own}"
    );
    assert!(!joons_own.contains("Ship small"), "{joons_own}");
    db.finish().await;
}

on_each_backend!(
    the_form_shows_its_author_what_they_wrote_a_year_before_and_no_one_else,
    no_earlier_answer_shows_nothing_and_another_question_is_not_recalled,
    a_quarterly_form_names_last_quarters_question_in_korean,
    the_console_asks_with_last_years_answer_beside_the_question,
    the_recap_puts_then_and_now_side_by_side_for_its_author_only,
);
