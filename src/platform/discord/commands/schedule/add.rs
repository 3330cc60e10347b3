//! `/hoego schedule add`: a template asked on a cron schedule, with its options parsed here
//! (a window, a reminder, a digest grouping, the template suggested as typed), and optionally
//! everyone with a role as its participants.

use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse, GuildChannel, Role, RoleId};

use super::{Context, Error, admin, command_actor, misread, show};
use crate::domain::recap::digest::DigestGrouping;
use crate::platform::discord::commands::SUGGESTIONS;
use crate::service::command::{
    ChannelRef, Command, CommandError, NewSchedule, ScheduleCommand, ScheduleTz, UserRef,
    parse_duration, parse_remind,
};
use crate::service::i18n::t;
use crate::service::{Interaction, Outcome};

/// The help topic of `schedule add`, which explains a misread option.
const TOPIC: &str = "schedule add";

/// Add a schedule: a question template asked on a cron schedule (admins).
#[poise::command(slash_command)]
#[allow(
    clippy::too_many_arguments,
    reason = "one parameter per slash command option, as poise requires"
)]
pub async fn add(
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
    #[description = "How long a round stays open, e.g. 48h or 2d"] window: Option<String>,
    #[description = "When to remind: before the close (2h) or at a share of the window (75%)"]
    remind: Option<String>,
    #[description = "How the round digest is grouped"] digest: Option<Digest>,
    #[description = "Everyone with this role takes part (needs the Server Members intent)"]
    role: Option<Role>,
) -> Result<(), Error> {
    let window = match window.as_deref().map(|w| (w, parse_duration(w))) {
        None => None,
        Some((_, Some(window))) => Some(window),
        Some((typed, None)) => {
            let (topic, option, value) = (TOPIC, "window", typed.to_string());
            let error = CommandError::InvalidDuration {
                topic,
                option,
                value,
            };
            return misread(ctx, error).await;
        }
    };
    let remind = match remind.as_deref().map(|r| (r, parse_remind(r))) {
        None => None,
        Some((_, Some(remind))) => Some(remind),
        Some((typed, None)) => {
            let value = typed.to_string();
            let error = CommandError::InvalidReminder {
                topic: TOPIC,
                value,
            };
            return misread(ctx, error).await;
        }
    };
    let digest = digest.map(|d| match d {
        Digest::ByQuestion => DigestGrouping::Question,
        Digest::ByMember => DigestGrouping::Member,
    });
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
        window,
        remind,
        digest,
        members: Vec::new(),
    };
    match role {
        Some(role) => add_for_role(ctx, request, role).await,
        None => admin(ctx, ScheduleCommand::Add(request)).await,
    }
}

/// `schedule add … role`: the schedule with everyone with the role as its participants, made
/// whole or not at all (a name taken, a role past the participants limit). Only with the Server
/// Members intent (Discord lists a guild's members to a bot only with it); without it the admin
/// is told why and nothing is added.
async fn add_for_role(ctx: Context<'_>, mut request: NewSchedule, role: Role) -> Result<(), Error> {
    let actor = command_actor(ctx);
    if !actor.is_admin {
        return admin(ctx, ScheduleCommand::Add(request)).await;
    }
    let service = &ctx.data().service;
    if !ctx.data().members_intent {
        let reply = service
            .notice(&actor, "discord.role_needs_members_intent", &[])
            .await;
        return show(ctx, &actor, reply).await;
    }
    ctx.defer_ephemeral().await?;
    request.members = role_members(ctx, role.id).await?;
    let count = request.members.len().to_string();
    let add = Interaction::Command(Command::Schedule(ScheduleCommand::Add(request)));
    let outcome = service.interact(&actor, add).await;
    let added = matches!(outcome, Outcome::Done(_));
    let Some(mut reply) = outcome.shown() else {
        // Another replica added it and answers the interaction.
        return Ok(());
    };
    if added {
        let note = t(
            reply.lang,
            "discord.role_members_added",
            &[("role", &role.name), ("count", &count)],
        );
        reply.blocks.push(note);
    }
    show(ctx, &actor, reply).await
}

/// The guild's members with `role` (bots left out), listed page by page through REST.
async fn role_members(ctx: Context<'_>, role: RoleId) -> Result<Vec<UserRef>, Error> {
    const PAGE: u64 = 1000;
    let guild = ctx.guild_id().ok_or("schedule add runs in a server")?;
    let mut users = Vec::new();
    let mut after = None;
    loop {
        let page = guild.members(ctx.http(), Some(PAGE), after).await?;
        users.extend(
            page.iter()
                .filter(|m| m.roles.contains(&role) && !m.user.bot)
                .map(|m| super::person(&m.user)),
        );
        match page.last() {
            Some(last) if page.len() as u64 == PAGE => after = Some(last.user.id),
            _ => break,
        }
    }
    Ok(users)
}

/// How a schedule's round digest is grouped.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum Digest {
    /// Each question with everyone's answers.
    #[name = "by-question"]
    ByQuestion,
    /// Each member with their answers.
    #[name = "by-member"]
    ByMember,
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
        .take(SUGGESTIONS)
        .map(AutocompleteChoice::from)
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
