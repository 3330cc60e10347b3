//! Schedules that fire exactly once: rounds, catch-up, sending, reminders, closing, races.

mod admin;
mod digests;
mod firing;
mod races;
mod sending;
mod unreadable;

use hoego::domain::ids::TeamId;
use hoego::service::Actor;

use crate::support::world::World;

/// An admin, two members, and a weekly Friday 17:00 Seoul schedule everyone joined.
pub async fn weekly_team(world: &World) -> (TeamId, Actor) {
    let admin = world.actor("admin", true);
    world
        .say(&admin, "schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul")
        .await
        .expect("admin adds a schedule");
    for user in ["alice", "bob"] {
        world
            .say(&world.actor(user, false), "join")
            .await
            .expect("member joins");
    }
    let (team, _) = world.service.identify(&admin).await.unwrap();
    (team.id, admin)
}
