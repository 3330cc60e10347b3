//! Running a subcommand: the person who typed it as an [`Actor`], the platform-neutral
//! [`Command`] handled by the service, and its [`Reply`] shown (a form opens as a modal;
//! anything else is a message, ephemeral when personal).

use std::sync::atomic::Ordering;

use serenity::all::CreateInteractionResponse;

use crate::domain::ids::RequestId;
use crate::platform::discord::{Context, Error, actor, modal, render};
use crate::service::command::{Command, CommandError};
use crate::service::reply::Reply;
use crate::service::{Actor, Interaction};

/// Runs `command` for the person who typed it and shows the reply.
pub async fn run(ctx: Context<'_>, command: Command) -> Result<(), Error> {
    interact(ctx, Interaction::Command(command)).await
}

/// Tells the person who typed a command what was wrong with an option, in their language.
pub async fn misread(ctx: Context<'_>, error: CommandError) -> Result<(), Error> {
    interact(ctx, Interaction::Misread(error)).await
}

async fn interact(ctx: Context<'_>, interaction: Interaction) -> Result<(), Error> {
    let actor = command_actor(ctx);
    let outcome = ctx.data().service.interact(&actor, interaction).await;
    match outcome.shown() {
        Some(reply) => show(ctx, &actor, reply).await,
        // Another replica handled the same interaction and answers it.
        None => Ok(()),
    }
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
    // The files beyond the first message's ten follow in follow-ups, in order.
    for message in render::poise_replies(&reply) {
        ctx.send(message).await?;
    }
    Ok(())
}

/// The person who typed the command, in the guild it was typed in.
pub fn command_actor(ctx: Context<'_>) -> Actor {
    let names = &ctx.data().guilds;
    let team = (ctx.guild_id())
        .map(|guild| actor::guild_team(guild, names))
        .unwrap_or_default();
    let (member, locale, request) = match ctx {
        poise::Context::Application(app) => (
            app.interaction.member.as_deref(),
            app.interaction.locale.as_str(),
            Some(RequestId::discord(app.interaction.id)),
        ),
        poise::Context::Prefix(_) => (None, "", None),
    };
    let mut actor = actor::actor(team, ctx.author(), member, locale);
    actor.channel_id = Some(ctx.channel_id().to_string());
    actor.request = request;
    actor
}
