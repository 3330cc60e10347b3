//! Rounds open once per occurrence, catch up once after short downtime, are recorded as missed
//! after long downtime, and follow local time through DST.

use chrono::Duration;
use hoego::domain::state::{DeliveryStatus, RoundStatus};
use hoego::domain::zone::ZoneName;
use hoego::service::clock::Clock;
use hoego::store::Store;

use super::weekly_team;
use crate::both_backends;
use crate::support::world::{World, utc};

/// Friday 2026-12-04 17:00 in Seoul.
fn friday_5pm() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 12, 4, 8, 0)
}

async fn a_due_schedule_opens_one_round_and_ticking_again_adds_nothing(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm());

    let first = world.scheduler().tick().await.unwrap();
    let again = world.scheduler().tick().await.unwrap();

    assert_eq!((first.fired.rounds_opened, first.fired.deliveries), (1, 3));
    assert_eq!((again.fired.rounds_opened, again.fired.deliveries), (0, 0));
    let rounds = world.store.rounds_of_team(team).await.unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].due_at, friday_5pm());
    assert_eq!(rounds[0].closes_at, friday_5pm() + Duration::hours(48));
}
both_backends!(
    a_round_opens_once,
    super::a_due_schedule_opens_one_round_and_ticking_again_adds_nothing
);

async fn nothing_opens_before_the_time_and_paused_members_are_not_asked(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm() - Duration::minutes(1));
    assert_eq!(
        world.scheduler().tick().await.unwrap().fired.rounds_opened,
        0
    );
    let bob = world
        .service
        .identify(&world.actor("bob", false))
        .await
        .unwrap()
        .1;
    world
        .store
        .set_paused_until(bob.id, Some(friday_5pm() + Duration::days(3)))
        .await
        .unwrap();

    world.clock.set(friday_5pm());
    world.scheduler().tick().await.unwrap();

    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    assert_eq!(deliveries.len(), 2, "admin and alice, not paused bob");
    assert!(deliveries.iter().all(|d| d.member_id != bob.id));
}
both_backends!(
    paused_members_are_skipped,
    super::nothing_opens_before_the_time_and_paused_members_are_not_asked
);

async fn after_downtime_within_the_grace_period_the_prompt_is_delivered_once(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm() + Duration::hours(5));

    world.scheduler().tick().await.unwrap();
    let sent = world.sender().step().await.unwrap();

    assert_eq!(sent.sent, 3);
    let rounds = world.store.rounds_of_team(team).await.unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].status, RoundStatus::Open);
}
both_backends!(
    short_downtime_catches_up,
    super::after_downtime_within_the_grace_period_the_prompt_is_delivered_once
);

async fn after_downtime_beyond_the_grace_period_a_missed_round_is_recorded_and_nothing_sent(
    store: Store,
) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm() + Duration::hours(7));

    world.scheduler().tick().await.unwrap();
    let sent = world.sender().step().await.unwrap();

    assert_eq!(sent.sent, 0);
    let rounds = world.store.rounds_of_team(team).await.unwrap();
    assert_eq!(
        rounds.iter().map(|r| r.status).collect::<Vec<_>>(),
        [RoundStatus::Missed]
    );
    assert!(
        world
            .store
            .deliveries_of_team(team)
            .await
            .unwrap()
            .is_empty()
    );
    let next = world
        .say(&world.actor("admin", true), "schedule list")
        .await
        .unwrap()
        .plain_text();
    assert!(
        next.contains("Fri 11 Dec, 5 pm"),
        "next occurrence computed from the previous one: {next}"
    );
}
both_backends!(
    long_downtime_records_missed,
    super::after_downtime_beyond_the_grace_period_a_missed_round_is_recorded_and_nothing_sent
);

async fn after_weeks_of_downtime_at_most_one_catch_up_round_is_delivered(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world
        .clock
        .set(friday_5pm() + Duration::weeks(2) + Duration::hours(1));

    let outcome = world.scheduler().tick().await.unwrap();
    world.sender().step().await.unwrap();

    assert_eq!(
        (outcome.fired.rounds_missed, outcome.fired.rounds_opened),
        (2, 1)
    );
    assert_eq!(
        world.messenger.count(),
        3,
        "one prompt per member, for the latest occurrence only"
    );
    let statuses: Vec<RoundStatus> = world
        .store
        .rounds_of_team(team)
        .await
        .unwrap()
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        [RoundStatus::Missed, RoundStatus::Missed, RoundStatus::Open]
    );
}
both_backends!(
    only_one_catch_up,
    super::after_weeks_of_downtime_at_most_one_catch_up_round_is_delivered
);

async fn a_paused_schedule_opens_nothing_and_resuming_does_not_backfill(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, admin) = weekly_team(&world).await;
    world.say(&admin, "schedule pause weekly").await.unwrap();
    world.clock.set(friday_5pm() + Duration::hours(1));
    world.scheduler().tick().await.unwrap();

    world.say(&admin, "schedule resume weekly").await.unwrap();
    world.scheduler().tick().await.unwrap();

    assert!(world.store.rounds_of_team(team).await.unwrap().is_empty());
    world.clock.set(friday_5pm() + Duration::weeks(1));
    world.scheduler().tick().await.unwrap();
    assert_eq!(world.store.rounds_of_team(team).await.unwrap().len(), 1);
}
both_backends!(
    pause_and_resume,
    super::a_paused_schedule_opens_nothing_and_resuming_does_not_backfill
);

async fn when_the_window_ends_open_deliveries_become_missed_and_the_round_closes_once(
    store: Store,
) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let (team, _) = weekly_team(&world).await;
    world.clock.set(friday_5pm());
    world.scheduler().tick().await.unwrap();
    world.sender().step().await.unwrap();

    world.clock.set(friday_5pm() + Duration::hours(48));
    let closing = world.scheduler().tick().await.unwrap();
    let again = world.scheduler().tick().await.unwrap();

    assert_eq!((closing.closed.len(), closing.missed_deliveries), (1, 3));
    assert!(again.closed.is_empty());
    let deliveries = world.store.deliveries_of_team(team).await.unwrap();
    assert!(
        deliveries
            .iter()
            .all(|d| d.status == DeliveryStatus::Missed)
    );
    assert_eq!(
        world.store.rounds_of_team(team).await.unwrap()[0].status,
        RoundStatus::Closed
    );
}
both_backends!(
    windows_close,
    super::when_the_window_ends_open_deliveries_become_missed_and_the_round_closes_once
);

async fn member_local_rounds_reach_each_member_at_their_own_wall_clock_time(store: Store) {
    let world = World::new(store, utc(2026, 12, 1, 0, 0));
    let admin = world.actor("admin", true);
    world
        .say(&admin, "schedule add weekly \"0 17 * * FRI\" tz local")
        .await
        .unwrap();
    let ny = world
        .service
        .identify(&world.actor("nina", false))
        .await
        .unwrap()
        .1;
    world
        .store
        .update_member_settings(ny.id, ZoneName::parse("America/New_York").ok(), None, None)
        .await
        .unwrap();
    world
        .say(&world.actor("nina", false), "join")
        .await
        .unwrap();

    world.clock.set(utc(2026, 12, 4, 8, 0));
    world.scheduler().tick().await.unwrap();
    world.sender().step().await.unwrap();
    let seoul_only = world.messenger.count();
    world.clock.set(utc(2026, 12, 4, 22, 0));
    world.sender().step().await.unwrap();

    assert_eq!(
        seoul_only, 1,
        "the admin in Seoul at 17:00 KST; Nina waits for 17:00 in New York"
    );
    assert_eq!(world.messenger.count(), 2);
}
both_backends!(
    member_local_mode,
    super::member_local_rounds_reach_each_member_at_their_own_wall_clock_time
);

/// Ticking every 15 simulated minutes through DST changes opens exactly one round per local day,
/// at the expected instant.
async fn daily_schedules_fire_once_a_day_through_dst_changes(store: Store) {
    let world = World::new(store, utc(2026, 3, 6, 0, 0));
    let admin = world.actor("admin", true);
    world
        .say(
            &admin,
            "schedule add weekly \"30 2 * * *\" tz America/New_York name ny",
        )
        .await
        .unwrap();
    world
        .say(
            &admin,
            "schedule add kpt \"30 2 * * *\" tz Europe/Berlin name berlin",
        )
        .await
        .unwrap();
    let (team, _) = world.service.identify(&admin).await.unwrap();

    let scheduler = world.scheduler();
    while world.clock.now() < utc(2026, 3, 30, 12, 0) {
        world.clock.advance(Duration::minutes(15));
        scheduler.tick().await.unwrap();
    }

    let rounds = world.store.rounds_of_team(team.id).await.unwrap();
    let at = |day: u32, h: u32, m: u32| rounds.iter().any(|r| r.due_at == utc(2026, 3, day, h, m));
    assert_eq!(rounds.len(), 2 * 25, "25 local days each (Mar 6 to Mar 30)");
    assert!(
        at(8, 7, 0),
        "New York spring-forward day: 02:30 does not exist, fires at 03:00 EDT"
    );
    assert!(at(9, 6, 30) && at(7, 7, 30), "New York before and after");
    assert!(
        at(29, 1, 0),
        "Berlin spring-forward day: fires at 03:00 CEST"
    );
    assert!(at(28, 1, 30) && at(30, 0, 30), "Berlin before and after");
}
both_backends!(
    dst_through_the_store,
    super::daily_schedules_fire_once_a_day_through_dst_changes
);
