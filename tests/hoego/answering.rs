//! Answering through the service, on both backends: the form, all-or-nothing validation,
//! edits with history, skipping, closed rounds, several open rounds, and an unreachable
//! database that gives the text back.

use chrono::Duration;
use hoego::service::Outcome;
use hoego::service::ids::{ActionId, FormId};
use hoego::service::reply::InputShape;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, WEEKLY, YEAR_END, invalid, saved};

async fn answering_opens_the_form_and_saves_every_answer_at_once(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;

    let reply = me.say("answer").await;
    let form = reply.form.clone().expect("a form opens");
    assert_eq!(form.id, FormId::Answer(delivery));
    let labels: Vec<&str> = form.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "What went well this week?",
            "What was hard this week?",
            "What will you focus on next week? One item per line.",
            "How did this week feel? (1–5)",
            "Did anything this week change things for you? If so, name it in a few words: \
             your recaps start a new period there."
        ]
    );
    assert!(reply.blocks[0].contains("Sun 6 Dec, 9 am"), "{reply:?}");

    let outcome = me
        .submit(
            &form.id,
            &[
                ("went-well", "Shipped the importer"),
                ("was-hard", "Flaky CI"),
                ("next-week", "- docs\n- release"),
            ],
        )
        .await;

    let reply = saved(outcome);
    assert!(
        reply
            .plain_text()
            .starts_with("Saved 3 answers for weekly."),
        "{reply:?}"
    );
    assert_eq!(reply.actions[0].id, ActionId::Edit(delivery));
    let stored = store.delivery_answers(delivery).await.unwrap();
    let values: Vec<&str> = stored.iter().map(|a| a.value.as_str()).collect();
    assert_eq!(
        values,
        ["Shipped the importer", "Flaky CI", "docs\nrelease"]
    );
}
both_backends!(
    answering_opens_the_form_and_saves_every_answer_at_once,
    super::answering_opens_the_form_and_saves_every_answer_at_once
);

async fn a_bad_answer_keeps_the_rest_of_the_form_with_a_reason_per_field(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("year-end", YEAR_END).await;
    let too_long = "가".repeat(1001);

    let form = invalid(
        me.submit(
            &format!("answer:{delivery}"),
            &[
                ("periods", "Spring: new team\nAutumn: launch"),
                ("highlights", "   "),
                ("learned", &too_long),
                ("energy", "7"),
                ("resolutions", "Run a marathon"),
            ],
        )
        .await,
    );

    let error = |id: &str| {
        let field = form.fields.iter().find(|f| f.id == id).unwrap();
        (field.error.clone(), field.value.clone())
    };
    assert_eq!(error("periods").0, None);
    assert_eq!(
        error("periods").1.as_deref(),
        Some("Spring: new team\nAutumn: launch")
    );
    assert_eq!(
        error("highlights").0.as_deref(),
        Some("This question needs an answer.")
    );
    assert_eq!(
        error("learned").0.as_deref(),
        Some("Your answer is 1001 characters; the limit is 1000.")
    );
    assert_eq!(error("learned").1, Some(too_long.clone()));
    assert!(
        error("energy")
            .0
            .unwrap()
            .contains("from 1 (Worn out) to 5 (Thriving)")
    );
    assert_eq!(error("resolutions").1.as_deref(), Some("Run a marathon"));
    let energy = form.fields.iter().find(|f| f.id == "energy").unwrap();
    assert!(matches!(
        energy.input,
        InputShape::Number { min: 1, max: 5, .. }
    ));
    assert!(store.delivery_answers(delivery).await.unwrap().is_empty());
}
both_backends!(
    a_bad_answer_keeps_the_rest_of_the_form_with_a_reason_per_field,
    super::a_bad_answer_keeps_the_rest_of_the_form_with_a_reason_per_field
);

async fn editing_replaces_the_answer_and_keeps_the_old_one_in_history(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;
    let form_id = format!("answer:{delivery}");
    let first = [("went-well", "A"), ("was-hard", "B"), ("next-week", "C")];
    saved(me.submit(&form_id, &first).await);
    me.clock.advance(Duration::hours(1));

    let form = me.say("edit").await.form.expect("the form opens again");
    assert_eq!(form.fields[0].value.as_deref(), Some("A"));
    let reply = saved(
        me.submit(
            &form_id,
            &[
                ("went-well", "A, better"),
                ("was-hard", "B"),
                ("next-week", "C"),
            ],
        )
        .await,
    );

    assert!(
        reply.plain_text().starts_with("Updated 3 answers"),
        "{reply:?}"
    );
    let export = store.member_export(me.me().await.1.id).await.unwrap();
    let went_well = &export.answers[0];
    assert_eq!(went_well.value, "A, better");
    assert_eq!(went_well.history.len(), 1);
    assert_eq!(went_well.history[0].value, "A");
    assert!(
        export.answers[1].history.is_empty(),
        "an unchanged answer keeps no history"
    );
}
both_backends!(
    editing_replaces_the_answer_and_keeps_the_old_one_in_history,
    super::editing_replaces_the_answer_and_keeps_the_old_one_in_history
);

async fn skipping_marks_the_round_skipped_and_answering_later_still_works(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;

    let reply = me.say("skip").await;

    assert_eq!(
        reply.plain_text(),
        "Skipped this weekly round. See you next time!"
    );
    let round = store.delivery_round(delivery).await.unwrap().unwrap();
    assert_eq!(round.status.as_str(), "skipped");
    assert!(
        me.say("answer").await.form.is_some(),
        "changing one's mind is allowed"
    );
    let nothing_to_edit = me.say("edit").await.plain_text();
    assert!(
        nothing_to_edit.contains("not answered the open weekly round"),
        "{nothing_to_edit}"
    );
}
both_backends!(
    skipping_marks_the_round_skipped_and_answering_later_still_works,
    super::skipping_marks_the_round_skipped_and_answering_later_still_works
);

async fn a_closed_round_refuses_answers_and_gives_the_text_back(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;
    me.clock.advance(Duration::hours(49));

    let outcome = me
        .submit(
            &format!("answer:{delivery}"),
            &[("went-well", "late but true")],
        )
        .await;

    let Outcome::Refused(reply) = outcome else {
        panic!("expected Refused, got {outcome:?}");
    };
    let text = reply.plain_text();
    assert!(
        text.contains("The weekly round closed Sun 6 Dec, 9 am"),
        "{text}"
    );
    assert!(text.contains("late but true"), "{text}");
    assert!(store.delivery_answers(delivery).await.unwrap().is_empty());
    assert_eq!(
        me.press(&format!("answer:{delivery}")).await.plain_text(),
        "The weekly round closed Sun 6 Dec, 9 am, so it no longer takes answers."
    );
    assert_eq!(
        me.say("answer").await.plain_text(),
        "The weekly round closed Sun 6 Dec, 9 am, so it no longer takes answers."
    );
    assert_eq!(
        me.say("answer year-end").await.plain_text(),
        "You have no open year-end round to answer right now."
    );
}
both_backends!(
    a_closed_round_refuses_answers_and_gives_the_text_back,
    super::a_closed_round_refuses_answers_and_gives_the_text_back
);

async fn with_several_open_rounds_hoego_asks_which_one(store: Store) {
    let me = Chat::new(&store, "mina");
    let weekly = me.open_scheduled_round("weekly-retro", WEEKLY).await;
    let year = me.open_scheduled_round("year-end", YEAR_END).await;

    let reply = me.say("answer").await;

    assert!(reply.form.is_none());
    assert!(
        reply.plain_text().contains("several open rounds"),
        "{reply:?}"
    );
    let ids: Vec<ActionId> = reply.actions.iter().map(|a| a.id).collect();
    assert!(ids.contains(&ActionId::Answer(weekly)), "{ids:?}");
    assert!(ids.contains(&ActionId::Answer(year)), "{ids:?}");
    let named = me.say("answer year-end").await.form.unwrap();
    assert_eq!(named.id, FormId::Answer(year));
    let unknown = me.say("answer monthly").await.plain_text();
    assert!(
        unknown.contains("no open round called monthly"),
        "{unknown}"
    );
}
both_backends!(
    with_several_open_rounds_hoego_asks_which_one,
    super::with_several_open_rounds_hoego_asks_which_one
);

async fn resolutions_become_tracked_items_and_an_edit_replaces_them(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("year-end", YEAR_END).await;
    let mut answers = vec![
        ("periods", "One long period"),
        ("highlights", "The launch"),
        ("learned", "Patience"),
        ("energy", "4"),
        ("resolutions", "- Run a marathon\n- Learn Rust macros"),
    ];
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);
    answers[4].1 = "Learn Korean";
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);

    let export = store.member_export(me.me().await.1.id).await.unwrap();

    let texts: Vec<&str> = export.resolutions.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["Learn Korean"]);
}
both_backends!(
    resolutions_become_tracked_items_and_an_edit_replaces_them,
    super::resolutions_become_tracked_items_and_an_edit_replaces_them
);

async fn when_the_database_is_unreachable_the_typed_text_comes_back(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("weekly", WEEKLY).await;
    store.close().await;

    let outcome = me
        .submit(
            &format!("answer:{delivery}"),
            &[("went-well", "kept safe"), ("was-hard", "the outage")],
        )
        .await;

    let Outcome::Unavailable(reply) = outcome else {
        panic!("expected Unavailable, got {outcome:?}");
    };
    let text = reply.plain_text();
    assert!(text.contains("can't reach the database"), "{text}");
    assert!(
        text.contains("kept safe") && text.contains("the outage"),
        "{text}"
    );
    let command = me.say("settings").await.plain_text();
    assert!(command.contains("can't reach the database"), "{command}");
}
both_backends!(
    when_the_database_is_unreachable_the_typed_text_comes_back,
    super::when_the_database_is_unreachable_the_typed_text_comes_back
);
