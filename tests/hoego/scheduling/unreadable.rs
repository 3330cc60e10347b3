//! Stored schedule values hoego cannot read (a zone or expression from a hand edit or another
//! version) are reported and skipped, never read as something else: an unreadable zone is not
//! "member-local", a member's unreadable zone is not the team's.

use hoego::domain::state::DeliveryStatus;
use hoego::store::Store;

use super::weekly_team;
use crate::on_each_backend;
use crate::support::Backend;
use crate::support::db::TestDb;
use crate::support::world::{World, utc};

/// Friday 2026-12-04 17:00 in Seoul.
fn friday_5pm() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 12, 4, 8, 0)
}

async fn a_world(backend: Backend) -> Option<(TestDb, World)> {
    let db = TestDb::new(backend).await?;
    let world = World::new(db.store.clone(), utc(2026, 12, 1, 0, 0));
    Some((db, world))
}

async fn finish(db: TestDb, store: Store) {
    store.close().await;
    db.finish().await;
}

async fn a_schedule_whose_stored_zone_cannot_be_read_is_stopped_and_listed_as_unreadable(
    backend: Backend,
) {
    let Some((db, world)) = a_world(backend).await else {
        return;
    };
    let (team, admin) = weekly_team(&world).await;
    db.execute("UPDATE schedules SET time_zone = 'Mars/Olympus'")
        .await;
    world.clock.set(friday_5pm());

    let tick = world.scheduler().tick().await.unwrap();
    let list = world
        .say(&admin, "schedule list")
        .await
        .unwrap()
        .plain_text();

    assert_eq!((tick.fired.schedules, tick.fired.rounds_opened), (1, 0));
    assert!(world.store.rounds_of_team(team).await.unwrap().is_empty());
    assert!(list.contains("unreadable `Mars/Olympus`"), "{list}");
    assert!(!list.contains("each member's local time"), "{list}");
    assert!(world.say(&admin, "schedule resume weekly").await.is_err());
    finish(db, world.store).await;
}

async fn a_member_whose_stored_zone_cannot_be_read_is_not_asked_and_the_others_are(
    backend: Backend,
) {
    let Some((db, world)) = a_world(backend).await else {
        return;
    };
    let (team, _) = weekly_team(&world).await;
    let alice = world.service.identify(&world.actor("alice", false)).await;
    let alice = alice.unwrap().1.id;
    db.execute("UPDATE members SET time_zone = 'Nowhere/Land' WHERE user_id = 'alice'")
        .await;
    world.clock.set(friday_5pm());

    let tick = world.scheduler().tick().await.unwrap();

    assert_eq!((tick.fired.rounds_opened, tick.fired.deliveries), (1, 2));
    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    assert!(deliveries.iter().all(|d| d.member_id != alice));
    finish(db, world.store).await;
}

async fn a_prompt_whose_member_zone_cannot_be_read_is_given_up_with_the_reason_and_the_rest_are_sent(
    backend: Backend,
) {
    let Some((db, world)) = a_world(backend).await else {
        return;
    };
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm());
    world.scheduler().tick().await.unwrap();
    db.execute("UPDATE members SET time_zone = 'Nowhere/Land' WHERE user_id = 'alice'")
        .await;

    let step = world.sender().step().await.unwrap();

    assert_eq!((step.sent, step.given_up), (2, 1));
    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    let failed: Vec<_> = deliveries
        .iter()
        .filter(|d| d.status == DeliveryStatus::Failed)
        .collect();
    assert_eq!(failed.len(), 1);
    let reason = failed[0].last_error.as_deref().unwrap_or_default();
    assert!(reason.contains("Nowhere/Land"), "{reason}");
    finish(db, world.store).await;
}

on_each_backend!(
    a_schedule_whose_stored_zone_cannot_be_read_is_stopped_and_listed_as_unreadable,
    a_member_whose_stored_zone_cannot_be_read_is_not_asked_and_the_others_are,
    a_prompt_whose_member_zone_cannot_be_read_is_given_up_with_the_reason_and_the_rest_are_sent,
);

async fn a_template_version_is_parsed_once_for_the_sender_and_the_answer_form(backend: Backend) {
    let Some((db, world)) = a_world(backend).await else {
        return;
    };
    weekly_team(&world).await;
    world.clock.set(friday_5pm());
    world.scheduler().tick().await.unwrap();

    let lease = friday_5pm() + chrono::Duration::minutes(1);
    let claimed = world
        .store
        .claim_deliveries("test", friday_5pm(), lease, 10)
        .await;
    let claimed = claimed.unwrap();
    let form = world.store.delivery_round(claimed[0].id).await.unwrap();

    let sent = claimed[0].template.as_ref().unwrap();
    let asked = form.unwrap().template.unwrap();
    assert!(std::sync::Arc::ptr_eq(sent, &asked));
    let read = world.store.template(claimed[1].template_id).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(sent, &read));
    finish(db, world.store).await;
}
on_each_backend!(a_template_version_is_parsed_once_for_the_sender_and_the_answer_form);
