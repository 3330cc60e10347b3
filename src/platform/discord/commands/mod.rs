//! The `/hoego` slash command: each subcommand turns its options into a platform-neutral
//! [`Command`](crate::service::command::Command) and shows the reply (ephemeral when personal; a
//! form opens as a modal). The doc comment of each subcommand is its description in Discord and
//! in `/hoego help`. Subcommands live by what they are about: [`rounds`], [`recap`], [`me`],
//! [`resolutions`] and the admins' [`schedule`]; [`respond`] runs them all.

mod me;
mod recap;
mod resolutions;
mod respond;
mod rounds;
mod schedule;

use self::me::{export, forget_me, pause, resume, settings};
use self::recap::recap;
use self::resolutions::resolutions;
pub use self::respond::command_actor;
use self::respond::show;
use self::rounds::{answer, edit, join, leave, skip, visibility};
use self::schedule::schedule;
use super::{Context, Data, Error};
use crate::domain::lang::Lang;
use crate::service::reply::Reply;

/// Most autocomplete suggestions Discord shows.
const SUGGESTIONS: usize = 25;

/// Reflect with your team: answer rounds, read recaps, change your settings.
#[poise::command(
    slash_command,
    guild_only,
    subcommand_required,
    subcommands(
        "answer",
        "skip",
        "edit",
        "visibility",
        "recap",
        "settings",
        "pause",
        "resume",
        "export",
        "forget_me",
        "resolutions",
        "join",
        "leave",
        "schedule",
        "help"
    )
)]
pub async fn hoego(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Show what each command does.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    // The descriptions are the commands' doc comments, which Discord shows in English.
    let text = help_text(&ctx.framework().options().commands);
    show(ctx, &command_actor(ctx), Reply::text(Lang::En, text)).await
}

/// One line per subcommand, from the commands' descriptions (their doc comments).
pub fn help_text(commands: &[poise::Command<Data, Error>]) -> String {
    let mut lines = Vec::new();
    for command in commands {
        collect_help(command, &format!("/{}", command.name), &mut lines);
    }
    lines.join("\n")
}

fn collect_help(command: &poise::Command<Data, Error>, path: &str, lines: &mut Vec<String>) {
    if command.subcommands.is_empty() {
        let about = command.description.as_deref().unwrap_or_default();
        lines.push(format!("`{path}` — {about}"));
    }
    for sub in &command.subcommands {
        collect_help(sub, &format!("{path} {}", sub.name), lines);
    }
}
