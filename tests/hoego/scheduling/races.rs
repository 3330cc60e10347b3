//! Several schedulers and senders on one PostgreSQL through a simulated month: exactly one round
//! per occurrence and exactly one send per delivery. The occurrences expected are read off the
//! calendar by hand (below), not computed by the scheduling code under test.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use hoego::domain::state::DeliveryStatus;
use hoego::service::clock::Clock;

use crate::support::db::{Backend, TestDb};
use crate::support::world::{World, utc};

const SCHEDULES: [(&str, &str, &str); 3] = [
    ("weekly", "0 17 * * FRI", "Asia/Seoul"),
    ("daily-ny", "0 9 * * *", "America/New_York"),
    ("nightly-berlin", "30 2 * * *", "Europe/Berlin"),
];

/// Every round due in March 2026 (UTC), by schedule, from the calendar: Fridays are the 6th,
/// 13th, 20th and 27th; New York moves to daylight time on Sunday the 8th (9:00 is 14:00 UTC
/// before, 13:00 after); Berlin on Sunday the 29th, when 02:30 does not exist and the round
/// comes once at the end of the gap (03:00 CEST = 01:00 UTC); 02:30 CET is 01:30 UTC, CEST
/// 00:30 UTC.
fn march_2026() -> BTreeSet<(String, DateTime<Utc>)> {
    let mut due = BTreeSet::new();
    for day in [6, 13, 20, 27] {
        due.insert(("weekly".to_string(), utc(2026, 3, day, 8, 0)));
    }
    for day in 1..=31 {
        let hour = if day < 8 { 14 } else { 13 };
        due.insert(("daily-ny".to_string(), utc(2026, 3, day, hour, 0)));
        let (hour, minute) = match day {
            1..=28 => (1, 30),
            29 => (1, 0),
            _ => (0, 30),
        };
        due.insert((
            "nightly-berlin".to_string(),
            utc(2026, 3, day, hour, minute),
        ));
    }
    due
}

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
    let schedules = world.store.schedules(team.id).await.unwrap();
    let name_of = |id| {
        schedules
            .iter()
            .find(|s| Some(s.id) == id)
            .unwrap()
            .name
            .clone()
    };
    let made: BTreeSet<(String, DateTime<Utc>)> = rounds
        .iter()
        .map(|r| (name_of(r.schedule_id), r.due_at))
        .collect();
    let expected = march_2026();
    assert_eq!(
        expected.len(),
        66,
        "4 Fridays, 31 New York mornings, 31 Berlin nights"
    );
    assert_eq!(
        rounds.len(),
        expected.len(),
        "one round per occurrence, none twice"
    );
    assert_eq!(made, expected, "each round at its calendar instant");
    let deliveries = world.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(
        deliveries.len(),
        expected.len() * 5,
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
