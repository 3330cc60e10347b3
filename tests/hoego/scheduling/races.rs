//! Several schedulers and senders on one PostgreSQL through a simulated month: exactly one round
//! per occurrence and exactly one send per delivery.

use std::collections::HashMap;

use chrono::Duration;
use futures_util::future::join_all;
use hoego::domain::schedule::{CronSpec, preview};
use hoego::domain::state::DeliveryStatus;
use hoego::domain::zone::ZoneName;
use hoego::service::clock::Clock;

use crate::support::db::{Backend, TestDb};
use crate::support::world::{World, utc};

const SCHEDULES: [(&str, &str, &str); 3] = [
    ("weekly", "0 17 * * FRI", "Asia/Seoul"),
    ("daily-ny", "0 9 * * *", "America/New_York"),
    ("nightly-berlin", "30 2 * * *", "Europe/Berlin"),
];

#[tokio::test]
async fn four_schedulers_and_four_senders_make_one_round_per_occurrence_and_one_send_per_delivery()
{
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let start = utc(2026, 3, 1, 0, 0);
    let end = utc(2026, 4, 1, 0, 0);
    let world = World::new(db.store.clone(), start);
    let admin = world.actor("admin", true);
    for (name, cron, zone) in SCHEDULES {
        world
            .say(
                &admin,
                &format!("schedule add kpt \"{cron}\" tz {zone} name {name}"),
            )
            .await
            .unwrap();
        for user in ["u1", "u2", "u3", "u4"] {
            world
                .say(&world.actor(user, false), &format!("join {name}"))
                .await
                .unwrap();
        }
    }
    let schedulers: Vec<_> = (0..4).map(|_| world.scheduler()).collect();
    let senders: Vec<_> = (0..4).map(|_| world.sender()).collect();

    while world.clock.now() < end {
        world.clock.advance(Duration::hours(2));
        let ticks = join_all(schedulers.iter().map(|s| s.tick()));
        let steps = join_all(senders.iter().map(|s| s.step()));
        let (ticks, steps) = tokio::join!(ticks, steps);
        for tick in ticks {
            tick.unwrap();
        }
        for step in steps {
            step.unwrap();
        }
    }
    for sender in &senders {
        sender.step().await.unwrap();
    }

    let (team, _) = world.service.identify(&admin).await.unwrap();
    let rounds = world.store.rounds_of_team(team.id).await.unwrap();
    let expected: usize = SCHEDULES
        .iter()
        .map(|(_, cron, zone)| {
            let zone = ZoneName::parse(zone).unwrap().tz();
            preview(&CronSpec::parse(cron).unwrap(), zone, start, 100)
                .iter()
                .filter(|o| o.at <= end)
                .count()
        })
        .sum();
    assert_eq!(rounds.len(), expected, "one round per occurrence");
    let deliveries = world.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(
        deliveries.len(),
        expected * 5,
        "admin and four members in every round"
    );
    let mut sends: HashMap<String, usize> = HashMap::new();
    for message in world.messenger.sent() {
        *sends.entry(message.idempotency_key).or_default() += 1;
    }
    let prompts = sends
        .iter()
        .filter(|(key, _)| key.starts_with("hoego-d"))
        .count();
    assert_eq!(prompts, deliveries.len(), "every delivery was sent");
    assert!(sends.values().all(|n| *n == 1), "no message sent twice");
    assert!(
        deliveries
            .iter()
            .all(|d| d.status != DeliveryStatus::Pending)
    );
    db.finish().await;
}
