//! `/hoego schedule …`: the team's schedules. Changing them (add, pause, resume, remove,
//! run-now) needs Manage Server, which the bot checks itself from the member's permissions
//! before anything runs; listing and previewing are open to everyone.

mod add;

use serenity::all::User;

use self::add::add;
use super::respond::{command_actor, misread, run, show};
use super::{Context, Error};
use crate::service::command::{Command, DEFAULT_PREVIEW_COUNT, ScheduleCommand, UserRef};

/// Manage the team's schedules (changes need Manage Server).
#[poise::command(
    slash_command,
    subcommand_required,
    subcommands(
        "add",
        "list",
        "preview",
        "pause",
        "resume",
        "remove",
        "run_now",
        "add_member",
        "remove_member"
    )
)]
pub async fn schedule(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// List the team's schedules.
#[poise::command(slash_command)]
async fn list(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::Schedule(ScheduleCommand::List)).await
}

/// Show when a cron expression would run next.
#[poise::command(slash_command)]
async fn preview(
    ctx: Context<'_>,
    #[description = "5-field cron, e.g. 0 17 * * FRI"] cron: String,
    #[description = "Time zone to show the runs in; the team's if none"] tz: Option<String>,
    #[description = "How many runs (1-50)"]
    #[min = 1]
    #[max = 50]
    count: Option<u32>,
) -> Result<(), Error> {
    let count = count.unwrap_or(DEFAULT_PREVIEW_COUNT);
    let preview = ScheduleCommand::Preview { cron, tz, count };
    run(ctx, Command::Schedule(preview)).await
}

/// Stop opening rounds of a schedule (admins).
#[poise::command(slash_command)]
async fn pause(
    ctx: Context<'_>,
    #[description = "The schedule's name"] name: String,
) -> Result<(), Error> {
    admin(ctx, ScheduleCommand::Pause { name }).await
}

/// Open rounds of a paused schedule again (admins).
#[poise::command(slash_command)]
async fn resume(
    ctx: Context<'_>,
    #[description = "The schedule's name"] name: String,
) -> Result<(), Error> {
    admin(ctx, ScheduleCommand::Resume { name }).await
}

/// Delete a schedule; answers already given are kept (admins).
#[poise::command(slash_command)]
async fn remove(
    ctx: Context<'_>,
    #[description = "The schedule's name"] name: String,
) -> Result<(), Error> {
    admin(ctx, ScheduleCommand::Remove { name }).await
}

/// Open a round now, of a schedule or of a template (admins).
#[poise::command(slash_command, rename = "run-now")]
async fn run_now(
    ctx: Context<'_>,
    #[description = "A schedule's name, or a template for a one-off round"] target: String,
) -> Result<(), Error> {
    admin(ctx, ScheduleCommand::RunNow { target }).await
}

/// Add people to a schedule's rounds (admins).
#[poise::command(slash_command, rename = "add-member")]
async fn add_member(
    ctx: Context<'_>,
    #[description = "The schedule's name"] schedule: String,
    #[description = "The person to add"] member: User,
    #[description = "Another person to add"] also: Option<User>,
    #[description = "Another person to add"] and: Option<User>,
) -> Result<(), Error> {
    let users = user_refs(member, [also, and]);
    admin(ctx, ScheduleCommand::AddMember { schedule, users }).await
}

/// Remove people from a schedule's rounds (admins).
#[poise::command(slash_command, rename = "remove-member")]
async fn remove_member(
    ctx: Context<'_>,
    #[description = "The schedule's name"] schedule: String,
    #[description = "The person to remove"] member: User,
    #[description = "Another person to remove"] also: Option<User>,
    #[description = "Another person to remove"] and: Option<User>,
) -> Result<(), Error> {
    let users = user_refs(member, [also, and]);
    admin(ctx, ScheduleCommand::RemoveMember { schedule, users }).await
}

/// The people chosen in user options, by id and name (each once).
fn user_refs(first: User, more: [Option<User>; 2]) -> Vec<UserRef> {
    let mut users = vec![person(&first)];
    for user in more.into_iter().flatten() {
        let person = person(&user);
        if !users.contains(&person) {
            users.push(person);
        }
    }
    users
}

/// A Discord user as the service meets them: id and the name Discord shows.
pub(super) fn person(user: &User) -> UserRef {
    UserRef::Person {
        id: user.id.to_string(),
        name: user
            .global_name
            .clone()
            .unwrap_or_else(|| user.name.clone()),
    }
}

/// Runs an admin subcommand, or refuses it when the member lacks Manage Server.
async fn admin(ctx: Context<'_>, command: ScheduleCommand) -> Result<(), Error> {
    let actor = command_actor(ctx);
    if !actor.is_admin {
        let service = &ctx.data().service;
        let reply = service
            .notice(&actor, "discord.needs_manage_server", &[])
            .await;
        return show(ctx, &actor, reply).await;
    }
    run(ctx, Command::Schedule(command)).await
}
