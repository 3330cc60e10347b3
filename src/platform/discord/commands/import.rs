//! `/hoego import file:<attachment>`: a member's own past notes from a file. The attachment's
//! size is checked before it is fetched (one over the limit is refused unread), it is fetched
//! with the limit enforced as it streams in, and the service answers with a dry run and a
//! Confirm button. The response is deferred first: fetching and checking may take a moment.

use std::time::Duration;

use serenity::all::Attachment;

use super::respond::{command_actor, show};
use super::{Context, Error};
use crate::service::Interaction;
use crate::service::import::{ImportFile, Upload};

/// How long fetching an attachment may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(20);

/// Import my own past notes from a file (checked first, then confirmed).
#[poise::command(slash_command)]
pub async fn import(
    ctx: Context<'_>,
    #[description = "My hoego-export.json, a Markdown note or a CSV"] file: Attachment,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let actor = command_actor(ctx);
    let service = &ctx.data().service;
    let upload = fetch(&file, service.chat_import_limit()).await;
    let outcome = service.interact(&actor, Interaction::Import(upload)).await;
    show(ctx, &actor, outcome.into_reply()).await
}

/// The attachment as an upload: refused unread when Discord says it is over `limit`, and
/// never read past `limit` whatever it says.
async fn fetch(file: &Attachment, limit: u64) -> Upload {
    let name = file.filename.clone();
    if u64::from(file.size) > limit {
        let bytes = u64::from(file.size);
        return Upload::TooLarge { name, bytes };
    }
    match tokio::time::timeout(FETCH_TIMEOUT, read_capped(&file.url, limit)).await {
        Ok(Ok(Some(bytes))) => Upload::File(ImportFile { path: name, bytes }),
        Ok(Ok(None)) => Upload::TooLarge {
            name,
            bytes: limit + 1,
        },
        Ok(Err(error)) => {
            tracing::warn!(error = %error, "cannot fetch an attachment to import");
            let why = format!("Discord did not send it ({error})");
            Upload::Unfetched { name, why }
        }
        Err(_) => {
            let why = format!(
                "Discord did not send it within {}s",
                FETCH_TIMEOUT.as_secs()
            );
            Upload::Unfetched { name, why }
        }
    }
}

/// The body at `url`, or `None` once it grows past `limit` bytes.
async fn read_capped(url: &str, limit: u64) -> Result<Option<Vec<u8>>, reqwest::Error> {
    let mut response = reqwest::get(url).await?.error_for_status()?;
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > limit {
            return Ok(None);
        }
    }
    Ok(Some(bytes))
}
