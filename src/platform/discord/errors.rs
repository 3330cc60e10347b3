//! What becomes of an error a command returns: it is logged with its command and a short
//! reference, and the member is told, in their language, that something went wrong on our side
//! and given the reference to quote — unless Discord refused the answer because the interaction
//! was already answered (40060: another replica on the same shard was first), which is logged
//! and left silent, as is a button's or a form's response refused the same way. Errors poise
//! raises before a command runs (a bad argument, a missing permission) are answered by poise's
//! own handler.

use std::time::Duration;

use super::commands::command_actor;
use super::{Context, Data, Error, render};
use crate::service::error::reference;
use crate::service::reply::Reply;

/// How long the apology may take to word in the member's language before their Discord locale
/// decides it (the database may be what failed).
const APOLOGY_WAIT: Duration = Duration::from_millis(500);

/// Logs every error; tells the person when their command failed. Never fails itself.
pub async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } if answered_elsewhere(&error) => {
            // Another replica running the same shard (or an earlier delivery of the event)
            // answered first: the member has their answer, an apology would only confuse.
            tracing::info!(command = %ctx.command().qualified_name,
                "interaction already answered elsewhere (40060); staying silent");
            metrics::counter!("hoego_interactions_answered_elsewhere_total", "kind" => "command")
                .increment(1);
        }
        poise::FrameworkError::Command { error, ctx, .. } => apologize(ctx, &error).await,
        other => {
            if let Err(error) = poise::builtins::on_error(other).await {
                tracing::error!(error = %error, "while handling an error");
            }
        }
    }
}

/// Discord's code for a second initial response to one interaction.
const ALREADY_ACKNOWLEDGED: isize = 40060;

/// Whether `error` is Discord refusing our response because the interaction was already
/// acknowledged.
fn answered_elsewhere(error: &Error) -> bool {
    error
        .downcast_ref::<serenity::Error>()
        .is_some_and(already_acknowledged)
}

/// `sent`, or silence when Discord refused it because the interaction was answered already
/// (40060: another replica on the same shard was first, and the person has its answer). A
/// button's or a form's response, `kind` naming which.
pub(super) fn answered_here(
    sent: Result<(), serenity::Error>,
    kind: &'static str,
) -> Result<(), Error> {
    match sent {
        Err(error) if already_acknowledged(&error) => {
            tracing::info!(
                kind,
                "interaction already answered elsewhere (40060); staying silent"
            );
            metrics::counter!("hoego_interactions_answered_elsewhere_total", "kind" => kind)
                .increment(1);
            Ok(())
        }
        other => Ok(other?),
    }
}

/// Whether serenity's `error` is Discord's 400 40060: the interaction was acknowledged already.
pub(super) fn already_acknowledged(error: &serenity::Error) -> bool {
    use serenity::all::HttpError;
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            response.error.code == ALREADY_ACKNOWLEDGED
        }
        _ => false,
    }
}

/// Logs `error` with a fresh reference and sends the member an ephemeral apology quoting it.
async fn apologize(ctx: Context<'_>, error: &Error) {
    let reference = reference();
    tracing::error!(
        reference = %reference,
        error = %error,
        command = %ctx.command().qualified_name,
        "command failed"
    );
    let text = apology(ctx, &reference).await.plain_text();
    let reply = poise::CreateReply::default()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(render::no_mentions());
    if let Err(error) = ctx.send(reply).await {
        tracing::warn!(reference = %reference, error = %error, "cannot send the apology");
    }
}

/// The apology quoting `reference`, in the member's language: their setting, or when it cannot be
/// read quickly, their Discord locale's, or the default.
async fn apology(ctx: Context<'_>, reference: &str) -> Reply {
    let actor = command_actor(ctx);
    let service = &ctx.data().service;
    let args = [("reference", reference)];
    let worded = service.notice(&actor, "error.internal", &args);
    match tokio::time::timeout(APOLOGY_WAIT, worded).await {
        Ok(reply) => reply,
        Err(_) => service.notice_offline(actor.locale.as_deref(), "error.internal", &args),
    }
}
