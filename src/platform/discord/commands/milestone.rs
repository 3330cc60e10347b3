//! `/hoego milestone add|list|remove|visibility`: my turning points and the team's, with the
//! date, the period and the milestone's number suggested as they are typed.

use chrono::NaiveDate;
use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse};

use super::respond::{command_actor, misread, run};
use super::{Context, Error, SUGGESTIONS};
use crate::domain::visibility::Visibility;
use crate::service::command::{Command, CommandError, MilestoneCommand};

/// My milestones and the team's: add, list, remove, share.
#[poise::command(
    slash_command,
    subcommand_required,
    subcommands(
        "milestone_add",
        "milestone_list",
        "milestone_remove",
        "milestone_visibility"
    )
)]
pub async fn milestone(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Add a dated turning point: mine, or the team's (admins).
#[poise::command(slash_command, rename = "add")]
pub async fn milestone_add(
    ctx: Context<'_>,
    #[description = "The day it happened, YYYY-MM-DD"]
    #[autocomplete = "dates"]
    date: String,
    #[description = "What happened, e.g. First day at the new job"]
    #[max_length = 120]
    text: String,
    #[description = "The whole team's milestone (admins)"] team: Option<bool>,
) -> Result<(), Error> {
    let Ok(date) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") else {
        let value = date.trim().to_string();
        let error = CommandError::InvalidDate {
            topic: "milestone add",
            value,
        };
        return misread(ctx, error).await;
    };
    let team = team.unwrap_or(false);
    run(
        ctx,
        milestone_command(MilestoneCommand::Add { date, text, team }),
    )
    .await
}

/// List the milestones I can see, numbered.
#[poise::command(slash_command, rename = "list")]
pub async fn milestone_list(
    ctx: Context<'_>,
    #[description = "Only this period, e.g. 2026 or 2026-Q3"]
    #[autocomplete = "periods"]
    period: Option<String>,
) -> Result<(), Error> {
    run(ctx, milestone_command(MilestoneCommand::List { period })).await
}

/// Remove a milestone by its number (a team milestone: admins).
#[poise::command(slash_command, rename = "remove")]
pub async fn milestone_remove(
    ctx: Context<'_>,
    #[description = "Its number, as listed"]
    #[min = 1]
    #[autocomplete = "numbers"]
    number: u32,
) -> Result<(), Error> {
    run(ctx, milestone_command(MilestoneCommand::Remove { number })).await
}

/// Who sees one of my milestones.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Sharing {
    /// Only me.
    #[name = "private"]
    Private,
    /// Everyone in the team.
    #[name = "team"]
    Team,
}

/// Share one of my milestones with the team, or make it mine alone again.
#[poise::command(slash_command, rename = "visibility")]
pub async fn milestone_visibility(
    ctx: Context<'_>,
    #[description = "Its number, as listed"]
    #[min = 1]
    #[autocomplete = "numbers"]
    number: u32,
    #[description = "Who sees it"] visibility: Sharing,
) -> Result<(), Error> {
    let visibility = match visibility {
        Sharing::Private => Visibility::Private,
        Sharing::Team => Visibility::Team,
    };
    let command = MilestoneCommand::Visibility { number, visibility };
    run(ctx, milestone_command(command)).await
}

fn milestone_command(command: MilestoneCommand) -> Command {
    Command::Milestone(command)
}

/// Today in the person's time zone, when nothing or a prefix of it was typed.
async fn dates(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let today = ctx.data().service.today_of(&command_actor(ctx)).await;
    let choices = today
        .map(|d| d.to_string())
        .filter(|d| d.starts_with(partial.trim()))
        .map(AutocompleteChoice::from)
        .into_iter()
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// This year, last year and this year's quarters, as they match what was typed.
async fn periods(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let today = ctx.data().service.today_of(&command_actor(ctx)).await;
    let Some(today) = today else {
        return CreateAutocompleteResponse::new();
    };
    let year = chrono::Datelike::year(&today);
    let mut periods = vec![year.to_string(), (year - 1).to_string()];
    periods.extend((1..=4).map(|q| format!("{year}-Q{q}")));
    let choices = periods
        .into_iter()
        .filter(|p| p.starts_with(partial.trim()))
        .map(AutocompleteChoice::from)
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// The milestones I can see whose number or text holds what was typed.
async fn numbers(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let service = &ctx.data().service;
    let choices = service
        .milestone_choices(&command_actor(ctx), partial)
        .await
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(number, label)| {
            let name: String = format!("{number}. {label}").chars().take(100).collect();
            AutocompleteChoice::new(name, number)
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
