//! `/hoego capsule write|list|delete`: a letter to my future self (or the team's, admins),
//! written in a modal and sealed until a day; the list of my letters; deleting one by number.

use chrono::NaiveDate;

use super::respond::{misread, run};
use super::{Context, Error};
use crate::service::command::{CapsuleCommand, Command, CommandError};

/// Letters to my future self.
#[poise::command(
    slash_command,
    subcommand_required,
    subcommands("capsule_write", "capsule_list", "capsule_delete")
)]
pub async fn capsule(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Seal a letter until a day.
#[poise::command(slash_command, rename = "write")]
pub async fn capsule_write(
    ctx: Context<'_>,
    #[description = "Opening day, YYYY-MM-DD"] until: Option<String>,
    #[description = "To the team (admins)"] team: Option<bool>,
) -> Result<(), Error> {
    let until = match until.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                let value = text.to_string();
                let topic = "capsule write";
                return misread(ctx, CommandError::InvalidDate { topic, value }).await;
            }
        },
    };
    let team = team.unwrap_or(false);
    run(ctx, Command::Capsule(CapsuleCommand::Write { until, team })).await
}

/// List my letters.
#[poise::command(slash_command, rename = "list")]
pub async fn capsule_list(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::Capsule(CapsuleCommand::List)).await
}

/// Delete a letter.
#[poise::command(slash_command, rename = "delete")]
pub async fn capsule_delete(
    ctx: Context<'_>,
    #[description = "Its number in the list"] n: u32,
) -> Result<(), Error> {
    run(ctx, Command::Capsule(CapsuleCommand::Delete { n })).await
}
