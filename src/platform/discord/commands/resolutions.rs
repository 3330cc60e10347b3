//! `/hoego resolutions`: list my resolutions and record progress on one; `/hoego mandalart`:
//! show my plan for a year.

use serenity::all::User;

use super::respond::{misread, run};
use super::schedule::person;
use super::{Context, Error};
use crate::service::command::{
    Command, CommandError, ResolutionStatus, TeamMandalartCommand, check_args,
};

/// My resolutions: list them, record progress.
#[poise::command(
    slash_command,
    subcommand_required,
    subcommands("resolutions_list", "resolutions_set")
)]
pub async fn resolutions(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// List my resolutions.
#[poise::command(slash_command, rename = "list")]
pub async fn resolutions_list(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::ListResolutions).await
}

// Also a teammate's shared one (`member`) and the team's (`team`), written by admins (`write`).
/// Show my Mandalart (a plan for a year on a 9×9 grid), or mark one of its actions.
#[poise::command(slash_command)]
#[allow(clippy::too_many_arguments)]
pub async fn mandalart(
    ctx: Context<'_>,
    #[description = "The year it plans; your latest when not given"]
    #[min = 1970]
    #[max = 2200]
    year: Option<i32>,
    #[description = "An action to mark, such as 3.5"] check: Option<String>,
    #[description = "Where it stands"] status: Option<Mark>,
    #[description = "A teammate's shared one"] member: Option<User>,
    #[description = "The team's"] team: Option<bool>,
    #[description = "Fill it in (admins)"] write: Option<bool>,
) -> Result<(), Error> {
    let team = team.unwrap_or(false) || write.unwrap_or(false);
    if let Some(user) = member.filter(|_| !team && check.is_none() && status.is_none()) {
        let member = person(&user);
        return run(ctx, Command::SharedMandalart { year, member }).await;
    }
    if write.unwrap_or(false) {
        let write = TeamMandalartCommand::Write { year };
        return run(ctx, Command::TeamMandalart(write)).await;
    }
    let (at, status) = match (check, status) {
        (None, None) if team => {
            let show = TeamMandalartCommand::Show { year };
            return run(ctx, Command::TeamMandalart(show)).await;
        }
        (None, None) => return run(ctx, Command::Mandalart { year }).await,
        (Some(at), Some(status)) => (at, status),
        (at, _) => {
            let argument = if at.is_some() { "status" } else { "check" };
            let topic = if team {
                "mandalart team check"
            } else {
                "mandalart check"
            };
            return misread(ctx, CommandError::MissingArgument { topic, argument }).await;
        }
    };
    match check_args(&at, status.as_str()) {
        Ok((at, status)) if team => {
            let check = TeamMandalartCommand::Check { year, at, status };
            run(ctx, Command::TeamMandalart(check)).await
        }
        Ok((at, status)) => run(ctx, Command::CheckMandalart { year, at, status }).await,
        Err(error) => misread(ctx, error).await,
    }
}

/// Where an action of a Mandalart stands.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Mark {
    /// Done.
    #[name = "done"]
    Done,
    /// Partly done.
    #[name = "partial"]
    Partial,
    /// Not yet.
    #[name = "not-yet"]
    NotYet,
}

impl Mark {
    fn as_str(self) -> &'static str {
        match self {
            Mark::Done => "done",
            Mark::Partial => "partial",
            Mark::NotYet => "not-yet",
        }
    }
}

/// How a resolution is going.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Progress {
    /// Going as planned.
    #[name = "on-track"]
    OnTrack,
    /// Still wanted, but changed.
    #[name = "changed"]
    Changed,
    /// Achieved.
    #[name = "done"]
    Done,
    /// Given up.
    #[name = "dropped"]
    Dropped,
}

/// Record progress on one of my resolutions.
#[poise::command(slash_command, rename = "set")]
pub async fn resolutions_set(
    ctx: Context<'_>,
    #[description = "The resolution's number, as listed"]
    #[min = 1]
    number: u32,
    #[description = "How it is going"] status: Progress,
    #[description = "A note on it"] note: Option<String>,
) -> Result<(), Error> {
    let status = match status {
        Progress::OnTrack => ResolutionStatus::OnTrack,
        Progress::Changed => ResolutionStatus::Changed,
        Progress::Done => ResolutionStatus::Done,
        Progress::Dropped => ResolutionStatus::Dropped,
    };
    run(
        ctx,
        Command::SetResolution {
            number,
            status,
            note,
        },
    )
    .await
}
