//! The `/hoego` slash command: each subcommand turns its options into a platform-neutral
//! [`Command`] and shows the [`Reply`] (ephemeral when personal; a form opens as a modal). The
//! doc comment of each subcommand is its description in Discord and in `/hoego help`.

use std::sync::atomic::Ordering;

use chrono::NaiveDate;
use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse, CreateInteractionResponse};

use super::schedule::schedule;
use super::{Context, Data, Error, actor, modal, render};
use crate::domain::lang::Lang;
use crate::domain::visibility::Visibility;
use crate::service::Actor;
use crate::service::command::{
    Command, DeliveryMode, QuestionRef, RecapScope, ResolutionStatus, SettingsChange,
};
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

/// Answer the questions of an open round now.
#[poise::command(slash_command)]
async fn answer(
    ctx: Context<'_>,
    #[description = "The schedule, when several rounds are open"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Answer { schedule }).await
}

/// Skip the open round.
#[poise::command(slash_command)]
async fn skip(
    ctx: Context<'_>,
    #[description = "The schedule, when several rounds are open"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Skip { schedule }).await
}

/// Edit my answers of the open round.
#[poise::command(slash_command)]
async fn edit(
    ctx: Context<'_>,
    #[description = "The schedule, when several rounds are open"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Edit { schedule }).await
}

/// Who may read an answer.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Readers {
    /// Only me, in my own recaps.
    #[name = "private"]
    Private,
    /// The team, with my name.
    #[name = "team"]
    Team,
    /// The team, without my name.
    #[name = "anonymous"]
    Anonymous,
}

/// Change who may read my answers in the open round.
#[poise::command(slash_command)]
async fn visibility(
    ctx: Context<'_>,
    #[description = "Who may read them"] readers: Readers,
    #[description = "A question's number or key; all of my answers if none"] question: Option<
        String,
    >,
) -> Result<(), Error> {
    let question = match question.as_deref().map(str::trim) {
        None | Some("" | "all") => QuestionRef::All,
        Some(text) => match text.parse::<u32>() {
            Ok(number) => QuestionRef::Number(number),
            Err(_) => QuestionRef::Key(text.to_string()),
        },
    };
    let visibility = match readers {
        Readers::Private => Visibility::Private,
        Readers::Team => Visibility::Team,
        Readers::Anonymous => Visibility::Anonymous,
    };
    run(
        ctx,
        Command::SetVisibility {
            question,
            visibility,
        },
    )
    .await
}

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
async fn recap(
    ctx: Context<'_>,
    #[description = "week, month, 2026-Q3 or 2026-03-01..2026-06-30"] period: Option<String>,
    #[description = "My answers or the team's"] scope: Option<Scope>,
    #[description = "Post it in the channel for everyone"] public: Option<bool>,
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
        },
    )
    .await
}

/// A language hoego speaks.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Language {
    /// English.
    #[name = "English"]
    En,
    /// Korean.
    #[name = "한국어"]
    Ko,
}

/// Where prompts go.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Delivery {
    /// A direct message.
    #[name = "dm"]
    Dm,
    /// A thread in the schedule's channel.
    #[name = "thread"]
    Thread,
}

/// Show or change your time zone, language and where prompts reach you.
#[poise::command(slash_command)]
async fn settings(
    ctx: Context<'_>,
    #[description = "Your time zone, e.g. Asia/Seoul"]
    #[autocomplete = "time_zones"]
    tz: Option<String>,
    #[description = "Your language"] lang: Option<Language>,
    #[description = "Prompts by DM or in a thread"] delivery: Option<Delivery>,
) -> Result<(), Error> {
    let change = SettingsChange {
        tz,
        lang: lang.map(|l| match l {
            Language::En => Lang::En,
            Language::Ko => Lang::Ko,
        }),
        delivery: delivery.map(|d| match d {
            Delivery::Dm => DeliveryMode::Dm,
            Delivery::Thread => DeliveryMode::Thread,
        }),
    };
    if change == SettingsChange::default() {
        return run(ctx, Command::ShowSettings).await;
    }
    run(ctx, Command::UpdateSettings(change)).await
}

/// Stop asking me questions until a date.
#[poise::command(slash_command)]
async fn pause(
    ctx: Context<'_>,
    #[description = "The first day to ask again, e.g. 2026-12-31"] until: String,
) -> Result<(), Error> {
    match NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d") {
        Ok(until) => run(ctx, Command::Pause { until }).await,
        Err(_) => {
            let text = format!("`{until}` is not a date. Example: `/hoego pause until:2026-12-31`");
            show(ctx, &command_actor(ctx), Reply::text(text)).await
        }
    }
}

/// Ask me questions again after a pause.
#[poise::command(slash_command)]
async fn resume(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::Resume).await
}

/// Send me everything I wrote, as a file.
#[poise::command(slash_command)]
async fn export(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::Export).await
}

/// Delete everything I wrote (asks to confirm first).
#[poise::command(slash_command, rename = "forget-me")]
async fn forget_me(
    ctx: Context<'_>,
    #[description = "Delete now, without asking again"] confirm: Option<bool>,
) -> Result<(), Error> {
    let confirmed = confirm.unwrap_or(false);
    run(ctx, Command::ForgetMe { confirmed }).await
}

/// My resolutions: list them, record progress.
#[poise::command(
    slash_command,
    subcommand_required,
    subcommands("resolutions_list", "resolutions_set")
)]
async fn resolutions(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// List my resolutions.
#[poise::command(slash_command, rename = "list")]
async fn resolutions_list(ctx: Context<'_>) -> Result<(), Error> {
    run(ctx, Command::ListResolutions).await
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
async fn resolutions_set(
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

/// Join a schedule's rounds.
#[poise::command(slash_command)]
async fn join(
    ctx: Context<'_>,
    #[description = "The schedule; none for the only one"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Join { schedule }).await
}

/// Leave a schedule's rounds.
#[poise::command(slash_command)]
async fn leave(
    ctx: Context<'_>,
    #[description = "The schedule; none for the only one"] schedule: Option<String>,
) -> Result<(), Error> {
    run(ctx, Command::Leave { schedule }).await
}

/// Show what each command does.
#[poise::command(slash_command)]
async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let text = help_text(&ctx.framework().options().commands);
    show(ctx, &command_actor(ctx), Reply::text(text)).await
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

/// Time zones whose name contains what was typed.
async fn time_zones(_ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let choices = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| name.to_lowercase().contains(&partial))
        .take(SUGGESTIONS)
        .map(AutocompleteChoice::from)
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Runs `command` for the person who typed it and shows the reply.
pub async fn run(ctx: Context<'_>, command: Command) -> Result<(), Error> {
    let actor = command_actor(ctx);
    let reply = ctx.data().service.handle(&actor, command).await;
    show(ctx, &actor, reply).await
}

/// Shows a reply: a form opens as a modal, anything else is a message (ephemeral when personal).
pub async fn show(ctx: Context<'_>, actor: &Actor, reply: Reply) -> Result<(), Error> {
    if let (Some(form), poise::Context::Application(app)) = (reply.form.clone(), ctx) {
        let modal = modal::modal(&form, 0);
        let team = (actor.team_external_id.clone(), actor.team_name.clone());
        ctx.data().forms.start(&actor.user_id, team, form);
        let response = CreateInteractionResponse::Modal(modal);
        app.interaction
            .create_response(ctx.serenity_context(), response)
            .await?;
        app.has_sent_initial_response.store(true, Ordering::SeqCst);
        return Ok(());
    }
    ctx.send(render::poise_reply(&reply)).await?;
    Ok(())
}

/// The person who typed the command, in the guild it was typed in.
pub fn command_actor(ctx: Context<'_>) -> Actor {
    let team = ctx.guild_id().map(actor::guild_team).unwrap_or_default();
    let (member, locale) = match ctx {
        poise::Context::Application(app) => (
            app.interaction.member.as_deref(),
            app.interaction.locale.as_str(),
        ),
        poise::Context::Prefix(_) => (None, ""),
    };
    actor::actor(team, ctx.author(), member, locale)
}
