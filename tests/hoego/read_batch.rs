//! Reads asked at the same moment (who is asking, a delivery with its round) are read together
//! on both backends, and each still gets what it would have read alone: its own member, no
//! member for someone the team does not know yet, nothing for a team that is not registered,
//! its own delivery, nothing for a delivery that does not exist.

use futures_util::future::join_all;
use hoego::domain::ids::{DeliveryId, MemberId};
use hoego::domain::state::Platform;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::{Chat, WEEKLY};

/// `n` members with a delivery each in one open weekly round: (user id, member, delivery).
async fn members_in_a_round(store: &Store, n: usize) -> Vec<(String, MemberId, DeliveryId)> {
    let first = Chat::new(store, "m0");
    let delivery = first.open_round("weekly", WEEKLY).await;
    let mut members = vec![(first.actor.user_id.clone(), first.me().await.1.id, delivery)];
    for i in 1..n {
        let other = first.other(&format!("m{i}"));
        let joined = other.join_round_of(delivery).await;
        members.push((other.actor.user_id.clone(), other.me().await.1.id, joined));
    }
    members
}

async fn identities_asked_together_each_find_their_own(store: Store) {
    let members = members_in_a_round(&store, 8).await;
    let mut asked: Vec<(&str, &str)> = members.iter().map(|(u, ..)| ("T1", u.as_str())).collect();
    asked.extend([("T1", "U-stranger"), ("T-elsewhere", "U-m0")]);

    let read = asked
        .iter()
        .map(|(team, user)| store.identity(Platform::Slack, team, user));
    let read = join_all(read).await;

    for ((_, member, _), found) in members.iter().zip(&read) {
        let (team, found) = found.as_ref().unwrap().clone().expect("the team");
        assert_eq!(team.external_id, "T1");
        assert_eq!(found.map(|m| m.id), Some(*member));
    }
    let stranger = read[8].as_ref().unwrap().clone().expect("the team");
    assert_eq!((stranger.0.external_id.as_str(), stranger.1), ("T1", None));
    assert!(read[9].as_ref().unwrap().is_none(), "{:?}", read[9]);
}

async fn rounds_asked_together_each_find_their_own(store: Store) {
    let members = members_in_a_round(&store, 8).await;
    let mut asked: Vec<DeliveryId> = members.iter().map(|(.., d)| *d).collect();
    asked.push(DeliveryId(i64::from(i32::MAX)));

    let read = join_all(asked.iter().map(|d| store.delivery_round(*d))).await;

    for ((_, member, delivery), found) in members.iter().zip(&read) {
        let round = found.as_ref().unwrap().clone().expect("the delivery");
        assert_eq!((round.delivery_id, round.member_id), (*delivery, *member));
        assert_eq!(round.template_key, "weekly");
        assert!(round.template.is_ok());
    }
    assert!(read[8].as_ref().unwrap().is_none());
}

both_backends!(
    identities_together,
    super::identities_asked_together_each_find_their_own
);
both_backends!(
    rounds_together,
    super::rounds_asked_together_each_find_their_own
);
