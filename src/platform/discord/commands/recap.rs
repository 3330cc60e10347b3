//! `/hoego recap`: a recap of my or the team's answers over a period.

use super::respond::run;
use super::{Context, Error};
use crate::service::command::{Command, RecapScope};

/// Whose answers a recap reads.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Scope {
    /// My own answers.
    #[name = "me"]
    Me,
    /// The team's shared answers.
    #[name = "team"]
    Team,
}

/// Compile a recap of answers over a period (week, month, 2026-Q3, a date range).
#[poise::command(slash_command)]
pub async fn recap(
    ctx: Context<'_>,
    #[description = "week, month, 2026-Q3 or 2026-03-01..2026-06-30"] period: Option<String>,
    #[description = "My answers or the team's"] scope: Option<Scope>,
    #[description = "Post it in the channel for everyone"] public: Option<bool>,
    #[description = "Add a summary that cites its answers"] summary: Option<bool>,
) -> Result<(), Error> {
    let scope = match scope {
        Some(Scope::Team) => RecapScope::Team,
        _ => RecapScope::Me,
    };
    let period = period.unwrap_or_else(|| "week".into());
    let public = public.unwrap_or(false);
    run(
        ctx,
        Command::Recap {
            period,
            scope,
            public,
            summary: summary.unwrap_or(false),
        },
    )
    .await
}
