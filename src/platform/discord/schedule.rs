//! `/hoego schedule …`: the team's schedules. Changing them (add, pause, resume, remove,
//! run-now) needs Manage Server, which the bot checks itself from the member's permissions
//! before anything runs; listing and previewing are open to everyone.

use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse, GuildChannel};

use super::commands::{command_actor, run, show};
use super::{Context, Error};
use crate::service::command::{
    ChannelRef, Command, DEFAULT_PREVIEW_COUNT, NewSchedule, ScheduleCommand, ScheduleTz,
};
use crate::service::i18n::t;
use crate::service::reply::Reply;

/// Manage the team's schedules (changes need Manage Server).
#[poise::command(
    slash_command,
    subcommand_required,
    subcommands("add", "list", "preview", "pause", "resume", "remove", "run_now")
)]
pub async fn schedule(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Add a schedule: a question template asked on a cron schedule (admins).
#[poise::command(slash_command)]
async fn add(
    ctx: Context<'_>,
    #[description = "The question template, e.g. weekly or kpt"]
    #[autocomplete = "templates"]
    template: String,
    #[description = "When, as 5-field cron, e.g. 0 17 * * FRI"] cron: String,
    #[description = "Time zone, e.g. Asia/Seoul, or local for each member's own"] tz: Option<
        String,
    >,
    #[description = "The channel for announcements and threads; this one if none"] channel: Option<
        GuildChannel,
    >,
    #[description = "The schedule's name; the template's if none"] name: Option<String>,
) -> Result<(), Error> {
    let tz = tz.map(|tz| match tz.trim() {
        "local" => ScheduleTz::Local,
        zone => ScheduleTz::Zone(zone.to_string()),
    });
    let channel = channel.map(|c| c.id).unwrap_or(ctx.channel_id());
    let request = NewSchedule {
        template,
        cron,
        tz,
        channel: Some(ChannelRef::Id(channel.to_string())),
        name,
        ..NewSchedule::default()
    };
    admin(ctx, ScheduleCommand::Add(request)).await
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

/// Runs an admin subcommand, or refuses it when the member lacks Manage Server.
async fn admin(ctx: Context<'_>, command: ScheduleCommand) -> Result<(), Error> {
    let actor = command_actor(ctx);
    if !actor.is_admin {
        let lang = ctx.data().service.language_of(&actor).await;
        let text = t(lang, "discord.needs_manage_server", &[]);
        return show(ctx, &actor, Reply::text(text)).await;
    }
    run(ctx, Command::Schedule(command)).await
}

/// Template ids containing what was typed.
async fn templates(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let choices = ctx
        .data()
        .service
        .templates
        .ids()
        .into_iter()
        .filter(|id| id.to_lowercase().contains(&partial))
        .take(25)
        .map(AutocompleteChoice::from)
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
