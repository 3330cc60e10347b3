//! What every Discord benchmark starts from: a service on a fresh database, a bot connected to
//! a fresh strict fake, and a round of `weekly` open for many members (added in bulk).

use hoego::config::DiscordSettings;
use hoego::domain::state::Platform;
use hoego::platform::discord::DiscordBot;
use hoego::service::command::{Command, NewSchedule, ScheduleCommand};
use hoego::service::{Actor, Interaction};
use hoego::store::Store;
use secrecy::SecretString;
use sqlx::{Connection, Executor, PgConnection};

use super::fake::FakeDiscord;
use super::payloads::GUILD;
use super::platform;

/// A service on a fresh database, a bot connected to a fresh fake, and a round of `weekly` open
/// for `members` members (added in bulk), with the delivery id of each user id.
pub struct Bench {
    pub store: Store,
    pub fake: FakeDiscord,
    pub bot: DiscordBot,
    pub deliveries: Vec<(String, i64)>,
}

pub async fn bench(url: &str, members: usize) -> anyhow::Result<Bench> {
    let (store, service) = platform::store_and_service(url).await?;
    let admin = Actor {
        platform: Platform::Discord,
        team_external_id: GUILD.into(),
        team_name: format!("Discord server {GUILD}"),
        user_id: "1".into(),
        display_name: "admin".into(),
        locale: None,
        time_zone: None,
        is_admin: true,
        is_guest: false,
        channel_id: None,
        limits: hoego::platform::discord::LIMITS,
        request: None,
    };
    let add = NewSchedule {
        template: "weekly".into(),
        cron: "0 17 * * FRI".into(),
        name: Some("weekly".into()),
        ..NewSchedule::default()
    };
    let add = Command::Schedule(ScheduleCommand::Add(add));
    service.interact(&admin, Interaction::Command(add)).await;
    let leave = Command::Leave { schedule: None };
    service.interact(&admin, Interaction::Command(leave)).await;
    let mut db = PgConnection::connect(url).await?;
    sqlx::query(
        "INSERT INTO members (team_id, user_id, display_name, created_at)
         SELECT t.id, (100000 + g)::text, 'Member ' || g, now() FROM teams t, generate_series(1, $1) g",
    )
    .bind(members as i64)
    .execute(&mut db)
    .await?;
    db.execute(
        "INSERT INTO schedule_participants (schedule_id, member_id, added_at)
         SELECT s.id, m.id, now() FROM schedules s JOIN members m ON m.team_id = s.team_id
         WHERE m.user_id <> '1'",
    )
    .await?;
    let run = ScheduleCommand::RunNow {
        target: "weekly".into(),
    };
    let run = Interaction::Command(Command::Schedule(run));
    service.interact(&admin, run).await;
    let deliveries: Vec<(String, i64)> = sqlx::query_as(
        "SELECT m.user_id, d.id FROM deliveries d JOIN members m ON m.id = d.member_id",
    )
    .fetch_all(&mut db)
    .await?;
    anyhow::ensure!(
        deliveries.len() == members,
        "{} deliveries",
        deliveries.len()
    );
    let fake = FakeDiscord::with_token("bench-token").await;
    let discord = DiscordSettings {
        token: Some(SecretString::from("bench-token")),
        api_base_url: Some(url::Url::parse(&fake.base_url())?),
        guild_ids: vec![GUILD.parse()?],
        members_intent: false,
        shard_count: 0,
        shard_range: None,
    };
    let bot = DiscordBot::start(&discord, service).await?;
    fake.wait_for("PUT", "/commands", 1).await;
    Ok(Bench {
        store,
        fake,
        bot,
        deliveries,
    })
}
