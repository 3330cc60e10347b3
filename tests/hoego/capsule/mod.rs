//! Time capsules on both backends: a letter written in a form and sealed until a day is in no
//! recap (mine or the team's), digest, chart, summary request or team export, only in its
//! author's own export, marked sealed; after its day the author's own recap shows it. Refusals
//! for a day that is not to come or cannot be read, an empty letter, a team letter from a
//! member; the default day. Opening on the day: [`opening`].

mod answers;
mod console;
mod deleting;
mod opening;
mod team_recaps;

use chrono::{TimeZone, Utc};
use hoego::domain::lang::Lang;
use hoego::domain::recap::Scope;
use hoego::service::reply::Reply;
use hoego::store::Store;

use crate::both_backends;
use crate::summary::fake::FakeModel;
use crate::summary::{as_member, turn_on};
use crate::support::chat::{Chat, NowUtc, invalid, saved};
use crate::support::team::{Team, team};

const MINE: &str = "SEALED-7Q: dear me, did you run the 10k?";
const TEAMS: &str = "SEALED-8R: dear team, remember the launch night";

/// Everything a reply says: its text and every text attachment.
pub fn all_text(reply: &Reply) -> String {
    let mut text = reply.plain_text();
    for file in &reply.attachments {
        if !file.content_type.starts_with("image/") {
            text.push('\n');
            text.push_str(&String::from_utf8_lossy(&file.bytes));
        }
    }
    text
}

/// Writes a letter as `chat` with the command `line`: the reply to the saved form.
pub async fn write(chat: &Chat, line: &str, text: &str) -> Reply {
    let opened = chat.say(line).await;
    let Some(form) = opened.form.clone() else {
        panic!("a form: {opened:?}");
    };
    assert_eq!(form.fields.len(), 1);
    saved(chat.submit(form.id, &[("letter", text)]).await)
}

async fn a_sealed_letter_is_in_no_view_but_its_authors_export(store: Store) {
    let model = FakeModel::start().await;
    let mut t = Team::new(&store, &["mina", "joon"], Some("C-digest")).await;
    t.chat.service.summaries = model.summaries();
    let mut rounds = Vec::new();
    for week in 1..=3 {
        let answers = [
            Some(vec![team("Shipped search")]),
            Some(vec![team("Fixed bugs")]),
        ];
        rounds.push(t.round(week, &answers).await);
    }
    t.close_all().await;
    turn_on(&t).await;
    let mina = as_member(&t, 0, true);
    let joon = as_member(&t, 1, false);

    let sealed = write(&mina, "capsule write until 2026-12-28", MINE).await;
    write(&mina, "capsule write team until 2026-12-28", TEAMS).await;

    let mut views = vec![
        all_text(&mina.say("recap 2026").await),
        all_text(&mina.say("recap 2026 team").await),
        all_text(&joon.say("recap 2026 team").await),
        all_text(&mina.say("recap 2026 summary").await),
        all_text(&mina.say("capsule list").await),
        all_text(&joon.say("export").await),
        t.recap(Scope::Me, "2026", 0).await.to_json(),
        t.recap(Scope::Team, "2026", 1).await.to_json(),
        t.chat
            .service
            .team_export(t.team, Lang::En)
            .await
            .unwrap()
            .json,
    ];
    for round in &rounds {
        views.push(
            t.chat
                .service
                .round_digest(*round)
                .await
                .unwrap()
                .0
                .render(),
        );
    }
    views.extend(model.seen().into_iter().map(|seen| seen.raw));
    let export = all_text(&mina.say("export").await);

    assert!(model.requests() > 0, "a summary was asked for");
    for view in &views {
        assert!(!view.contains("SEALED"), "a sealed letter shows:\n{view}");
    }
    assert!(
        sealed
            .plain_text()
            .starts_with("Sealed until 28 Dec 2026 (the day you chose)."),
        "{}",
        sealed.plain_text()
    );
    assert!(export.contains(MINE), "{export}");
    assert!(
        export.contains(&format!(
            "### Written 2026-12-04 · sealed until 2026-12-28 · to the team\n\n{TEAMS}"
        )),
        "{export}"
    );
    assert!(
        export.contains(&format!(
            "### Written 2026-12-04 · sealed until 2026-12-28\n\n{MINE}"
        )),
        "{export}"
    );
}

async fn after_its_day_only_its_authors_own_recap_shows_the_letter(store: Store) {
    let t = Team::new(&store, &["mina", "joon"], Some("C-digest")).await;
    let mina = as_member(&t, 0, false);
    let joon = as_member(&t, 1, false);
    write(&mina, "capsule write until 2026-12-28", MINE).await;
    let before = all_text(&mina.say("recap 2026").await);

    mina.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 28, 0, 0, 0).unwrap());
    let own = all_text(&mina.say("recap 2026").await);
    let december = all_text(&mina.say("recap 2026-12").await);
    let november = all_text(&mina.say("recap 2026-11").await);
    let public = all_text(&mina.say("recap 2026 public").await);
    let team_view = all_text(&mina.say("recap 2026 team").await);
    let other = all_text(&joon.say("recap 2026").await);
    let list = mina.say("capsule list").await.plain_text();

    assert!(!before.contains("SEALED"), "{before}");
    assert!(
        own.contains(&format!(
            "## A letter from 4 Dec 2026, opened 28 Dec 2026\n\n{MINE}"
        )),
        "{own}"
    );
    assert!(december.contains(MINE), "{december}");
    for view in [&november, &public, &team_view, &other] {
        assert!(!view.contains("SEALED"), "{view}");
    }
    assert!(
        list.contains("1. written 4 Dec 2026 · opened 28 Dec 2026"),
        "{list}"
    );
}

async fn a_day_not_to_come_or_unreadable_is_refused_with_an_example(store: Store) {
    let chat = Chat::new(&store, "mina");
    let today = chat.say("capsule write until 2026-12-04").await;
    let past = chat.say("capsule write until 2025-12-31").await;
    let unreadable = chat.say("capsule write until 31/12/2027").await;
    let team = chat.say("capsule write team").await;
    let listed = chat.say("capsule list").await;
    let form = chat
        .say("capsule write until 2027-12-31")
        .await
        .form
        .unwrap();
    let empty = invalid(chat.submit(form.id, &[("letter", "   ")]).await);
    let long = "가".repeat(3001);
    let too_long = invalid(chat.submit(form.id, &[("letter", &long)]).await);

    assert_eq!(
        today.plain_text(),
        "A letter opens on a day still to come, and 2026-12-04 is not after today \
         (2026-12-04). For example: `/hoego capsule write until 2027-12-31`"
    );
    assert!(today.form.is_none() && past.form.is_none());
    assert!(past.plain_text().contains("2025-12-31 is not after today"));
    let unreadable = unreadable.plain_text();
    assert!(unreadable.contains("31/12/2027"), "{unreadable}");
    assert!(
        unreadable.contains("capsule write until 2027-12-31"),
        "{unreadable}"
    );
    assert!(team.form.is_none(), "{team:?}");
    assert!(team.plain_text().contains("admin"), "{}", team.plain_text());
    assert!(
        listed.plain_text().starts_with("You have no letters yet."),
        "{}",
        listed.plain_text()
    );
    assert_eq!(
        empty.fields[0].error.as_deref(),
        Some("The letter is empty: write a few words to your future self.")
    );
    assert_eq!(
        too_long.fields[0].error.as_deref(),
        Some("That is 3001 characters; a letter holds at most 3000.")
    );
    assert_eq!(too_long.fields[0].value.as_deref(), Some(long.as_str()));
    assert!(
        chat.say("capsule list")
            .await
            .plain_text()
            .starts_with("You have no")
    );
}

async fn the_default_day_is_the_next_year_end_round_else_the_years_last(store: Store) {
    let chat = Chat::new(&store, "mina");
    let without = chat.say("capsule write").await;
    let (team_id, _) = chat.me().await;
    let now = chat.clock.now_utc();
    let template = store
        .save_template(team_id, "year-end", crate::support::chat::YEAR_END, now)
        .await
        .unwrap();
    let local = chrono::NaiveDate::from_ymd_opt(2026, 12, 28)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap();
    let schedule = hoego::store::NewSchedule {
        cron: "0 17 28 12 *".into(),
        next_local: Some(local),
        next_due_at: Some(Utc.with_ymd_and_hms(2026, 12, 28, 8, 0, 0).unwrap()),
        ..crate::support::chat::friday_schedule(team_id, "year-end", template)
    };
    store.create_schedule(&schedule, now).await.unwrap();
    let with = chat.say("capsule write").await;
    let form = with.form.clone().unwrap();
    let sealed = saved(
        chat.submit(form.id, &[("letter", "Hello, December me")])
            .await,
    );

    assert!(
        without
            .plain_text()
            .contains("sealed until 31 Dec 2026 (the last day of the year, as the team has no year-end round coming)"),
        "{}",
        without.plain_text()
    );
    assert_eq!(form.title, "A letter for 28 Dec 2026");
    assert!(
        with.plain_text()
            .contains("sealed until 28 Dec 2026 (the day of the team's next year-end round)"),
        "{}",
        with.plain_text()
    );
    assert!(
        sealed
            .plain_text()
            .starts_with("Sealed until 28 Dec 2026 (the day of the team's next year-end round)."),
        "{}",
        sealed.plain_text()
    );
}

async fn a_letter_is_written_and_listed_in_korean(store: Store) {
    let mut chat = Chat::new(&store, "mina");
    chat.actor.locale = Some("ko".into());
    let opened = chat.say("capsule write until 2027-12-31").await;
    let form = opened.form.clone().unwrap();
    let sealed = saved(chat.submit(form.id, &[("letter", "내년의 나에게")]).await);
    let list = chat.say("capsule list").await.plain_text();
    let past = chat
        .say("capsule write until 2026-01-01")
        .await
        .plain_text();

    assert_eq!(form.title, "2027년 12월 31일에 열어 볼 편지");
    assert_eq!(form.fields[0].label, "편지");
    assert!(
        sealed
            .plain_text()
            .starts_with("2027년 12월 31일까지 봉인했어요(직접 고른 날)."),
        "{}",
        sealed.plain_text()
    );
    assert!(
        list.contains("1. 2026년 12월 4일에 씀 · 2027년 12월 31일까지 봉인"),
        "{list}"
    );
    assert!(!list.contains("내년의 나에게"), "{list}");
    assert!(
        past.contains("2026-01-01은 오늘(2026-12-04) 이후가 아니에요"),
        "{past}"
    );
}

both_backends!(
    a_sealed_letter_is_in_no_view_but_its_authors_export,
    super::a_sealed_letter_is_in_no_view_but_its_authors_export
);
both_backends!(
    after_its_day_only_its_authors_own_recap_shows_the_letter,
    super::after_its_day_only_its_authors_own_recap_shows_the_letter
);
both_backends!(
    a_day_not_to_come_or_unreadable_is_refused_with_an_example,
    super::a_day_not_to_come_or_unreadable_is_refused_with_an_example
);
both_backends!(
    the_default_day_is_the_next_year_end_round_else_the_years_last,
    super::the_default_day_is_the_next_year_end_round_else_the_years_last
);
both_backends!(
    a_letter_is_written_and_listed_in_korean,
    super::a_letter_is_written_and_listed_in_korean
);
