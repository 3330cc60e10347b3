//! Forms being filled in pages are bounded: a member keeps the pages of at most
//! [`DRAFTS_PER_MEMBER`] forms in the database (the ones expiring first go), and another
//! member's are untouched by theirs.

use chrono::Duration;
use hoego::store::{DRAFTS_PER_MEMBER, FormDraft, Store};

use crate::both_backends;
use crate::support::chat::{Chat, NowUtc, WEEKLY};

async fn a_member_keeps_the_pages_of_at_most_five_forms(store: Store) {
    let mina = Chat::new(&store, "mina");
    let jun = mina.other("jun");
    let theirs = jun.open_round("weekly", WEEKLY).await;
    let mut mine = Vec::new();
    for _ in 0..7 {
        mine.push(mina.open_round("weekly", WEEKLY).await);
    }
    let draft = |n: usize| FormDraft {
        answers: vec![("went-well".into(), format!("page of form {n}"))],
        expires_at: mina.clock.now_utc() + Duration::hours(1),
    };
    store
        .keep_form_draft(theirs, &draft(100), mina.clock.now_utc())
        .await
        .unwrap();
    for (n, delivery) in mine.iter().enumerate() {
        let now = mina.clock.now_utc();
        store
            .keep_form_draft(*delivery, &draft(n), now)
            .await
            .unwrap();
        mina.clock.advance(Duration::seconds(1));
    }

    let mut kept = Vec::new();
    for delivery in &mine {
        kept.push(store.form_draft(*delivery).await.unwrap().is_some());
    }
    assert_eq!(DRAFTS_PER_MEMBER, 5);
    assert_eq!(kept, [false, false, true, true, true, true, true]);
    assert!(store.form_draft(theirs).await.unwrap().is_some());

    // The form kept last stays even when it expires first (kept again after a refusal).
    let early = FormDraft {
        expires_at: mina.clock.now_utc(),
        ..draft(0)
    };
    let now = mina.clock.now_utc();
    store.keep_form_draft(mine[0], &early, now).await.unwrap();
    assert!(store.form_draft(mine[0]).await.unwrap().is_some());
    assert!(store.form_draft(mine[2]).await.unwrap().is_none());
}
both_backends!(
    drafts_per_member,
    super::a_member_keeps_the_pages_of_at_most_five_forms
);
