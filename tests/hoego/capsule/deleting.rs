//! `capsule delete <n>` on both backends: a letter deleted by its number in the list, with a
//! reply saying which; gone from the list, the export and the day it would have opened; a
//! number not in the list, a missing or unreadable one refused with what works; a letter to
//! the team only while its author is an admin; in Korean.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use hoego::store::Store;

use super::{all_text, write};
use crate::both_backends;
use crate::support::chat::Chat;
use crate::support::messenger::RecordingMessenger;
use crate::support::team::Team;
use crate::support::world::unpaced_sender;

async fn a_letter_is_deleted_by_its_number_and_never_opens(store: Store) {
    let chat = Chat::new(&store, "mina");
    write(&chat, "capsule write until 2026-12-28", "DELETE-ME: first").await;
    write(&chat, "capsule write until 2027-06-01", "KEEP-ME: second").await;

    let none = chat.say("capsule delete 3").await.plain_text();
    let missing = chat.say("capsule delete").await.plain_text();
    let unreadable = chat.say("capsule delete first").await.plain_text();
    let deleted = chat.say("capsule delete 1").await.plain_text();
    let list = chat.say("capsule list").await.plain_text();
    let export = all_text(&chat.say("export").await);
    let messenger = RecordingMessenger::new();
    let sender = unpaced_sender(&store, &chat.clock, Arc::new(messenger.clone()));
    chat.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 28, 0, 0, 0).unwrap());
    let opened = sender.step().await.unwrap().letters;

    assert_eq!(
        none,
        "You have no letter 3: `/hoego capsule list` numbers your letters from 1 to 2."
    );
    assert!(
        missing.contains("`capsule delete` is missing `<n>`."),
        "{missing}"
    );
    assert!(missing.contains("capsule delete 2"), "{missing}");
    assert!(unreadable.contains("`first`"), "{unreadable}");
    assert_eq!(
        deleted,
        "Deleted letter 1, written 4 Dec 2026 and sealed until 28 Dec 2026. It is gone for \
         good: it will not be opened, and no copy is kept."
    );
    assert!(
        list.contains("1. written 4 Dec 2026 · sealed until 1 Jun 2027"),
        "{list}"
    );
    assert!(!list.contains("2."), "{list}");
    assert!(
        !export.contains("DELETE-ME") && export.contains("KEEP-ME"),
        "{export}"
    );
    assert_eq!(opened, 0);
    assert_eq!(messenger.count(), 0);
}

async fn a_team_letter_is_deleted_only_by_an_admin(store: Store) {
    let t = Team::new(&store, &["mina", "joon"], Some("C-digest")).await;
    let mut mina = t.chat.other("mina");
    mina.actor.is_admin = true;
    write(&mina, "capsule write team until 2026-12-28", "For the team").await;
    mina.actor.is_admin = false;
    let refused = mina.say("capsule delete 1").await.plain_text();
    let still = store.capsules_of(mina.me().await.1.id).await.unwrap().len();
    mina.actor.is_admin = true;
    let deleted = mina.say("capsule delete 1").await.plain_text();
    let left = store.capsules_of(mina.me().await.1.id).await.unwrap().len();

    assert!(
        refused.starts_with("Only admins of Core can do that."),
        "{refused}"
    );
    assert_eq!((still, left), (1, 0));
    assert!(deleted.starts_with("Deleted letter 1"), "{deleted}");
}

async fn a_letter_is_deleted_in_korean(store: Store) {
    let mut chat = Chat::new(&store, "mina");
    chat.actor.locale = Some("ko".into());
    write(&chat, "capsule write until 2027-12-31", "내년의 나에게").await;
    let none = chat.say("capsule delete 2").await.plain_text();
    let deleted = chat.say("capsule delete 1").await.plain_text();

    assert_eq!(
        none,
        "2번 편지는 없어요. `/hoego capsule list`에서 편지 번호(1–1)를 확인해 주세요."
    );
    assert_eq!(
        deleted,
        "2026년 12월 4일에 써서 2027년 12월 31일까지 봉인해 둔 1번 편지를 삭제했어요. 이제 열리지 \
         않고, 어디에도 남지 않아요."
    );
}

both_backends!(
    a_letter_is_deleted_by_its_number_and_never_opens,
    super::a_letter_is_deleted_by_its_number_and_never_opens
);
both_backends!(
    a_team_letter_is_deleted_only_by_an_admin,
    super::a_team_letter_is_deleted_only_by_an_admin
);
both_backends!(
    a_letter_is_deleted_in_korean,
    super::a_letter_is_deleted_in_korean
);
