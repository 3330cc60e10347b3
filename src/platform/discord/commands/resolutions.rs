//! `/hoego resolutions`: list my resolutions and record progress on one; `/hoego mandalart`:
//! show my plan for a year.

use super::respond::run;
use super::{Context, Error};
use crate::service::command::{Command, ResolutionStatus};

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

/// Show my Mandalart (a plan for a year on a 9×9 grid).
#[poise::command(slash_command)]
pub async fn mandalart(
    ctx: Context<'_>,
    #[description = "The year it plans; your latest when not given"]
    #[min = 1970]
    #[max = 2200]
    year: Option<i32>,
) -> Result<(), Error> {
    run(ctx, Command::Mandalart { year }).await
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
