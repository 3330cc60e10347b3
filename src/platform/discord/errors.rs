//! What becomes of an error a command returns: it is logged with its command and a short
//! reference, and the member is told, in their language, that something went wrong on our side
//! and given the reference to quote. Errors poise raises before a command runs (a bad argument,
//! a missing permission) are answered by poise's own handler.

use std::time::Duration;

use super::commands::command_actor;
use super::{Context, Data, Error, render};
use crate::domain::lang::Lang;
use crate::service::i18n::t;

/// How long the member's language may take to look up before their Discord locale decides it
/// (the database may be what failed).
const LANGUAGE_WAIT: Duration = Duration::from_millis(500);

/// Logs every error; tells the person when their command failed. Never fails itself.
pub async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => apologize(ctx, &error).await,
        other => {
            if let Err(error) = poise::builtins::on_error(other).await {
                tracing::error!(error = %error, "while handling an error");
            }
        }
    }
}

/// Logs `error` with a fresh reference and sends the member an ephemeral apology quoting it.
async fn apologize(ctx: Context<'_>, error: &Error) {
    let reference = format!("{:08x}", rand::random::<u32>());
    tracing::error!(
        reference = %reference,
        error = %error,
        command = %ctx.command().qualified_name,
        "command failed"
    );
    let text = t(
        language(ctx).await,
        "error.internal",
        &[("reference", &reference)],
    );
    let reply = poise::CreateReply::default()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(render::no_mentions());
    if let Err(error) = ctx.send(reply).await {
        tracing::warn!(reference = %reference, error = %error, "cannot send the apology");
    }
}

/// The member's language: their setting, or when it cannot be read quickly, their Discord
/// locale, or the default.
async fn language(ctx: Context<'_>) -> Lang {
    let actor = command_actor(ctx);
    let service = &ctx.data().service;
    let fallback = actor
        .locale
        .as_deref()
        .map_or(service.defaults.language, Lang::from_locale);
    tokio::time::timeout(LANGUAGE_WAIT, service.language_of(&actor))
        .await
        .unwrap_or(fallback)
}
