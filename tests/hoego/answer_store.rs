//! The store's answer writes on both backends: the whole submission or nothing, never into a
//! closed round, never into someone else's delivery.

use chrono::Duration;
use hoego::store::{SavedAnswers, Store};

use crate::both_backends;
use crate::support::chat::{Chat, NowUtc, WEEKLY, team_answer as write};

async fn a_closed_round_or_another_members_delivery_takes_no_answers(store: Store) {
    let mina = Chat::new(&store, "mina");
    let joon = mina.other("joon");
    let delivery = mina.open_round("weekly", WEEKLY).await;
    let (_, mina_row) = mina.me().await;
    let (_, joon_row) = joon.me().await;
    let answers = [write("went-well", "a"), write("was-hard", "b")];
    let now = mina.clock.now_utc();

    let by_joon = store
        .save_answers(delivery, joon_row.id, &answers, now)
        .await
        .unwrap();
    let after_close = store
        .save_answers(delivery, mina_row.id, &answers, now + Duration::hours(48))
        .await
        .unwrap();
    let in_time = store
        .save_answers(delivery, mina_row.id, &answers, now)
        .await
        .unwrap();

    assert_eq!(by_joon, None);
    assert_eq!(after_close, None);
    assert_eq!(
        in_time,
        Some(SavedAnswers {
            created: 2,
            ..SavedAnswers::default()
        })
    );
    let round = store.delivery_round(delivery).await.unwrap().unwrap();
    assert_eq!(round.status.as_str(), "answered");
}
both_backends!(
    a_closed_round_or_another_members_delivery_takes_no_answers,
    super::a_closed_round_or_another_members_delivery_takes_no_answers
);

async fn clearing_an_optional_answer_removes_it_and_unchanged_answers_keep_no_history(
    store: Store,
) {
    let mina = Chat::new(&store, "mina");
    let delivery = mina.open_round("weekly", WEEKLY).await;
    let (_, member) = mina.me().await;
    let now = mina.clock.now_utc();
    let first = [write("went-well", "a"), write("was-hard", "b")];
    store
        .save_answers(delivery, member.id, &first, now)
        .await
        .unwrap();
    let mut second = [write("went-well", "a"), write("was-hard", "")];
    second[1].value = None;

    let saved = store
        .save_answers(delivery, member.id, &second, now)
        .await
        .unwrap();

    assert_eq!(
        saved,
        Some(SavedAnswers {
            unchanged: 1,
            cleared: 1,
            ..SavedAnswers::default()
        })
    );
    let left = store.delivery_answers(delivery).await.unwrap();
    assert_eq!(left.len(), 1);
    let export = store.member_export(member.id).await.unwrap();
    assert!(export.answers[0].history.is_empty());
}
both_backends!(
    clearing_an_optional_answer_removes_it_and_unchanged_answers_keep_no_history,
    super::clearing_an_optional_answer_removes_it_and_unchanged_answers_keep_no_history
);
