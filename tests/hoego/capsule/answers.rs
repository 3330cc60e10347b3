//! The year-end form's "a few lines to yourself a year from now", on both backends: the answer
//! is sealed as a letter (never kept as an answer, so in no recap, digest or team view; in its
//! author's export, marked sealed), opened once by DM a year after the round; an edit before
//! the round closes replaces it, an empty answer removes it, a closed round keeps it.

use std::sync::Arc;

use chrono::Duration;
use hoego::domain::ids::DeliveryId;
use hoego::store::Store;

use super::all_text;
use crate::both_backends;
use crate::support::chat::{Chat, NowUtc, YEAR_END, invalid, saved};
use crate::support::messenger::RecordingMessenger;
use crate::support::world::{unpaced_sender, utc};

const LETTER: &str = "LETTER-5K: dear me, are you still running on Sundays?";

/// The year-end answers, with `letter` for the last question.
fn year_end(letter: &str) -> Vec<(&str, &str)> {
    vec![
        ("periods", "Winter: settling in\nSpring: the launch"),
        ("highlights", "The launch"),
        ("learned", "Ask early"),
        ("energy", "4"),
        ("resolutions", "Run a 10k"),
        ("to-next-year", letter),
    ]
}

/// Mina's year-end round (Fri 4 Dec 2026) with Joon in it too.
async fn a_year_end_round(store: &Store) -> (Chat, Chat, DeliveryId, DeliveryId) {
    let mina = Chat::new(store, "mina");
    let joon = mina.other("joon");
    let hers = mina.open_round("year-end", YEAR_END).await;
    let his = joon.join_round_of(hers).await;
    (mina, joon, hers, his)
}

async fn a_year_end_letter_is_in_no_view_and_opens_once_a_year_after_its_round(store: Store) {
    let (mina, joon, hers, his) = a_year_end_round(&store).await;
    let form = mina.press(format!("answer:{hers}")).await.form.unwrap();
    let sealed = saved(
        mina.submit(format!("answer:{hers}"), &year_end(LETTER))
            .await,
    );
    saved(joon.submit(format!("answer:{his}"), &year_end("")).await);
    let round = store.delivery_round(hers).await.unwrap().unwrap().round_id;

    let stored = store.delivery_answers(hers).await.unwrap();
    let mut views = vec![
        all_text(&mina.say("recap 2026").await),
        all_text(&mina.say("recap 2026 team").await),
        all_text(&joon.say("recap 2026 team").await),
        all_text(&joon.say("export").await),
        mina.service.round_digest(round).await.unwrap().0.render(),
    ];
    views.extend(stored.iter().map(|a| a.value.clone()));
    let export = all_text(&mina.say("export").await);
    let list = mina.say("capsule list").await.plain_text();
    let messenger = RecordingMessenger::new();
    let sender = unpaced_sender(&store, &mina.clock, Arc::new(messenger.clone()));
    mina.clock.set(utc(2027, 12, 3, 23, 59));
    let early = sender.step().await.unwrap().letters;
    mina.clock.set(utc(2027, 12, 4, 0, 0));
    let on_the_day = sender.step().await.unwrap().letters;
    let again = sender.step().await.unwrap().letters;
    let own_after = all_text(&mina.say("recap 2027-12").await);

    let ids: Vec<&str> = form.fields.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids[ids.len() - 3..],
        ["plan.centre", "plan.goals", "to-next-year"]
    );
    assert_eq!(
        form.fields.last().unwrap().label,
        "A few lines to yourself a year from now. They stay sealed, and hoego sends them back \
         to you on the day of next year's year-end round."
    );
    assert!(
        sealed.plain_text().contains(
            "Your letter to yourself is sealed until 4 Dec 2027: it is in no recap, digest or \
             chart, and that morning hoego sends it back to you."
        ),
        "{}",
        sealed.plain_text()
    );
    assert!(stored.iter().all(|a| a.question_id != "to-next-year"));
    assert_eq!(stored.len(), 5, "the other answers are kept: {stored:?}");
    for view in &views {
        assert!(!view.contains("LETTER-5K"), "the letter shows:\n{view}");
    }
    assert!(
        export.contains(&format!(
            "### Written 2026-12-04 · sealed until 2027-12-04\n\n{LETTER}"
        )),
        "{export}"
    );
    assert!(
        list.contains("1. written 4 Dec 2026 · sealed until 4 Dec 2027"),
        "{list}"
    );
    assert!(!list.contains("LETTER-5K"), "{list}");
    let joons = joon.service.store.capsules_of(joon.me().await.1.id);
    assert!(
        joons.await.unwrap().is_empty(),
        "an empty answer makes no letter"
    );
    assert_eq!((early, on_the_day, again), (0, 1, 0));
    let sent: Vec<_> = messenger
        .sent()
        .into_iter()
        .filter(|o| o.reply.plain_text().starts_with("**A letter"))
        .collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0].reply.plain_text(),
        format!("**A letter from 4 Dec 2026**\n\n{LETTER}")
    );
    assert!(own_after.contains(LETTER), "{own_after}");
}

async fn an_edit_before_the_close_replaces_the_letter_and_an_empty_one_removes_it(store: Store) {
    let (mina, _, hers, _) = a_year_end_round(&store).await;
    let form = format!("answer:{hers}");
    let me = mina.me().await.1.id;
    saved(mina.submit(&form, &year_end("First draft")).await);
    let edit = mina.press(format!("edit:{hers}")).await.form.unwrap();
    saved(mina.submit(&form, &year_end("Second thoughts")).await);
    let replaced = store.capsules_of(me).await.unwrap();
    saved(mina.submit(&form, &year_end("  ")).await);
    let removed = store.capsules_of(me).await.unwrap();
    saved(mina.submit(&form, &year_end("Third time")).await);
    let too_long = invalid(mina.submit(&form, &year_end(&"x".repeat(1001))).await);
    mina.clock.set(mina.clock.now_utc() + Duration::hours(49));
    let closed = mina.submit(&form, &year_end("After the close")).await;
    let kept = store.capsules_of(me).await.unwrap();

    let field = edit.fields.iter().find(|f| f.id == "to-next-year").unwrap();
    assert_eq!(field.value.as_deref(), Some("First draft"));
    assert_eq!(replaced.len(), 1, "{replaced:?}");
    assert_eq!(replaced[0].text, "Second thoughts");
    assert!(removed.is_empty(), "{removed:?}");
    let refused = too_long.fields.iter().find(|f| f.id == "to-next-year");
    assert_eq!(
        refused.unwrap().error.as_deref(),
        Some("Your answer is 1001 characters; the limit is 1000.")
    );
    assert!(
        closed.into_reply().plain_text().contains("closed"),
        "a closed round takes no edit"
    );
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].text, "Third time");
    assert_eq!(kept[0].open_on.to_string(), "2027-12-04");
}

async fn the_letter_question_reads_natively_in_korean(store: Store) {
    let (mina, _, hers, _) = a_year_end_round(&store).await;
    mina.say("settings lang ko").await;
    let form = mina.press(format!("answer:{hers}")).await.form.unwrap();
    let sealed = saved(
        mina.submit(format!("answer:{hers}"), &year_end("1년 뒤의 나에게"))
            .await,
    );

    let field = form.fields.last().unwrap();
    assert_eq!(
        field.label,
        "1년 뒤의 나에게 몇 줄 남겨 주세요. 봉인해 두었다가 내년 연말 회고 날에 보내 줘요."
    );
    assert_eq!(
        field.short_label.as_deref(),
        Some("1년 뒤의 나에게 남기는 몇 줄")
    );
    assert!(
        sealed
            .plain_text()
            .contains("나에게 쓴 편지는 2027년 12월 4일까지 봉인했어요."),
        "{}",
        sealed.plain_text()
    );
}

both_backends!(
    a_year_end_letter_is_in_no_view_and_opens_once_a_year_after_its_round,
    super::a_year_end_letter_is_in_no_view_and_opens_once_a_year_after_its_round
);
both_backends!(
    an_edit_before_the_close_replaces_the_letter_and_an_empty_one_removes_it,
    super::an_edit_before_the_close_replaces_the_letter_and_an_empty_one_removes_it
);
both_backends!(
    the_letter_question_reads_natively_in_korean,
    super::the_letter_question_reads_natively_in_korean
);
