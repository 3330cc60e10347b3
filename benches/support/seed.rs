//! A team for a burst benchmark, on either backend, seeded through the service as people would
//! (an admin adds a weekly schedule, every member joins it, the admin runs it now), with each
//! prompt then recorded as sent to the member's DM: the bot under test starts with a round open
//! for every member and nothing left to send.

use std::future::Future;
use std::sync::Arc;

use hoego::domain::ids::DeliveryId;
use hoego::domain::state::Platform;
use hoego::service::Limits;
use hoego::service::command::{Command, NewSchedule, ScheduleCommand};
use hoego::service::guard::{Guard, Policy};
use hoego::service::quotas::Quotas;
use hoego::service::{Actor, Interaction, Outcome, Service};
use hoego::store::SentRecord;

use super::database;
use super::platform;

/// The database a bot under test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// Runs `run` with a scratch directory (the bot's working directory) and the URL of a fresh
/// database: a file in that directory on SQLite, a database of its own (dropped afterwards) on
/// PostgreSQL.
pub async fn on_database<F, Fut>(backend: Backend, name: &str, run: F) -> anyhow::Result<()>
where
    F: FnOnce(Arc<tempfile::TempDir>, String) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let dir = Arc::new(tempfile::tempdir()?);
    match backend {
        Backend::Sqlite => {
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            run(dir, url).await
        }
        Backend::Postgres => {
            let name = format!("hoego_bench_{name}_{}", std::process::id());
            database::on_fresh_database(&name, |url| run(dir, url)).await
        }
    }
}

/// The workspace or server the team is on, as its platform names it.
pub struct Workspace {
    pub platform: Platform,
    pub external_id: &'static str,
    pub name: &'static str,
    pub limits: Limits,
    /// The DM channel a user's prompt went to.
    pub dm: fn(&str) -> String,
}

impl Workspace {
    fn actor(&self, user: &str, admin: bool) -> Actor {
        Actor {
            platform: self.platform,
            team_external_id: self.external_id.into(),
            team_name: self.name.into(),
            user_id: user.into(),
            display_name: user.into(),
            locale: None,
            time_zone: None,
            is_admin: admin,
            is_guest: false,
            channel_id: None,
            limits: self.limits,
            request: None,
        }
    }
}

/// Seeds a weekly schedule that `users` joined and a round open for each of them, its prompts
/// recorded as sent; the delivery of each user. `admin` adds and runs the schedule (and leaves
/// it).
pub async fn seed(
    url: &str,
    workspace: &Workspace,
    admin: &str,
    users: &[String],
) -> anyhow::Result<Vec<(String, DeliveryId)>> {
    let (store, service) = platform::store_and_service(url).await?;
    let quotas = Quotas {
        participants_per_schedule: users.len().max(1),
        ..Quotas::default()
    };
    let service = service.with_guard(Guard::new(Policy {
        quotas,
        ..Policy::default()
    }));
    let admin = workspace.actor(admin, true);
    let add = NewSchedule {
        template: "weekly".into(),
        cron: "0 17 * * FRI".into(),
        name: Some("weekly".into()),
        ..NewSchedule::default()
    };
    done(
        &service,
        &admin,
        Command::Schedule(ScheduleCommand::Add(add)),
    )
    .await?;
    let weekly = Some("weekly".to_string());
    let leave = Command::Leave {
        schedule: weekly.clone(),
    };
    done(&service, &admin, leave).await?;
    for user in users {
        let join = Command::Join {
            schedule: weekly.clone(),
        };
        done(&service, &workspace.actor(user, false), join).await?;
    }
    let run = ScheduleCommand::RunNow {
        target: "weekly".into(),
    };
    done(&service, &admin, Command::Schedule(run)).await?;
    let team = store.all_teams().await?.remove(0);
    let mut deliveries = Vec::new();
    let mut sent = Vec::new();
    for delivery in store.deliveries_of_team(team.id).await? {
        let member = store.member(delivery.member_id).await?;
        sent.push(SentRecord {
            id: delivery.id,
            channel_id: (workspace.dm)(&member.user_id),
            message_id: format!("{}", 1_700_000_000_000_000 + delivery.id.0),
            dm: true,
        });
        deliveries.push((member.user_id, delivery.id));
    }
    for batch in sent.chunks(500) {
        store.record_sent(chrono::Utc::now(), batch).await?;
    }
    store.close().await;
    deliveries.sort();
    anyhow::ensure!(
        deliveries.len() == users.len(),
        "{} deliveries for {} members",
        deliveries.len(),
        users.len()
    );
    Ok(deliveries)
}

async fn done(service: &Service, actor: &Actor, command: Command) -> anyhow::Result<()> {
    match service.interact(actor, Interaction::Command(command)).await {
        Outcome::Done(_) => Ok(()),
        other => anyhow::bail!("seeding refused: {}", other.reply().plain_text()),
    }
}
