//! Two and three Discord replicas on one PostgreSQL under load: 200 commands over the shards'
//! guilds and a run-now to 300 members. Each shard runs in one replica, so every command is
//! answered once, the run-now opens one round and each member gets one prompt.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hoego::domain::state::Platform;
use hoego::domain::template::TemplateLibrary;
use hoego::service::clock::SystemClock;
use hoego::service::command::{Command as Cmd, NewSchedule, ScheduleCommand};
use hoego::service::{Actor, Defaults, Interaction, Service};
use serde_json::json;

use super::shards::{Replicas, callbacks, guild_on, settings_in, sorted};
use crate::discord::fake::{self, FakeDiscord, dm_channel};
use crate::discord::payloads::{GUILD, Person, schedule_sub, slash};
use crate::support::db::TestDb;

/// The use cases on the replicas' database, for arranging a team as members would.
fn service(db: &TestDb) -> Service {
    Service::new(
        db.store.clone(),
        Arc::new(TemplateLibrary::load(None).unwrap()),
        Arc::new(SystemClock),
        Defaults {
            time_zone: hoego::domain::zone::ZoneName::UTC,
            language: hoego::domain::lang::Lang::En,
            answer_window: Duration::from_secs(48 * 3600),
            grace_period: Duration::from_secs(6 * 3600),
            reminder_at_percent: 0,
        },
    )
}

fn actor(user: &str) -> Actor {
    Actor {
        platform: Platform::Discord,
        team_external_id: GUILD.into(),
        team_name: fake::GUILD_NAME.into(),
        user_id: user.into(),
        display_name: format!("user{user}"),
        locale: Some("en-US".into()),
        time_zone: None,
        is_admin: user == "6000",
        is_guest: false,
        channel_id: None,
        limits: hoego::platform::discord::LIMITS,
        request: None,
    }
}

/// A weekly schedule in `GUILD` that `members` joined (its admin did not).
async fn a_schedule_with(service: &Service, members: &[String]) {
    let add = NewSchedule {
        template: "weekly".into(),
        cron: "0 17 * * FRI".into(),
        name: Some("weekly".into()),
        ..NewSchedule::default()
    };
    let add = Interaction::Command(Cmd::Schedule(ScheduleCommand::Add(add)));
    service.interact(&actor("6000"), add).await;
    let leave = Interaction::Command(Cmd::Leave { schedule: None });
    service.interact(&actor("6000"), leave).await;
    for member in members {
        let join = Interaction::Command(Cmd::Join { schedule: None });
        service.interact(&actor(member), join).await;
    }
}

/// `count` replicas: 200 commands spread over the shards' guilds and a run-now to 300 members.
async fn every_command_is_answered_once_and_a_run_now_prompts_each_member_once(count: u64) {
    let rate = 45 / count as u32;
    let Some(replicas) = Replicas::start(count, rate).await else {
        return;
    };
    let members: Vec<String> = (0..300).map(|i| (7000 + i).to_string()).collect();
    let service = service(&replicas.db);
    a_schedule_with(&service, &members).await;
    replicas.spread().await;

    let run_now = schedule_sub("run-now", &[("target", json!("weekly"))]);
    replicas.fake.dispatch(
        "INTERACTION_CREATE",
        slash(1, &Person::admin("6000"), run_now),
    );
    for wave in 0..8 {
        let ids: Vec<u64> = (0..25).map(|i| 100 + wave * 25 + i).collect();
        for id in &ids {
            let guild = guild_on(id % count);
            replicas
                .fake
                .dispatch("INTERACTION_CREATE", settings_in(*id, &guild));
        }
        let last = format!("/interactions/{}/", ids[ids.len() - 1]);
        replicas.fake.wait_for("POST", &last, 1).await;
    }
    let prompts = wait_for_prompts(&replicas.fake, &members).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let prompts_after = per_dm(&replicas.fake, &members);

    let (team, _) = service.identify(&actor("6000")).await.unwrap();
    let rounds = replicas.db.store.rounds_of_team(team.id).await.unwrap();
    assert_eq!(rounds.len(), 1, "{rounds:?}");
    let deliveries = replicas.db.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(deliveries.len(), members.len());
    assert_eq!(
        callbacks(&replicas.fake, 1),
        vec![204],
        "run-now answered once"
    );
    for id in 100..300 {
        assert_eq!(callbacks(&replicas.fake, id), vec![204], "command {id}");
    }
    assert_eq!(prompts, prompts_after, "nothing more was sent");
    for member in &members {
        let sent = prompts.get(&dm_channel(member)).copied().unwrap_or(0);
        assert_eq!(sent, 1, "prompts to {member}");
    }
    assert_eq!(
        sorted(replicas.fake.connected_shards()),
        (0..count).map(|s| (s, count)).collect::<Vec<_>>(),
        "one session per shard"
    );
    replicas.stop().await;
}

/// Messages accepted in each of `members`' DM channels.
fn per_dm(fake: &FakeDiscord, members: &[String]) -> HashMap<String, usize> {
    let dms: HashMap<String, &String> = members.iter().map(|m| (dm_channel(m), m)).collect();
    let mut sent = HashMap::new();
    for request in fake.requests_to("POST", "/messages") {
        let parts: Vec<&str> = request.path.split('/').collect();
        let channel = parts.iter().skip_while(|p| **p != "channels").nth(1);
        if let Some(channel) = channel.filter(|c| dms.contains_key(**c))
            && request.status == 200
        {
            *sent.entry(channel.to_string()).or_default() += 1;
        }
    }
    sent
}

/// Waits (60 s at most) until each of `members` got a DM; the messages per DM channel.
async fn wait_for_prompts(fake: &FakeDiscord, members: &[String]) -> HashMap<String, usize> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let sent = per_dm(fake, members);
        if sent.len() >= members.len() {
            return sent;
        }
        assert!(
            Instant::now() < deadline,
            "{} of {} members prompted",
            sent.len(),
            members.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn two_replicas_answer_every_command_once_and_prompt_each_member_once() {
    every_command_is_answered_once_and_a_run_now_prompts_each_member_once(2).await;
}

#[tokio::test]
async fn three_replicas_answer_every_command_once_and_prompt_each_member_once() {
    every_command_is_answered_once_and_a_run_now_prompts_each_member_once(3).await;
}
