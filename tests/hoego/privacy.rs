//! Who may read an answer, on both backends: the team view never reads private answers and
//! never carries the author of an anonymous one; members change visibility per answer.

use chrono::Duration;
use hoego::domain::visibility::Visibility;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, WEEKLY, YEAR_END, saved, start};

async fn answer_weekly(chat: &Chat, delivery: hoego::domain::ids::DeliveryId, who: &str) {
    let values = [
        format!("{who} went well"),
        format!("{who} was hard"),
        format!("{who} next"),
    ];
    let answers = [
        ("went-well", values[0].as_str()),
        ("was-hard", values[1].as_str()),
        ("next-week", values[2].as_str()),
    ];
    saved(chat.submit(&format!("answer:{delivery}"), &answers).await);
}

async fn the_team_view_never_reads_private_answers_nor_anonymous_authors(store: Store) {
    let mina = Chat::new(&store, "mina");
    let joon = mina.other("joon");
    let mine = mina.open_round("weekly", WEEKLY).await;
    let his = joon.join_round_of(mine).await;
    answer_weekly(&mina, mine, "mina").await;
    answer_weekly(&joon, his, "joon").await;

    let private = mina.say("visibility 2 private").await.plain_text();
    let anonymous = mina
        .say("visibility next-week anonymous")
        .await
        .plain_text();

    assert_eq!(
        private,
        "1 of your answers in weekly is now private (only you)."
    );
    assert!(anonymous.starts_with("1 of your answers"), "{anonymous}");
    let (team, _) = mina.me().await;
    let view = store
        .team_answers(
            team,
            start() - Duration::days(1),
            start() + Duration::days(1),
        )
        .await
        .unwrap();
    let seen: Vec<(&str, Option<&str>)> = view
        .iter()
        .map(|a| (a.value.as_str(), a.author.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            ("joon next", Some("joon")),
            ("mina next", None),
            ("joon was hard", Some("joon")),
            ("joon went well", Some("joon")),
            ("mina went well", Some("mina")),
        ]
    );
    assert!(view.iter().all(|a| a.visibility != Visibility::Private));
}
both_backends!(
    the_team_view_never_reads_private_answers_nor_anonymous_authors,
    super::the_team_view_never_reads_private_answers_nor_anonymous_authors
);

async fn visibility_defaults_from_the_question_and_all_changes_every_answer(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("year-end", YEAR_END).await;
    let answers = [
        ("periods", "One"),
        ("highlights", "Two"),
        ("learned", "Three"),
        ("energy", "3/5"),
        ("resolutions", "Sleep more"),
    ];
    let reply = me.say("answer").await;
    assert!(
        reply
            .plain_text()
            .contains("anonymous appear in team recaps without your name"),
        "{reply:?}"
    );
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);

    let stored = store.delivery_answers(delivery).await.unwrap();
    let energy = stored.iter().find(|a| a.question_id == "energy").unwrap();
    assert_eq!(energy.visibility, Visibility::Anonymous);
    assert_eq!(energy.value, "3");

    let reply = me.say("visibility all private").await.plain_text();
    assert!(reply.starts_with("5 of your answers"), "{reply}");
    let (team, member) = me.me().await;
    let view = store
        .team_answers(
            team,
            start() - Duration::days(1),
            start() + Duration::days(1),
        )
        .await
        .unwrap();
    assert!(view.is_empty(), "{view:?}");
    let export = store.member_export(member.id).await.unwrap();
    assert_eq!(export.resolutions[0].visibility, Visibility::Private);
    let unknown = me.say("visibility 9 team").await.plain_text();
    assert!(unknown.contains("has no question 9"), "{unknown}");
}
both_backends!(
    visibility_defaults_from_the_question_and_all_changes_every_answer,
    super::visibility_defaults_from_the_question_and_all_changes_every_answer
);

async fn changing_visibility_without_answers_says_there_is_nothing_to_change(store: Store) {
    let me = Chat::new(&store, "mina");
    me.open_round("weekly", WEEKLY).await;

    let reply = me.say("visibility all team").await.plain_text();

    assert_eq!(reply, "You have no answers in an open round to change.");
}
both_backends!(
    changing_visibility_without_answers_says_there_is_nothing_to_change,
    super::changing_visibility_without_answers_says_there_is_nothing_to_change
);
