//! The `/hoego` slash command: each subcommand turns its options into a platform-neutral
//! [`Command`](crate::service::command::Command) and shows the reply (ephemeral when personal; a
//! form opens as a modal). The doc comment of each subcommand is its description in Discord and
//! in `/hoego help`. Subcommands live by what they are about: [`rounds`], [`recap`], [`me`],
//! [`import`], [`resolutions`] (and the Mandalart), [`milestone`], [`capsule`] and the admins' [`schedule`]; [`respond`] runs
//! them all.

mod capsule;
mod import;
mod me;
mod milestone;
mod recap;
mod resolutions;
mod respond;
mod rounds;
mod schedule;

use self::capsule::capsule;
use self::import::import;
use self::me::{export, forget_me, pause, resume, settings};
use self::milestone::milestone;
use self::recap::recap;
use self::resolutions::{mandalart, resolutions};
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
        "import",
        "forget_me",
        "resolutions",
        "mandalart",
        "milestone",
        "capsule",
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
    // In the language of the person's Discord, with the names their client shows.
    let lang = Lang::from_locale(ctx.locale().unwrap_or_default());
    let text = help_text(&ctx.framework().options().commands, lang);
    show(ctx, &command_actor(ctx), Reply::text(lang, text)).await
}

/// One line per subcommand, from the commands' registered names and descriptions in `lang`.
pub fn help_text(commands: &[poise::Command<Data, Error>], lang: Lang) -> String {
    let mut lines = Vec::new();
    for command in commands {
        let name = in_lang(&command.name, &command.name_localizations, lang);
        collect_help(command, &format!("/{name}"), lang, &mut lines);
    }
    lines.join("\n")
}

fn collect_help(
    command: &poise::Command<Data, Error>,
    path: &str,
    lang: Lang,
    lines: &mut Vec<String>,
) {
    if command.subcommands.is_empty() {
        let english = command.description.as_deref().unwrap_or_default();
        let about = in_lang(english, &command.description_localizations, lang);
        lines.push(format!("`{path}` — {about}"));
    }
    for sub in &command.subcommands {
        let name = in_lang(&sub.name, &sub.name_localizations, lang);
        collect_help(sub, &format!("{path} {name}"), lang, lines);
    }
}

/// The text registered for `lang`'s Discord locale, else the default (English) one.
fn in_lang<'a>(default: &'a str, localized: &'a [(CowStr, CowStr)], lang: Lang) -> &'a str {
    localized
        .iter()
        .find(|(locale, _)| Lang::from_locale(locale) == lang && lang != Lang::En)
        .map_or(default, |(_, text)| text.as_ref())
}

/// poise's name for its texts.
type CowStr = std::borrow::Cow<'static, str>;
