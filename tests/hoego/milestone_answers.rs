//! Milestones made from answers, on both backends: the weekly "turning point" becomes the
//! member's own private milestone dated at its round, follows edits, goes when the answer is
//! cleared or the member is forgotten; and the year-end form offers the periods the member's
//! milestones cut the year into.

use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, WEEKLY, YEAR_END, saved};

const ANSWERS: [(&str, &str); 4] = [
    ("went-well", "Shipped the search page"),
    ("was-hard", "Too many meetings"),
    ("next-week", "Write the migration"),
    ("mood", "4"),
];

async fn submit_turning_point(chat: &Chat, form: &str, turning_point: &str) {
    let mut values = ANSWERS.to_vec();
    values.push(("turning-point", turning_point));
    saved(chat.submit(form, &values).await);
}

async fn a_weekly_turning_point_becomes_a_private_milestone_that_follows_the_answer(store: Store) {
    let mina = Chat::new(&store, "mina");
    let joon = mina.other("joon");
    let form = format!("answer:{}", mina.open_round("weekly", WEEKLY).await);

    submit_turning_point(&mina, &form, "Started  at the new\njob").await;
    let made = mina.say("milestone list").await.plain_text();
    let unseen = joon.say("milestone list").await.plain_text();
    submit_turning_point(&mina, &form, "First week at the new job").await;
    let edited = mina.say("milestone list").await.plain_text();
    submit_turning_point(&mina, &form, "").await;
    let cleared = mina.say("milestone list").await.plain_text();

    assert_eq!(
        made,
        "The milestones you can see:\n1. Fri 4 Dec — Started at the new job (only you)"
    );
    assert!(unseen.starts_with("No milestones yet."), "{unseen}");
    assert_eq!(
        edited,
        "The milestones you can see:\n1. Fri 4 Dec — First week at the new job (only you)"
    );
    assert!(cleared.starts_with("No milestones yet."), "{cleared}");
}
both_backends!(
    a_weekly_turning_point_becomes_a_private_milestone_that_follows_the_answer,
    super::a_weekly_turning_point_becomes_a_private_milestone_that_follows_the_answer
);

async fn a_turning_point_left_empty_makes_nothing_and_forget_me_removes_one(store: Store) {
    let mina = Chat::new(&store, "mina");
    let form = format!("answer:{}", mina.open_round("weekly", WEEKLY).await);
    saved(mina.submit(&form, &ANSWERS).await);
    let none = mina.say("milestone list").await.plain_text();
    submit_turning_point(&mina, &form, "Moved to Busan").await;
    let (team, member) = mina.me().await;
    let before = store.visible_milestones(team, member.id).await.unwrap();

    mina.say("forget-me").await;
    mina.press("forget:confirm").await;

    assert!(none.starts_with("No milestones yet."), "{none}");
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].text, "Moved to Busan");
    let after = store.visible_milestones(team, member.id).await.unwrap();
    assert!(after.is_empty(), "{after:?}");
}
both_backends!(
    a_turning_point_left_empty_makes_nothing_and_forget_me_removes_one,
    super::a_turning_point_left_empty_makes_nothing_and_forget_me_removes_one
);

/// The `periods` field's value in the year-end form `chat` gets with `answer`.
async fn offered_periods(chat: &Chat) -> Option<String> {
    let reply = chat.say("answer year-end").await;
    let form = reply.form.expect("the year-end form");
    let field = form
        .fields
        .iter()
        .find(|f| f.id == "periods")
        .expect("periods");
    field.value.clone()
}

async fn the_year_end_form_offers_the_periods_the_members_milestones_cut(store: Store) {
    let mina = Chat::new(&store, "mina");
    let joon = mina.other("joon");
    let mut admin = mina.other("sora");
    admin.actor.is_admin = true;
    let form = format!("answer:{}", mina.open_round("year-end", YEAR_END).await);
    joon.open_round("year-end", YEAR_END).await;

    let without = offered_periods(&mina).await;
    mina.say("milestone add 2026-04-06 Started my first job")
        .await;
    mina.say("milestone add 2026-07-13 Moved to Busan").await;
    mina.say("milestone add 2026-07-20 Got a cat").await;
    joon.say("milestone add 2026-05-01 Joined the choir").await;
    admin
        .say("milestone add team 2026-09-14 Reorganisation")
        .await;
    let offered = offered_periods(&mina).await;
    let joons = offered_periods(&joon).await;
    let mine = "Jan–Apr 5: looking for work\nApr 6 – Jul 12: first job\nAfter the move";
    let values = [
        ("periods", mine),
        ("highlights", "First salary"),
        ("learned", "Ask early"),
        ("resolutions", "Run a 10k"),
        ("energy", "4"),
    ];
    saved(mina.submit(&form, &values).await);
    let kept = offered_periods(&mina).await;

    assert_eq!(without, None, "no milestone: nothing is offered");
    assert_eq!(
        offered.as_deref(),
        Some(
            "Jan 1 – Apr 5\n\
             Apr 6 – Jul 12: Started my first job\n\
             Jul 13 – Sep 13: Moved to Busan; Got a cat (Jul 20)\n\
             Sep 14 – Dec 31: Reorganisation"
        )
    );
    assert_eq!(
        joons.as_deref(),
        Some("Jan 1 – Apr 30\nMay 1 – Sep 13: Joined the choir\nSep 14 – Dec 31: Reorganisation")
    );
    assert_eq!(
        kept.as_deref(),
        Some(mine),
        "an answer is shown, not the draft"
    );
}
both_backends!(
    the_year_end_form_offers_the_periods_the_members_milestones_cut,
    super::the_year_end_form_offers_the_periods_the_members_milestones_cut
);
