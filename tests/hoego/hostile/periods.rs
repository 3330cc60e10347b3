//! Scenario 3: a recap period can take the process down. Huge and overflowing periods are
//! refused with what was wrong and an example; a member who floods recaps is told to wait.

use hoego::service::reply::Reply;
use hoego::store::Store;

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::Chat;
use crate::support::db::run_on;

fn text(reply: &Reply) -> String {
    reply.blocks.join("\n")
}

async fn huge_and_overflowing_periods_are_refused_with_an_answer(store: Store) {
    let chat = Chat::new(&store, "mallory");
    let cases = [
        ("recap -262143-01-01..+262142-09-30 team", "1970 to 2100"),
        ("recap ..+262142-12-31 team", "2026-W21"),
        ("recap 2026-01-01..+262142-12-31 me", "1970 to 2100"),
        ("recap 1990-01-01..2026-12-31 team", "10 years"),
    ];
    for (line, expected) in cases {
        let reply = text(&chat.say(line).await);
        assert!(reply.contains(expected), "{line} said:\n{reply}");
    }
    let ten_years = text(&chat.say("recap 2017-01-01..2026-12-31 team").await);
    assert!(!ten_years.contains("10 years"), "{ten_years}");
}

async fn huge_periods(backend: Backend) {
    run_on(
        backend,
        huge_and_overflowing_periods_are_refused_with_an_answer,
    )
    .await;
}

async fn a_member_who_floods_recaps_is_told_to_wait_and_others_are_not(store: Store) {
    let mallory = Chat::new(&store, "mallory");
    let alice = mallory.other("alice");
    for i in 0..6 {
        let reply = text(&mallory.say("recap week").await);
        assert!(
            !reply.contains("in the last minute"),
            "request {i}: {reply}"
        );
    }
    let refused = text(&mallory.say("recap year team").await);
    assert!(
        refused.contains("6 recaps or exports in the last minute"),
        "{refused}"
    );
    assert!(refused.contains("Try again in 60 seconds"), "{refused}");
    let export = text(&mallory.say("export").await);
    assert!(export.contains("in the last minute"), "{export}");
    let other = text(&alice.say("recap week").await);
    assert!(!other.contains("in the last minute"), "{other}");
    mallory.clock.advance(chrono::Duration::seconds(61));
    let later = text(&mallory.say("recap week").await);
    assert!(!later.contains("in the last minute"), "{later}");
}

async fn recap_flood(backend: Backend) {
    run_on(
        backend,
        a_member_who_floods_recaps_is_told_to_wait_and_others_are_not,
    )
    .await;
}

on_each_backend!(huge_periods, recap_flood);
