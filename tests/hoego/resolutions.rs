//! Resolutions from a year-end answer, listed and followed up, on both backends.

use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, YEAR_END, saved};

async fn resolutions_are_listed_and_followed_up_by_number(store: Store) {
    let me = Chat::new(&store, "mina");
    let delivery = me.open_round("year-end", YEAR_END).await;
    let answers = [
        ("periods", "One"),
        ("highlights", "Two"),
        ("learned", "Three"),
        ("energy", "2"),
        ("resolutions", "1. Run a marathon\n2. Learn Korean"),
    ];
    let empty = me.say("resolutions").await.plain_text();
    saved(me.submit(&format!("answer:{delivery}"), &answers).await);

    let set = me
        .say("resolutions set 2 on-track 30 minutes a day")
        .await
        .plain_text();
    let listed = me.say("resolutions").await.plain_text();
    let missing = me.say("resolutions set 3 done").await.plain_text();

    assert_eq!(empty, "You have no resolutions yet.");
    assert_eq!(set, "Resolution 2 is now on track.");
    assert_eq!(
        listed,
        "Your resolutions:\n1. Run a marathon — not followed up yet\n2. Learn Korean — on track (30 minutes a day)"
    );
    assert_eq!(missing, "There is no resolution 3: you have 2.");
}
both_backends!(
    resolutions_are_listed_and_followed_up_by_number,
    super::resolutions_are_listed_and_followed_up_by_number
);
