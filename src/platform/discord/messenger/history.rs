//! Finding a prompt an earlier attempt already posted: Discord's nonce deduplicates a resend only
//! for a few minutes, so a takeover reads the latest messages where the prompt would be and
//! looks for it by its buttons (their custom ids carry the delivery), which Discord keeps for as
//! long as the message. A DM prompt is looked for in the member's DM; a thread prompt in the
//! round's thread, which a restarted process finds among the server's active threads by its
//! parent channel and name (`GET /guilds/{guild}/threads/active`) and then keeps, so the
//! round's resends go on in it instead of a new one; a process about to open a round's thread
//! looks for it the same way first. Reading messages in a server takes Read
//! Message History. Every request is paced.

use serde_json::Value;

use super::{DiscordMessenger, answer, id_of, nonce};
use crate::platform::discord::render;
use crate::service::messenger::{Destination, Outgoing, Pace, SendError, Sent};

/// How many of a DM's latest messages are read (Discord allows up to 100 a request).
const RECENT_DM: usize = 50;
/// A thread's messages are read 100 at a time, at most this many times.
const THREAD_PAGES: usize = 10;

impl DiscordMessenger {
    /// The message posted for `message`, if an earlier attempt posted it.
    pub(super) async fn find_posted(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        let key = nonce(&message.idempotency_key);
        let (create, _, _) =
            render::channel_message(&message.reply, &key, message.mention.as_deref());
        let body = serde_json::to_value(&create)
            .map_err(|e| SendError::Failed(format!("cannot encode the message: {e}")))?;
        let Some(marker) = custom_ids(&body).into_iter().next() else {
            return Ok(None);
        };
        match &message.to {
            Destination::Channel {
                channel_id,
                thread: Some(title),
            } => self.find_in_thread(channel_id, title, &marker, pace).await,
            to => {
                let channel = self.channel_for(to, pace).await?;
                self.find_in(&channel, &marker, 1, RECENT_DM, pace).await
            }
        }
    }

    /// The message carrying `marker` in the thread `title` of `channel`: the thread this
    /// messenger keeps, or each active thread of that name there, newest first.
    async fn find_in_thread(
        &self,
        channel: &str,
        title: &str,
        marker: &str,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        let key = (channel.to_string(), title.to_string());
        let kept = self.threads.lock().expect("threads").get(&key).cloned();
        let threads = match kept {
            Some(thread) => vec![thread],
            None => {
                let named = self.threads_named(channel, title, pace).await?;
                if let Some(newest) = named.first() {
                    let mut threads = self.threads.lock().expect("threads");
                    threads.entry(key).or_insert_with(|| newest.clone());
                }
                named
            }
        };
        for thread in threads {
            if let Some(sent) = self
                .find_in(&thread, marker, THREAD_PAGES, 100, pace)
                .await?
            {
                return Ok(Some(sent));
            }
        }
        Ok(None)
    }

    /// The message carrying `marker` among the latest `pages` × `per_page` of `channel`.
    async fn find_in(
        &self,
        channel: &str,
        marker: &str,
        pages: usize,
        per_page: usize,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        let mut before: Option<String> = None;
        for _ in 0..pages {
            pace.request(None).await;
            let mut path = format!("/channels/{channel}/messages?limit={per_page}");
            if let Some(oldest) = &before {
                path.push_str(&format!("&before={oldest}"));
            }
            let recent = answer(self.get(&path)).await?;
            let recent = recent.as_array().cloned().unwrap_or_default();
            if let Some(posted) = recent
                .iter()
                .find(|m| custom_ids(m).iter().any(|id| id == marker))
            {
                return Ok(Some(Sent {
                    channel_id: channel.to_string(),
                    message_id: id_of(posted)?,
                }));
            }
            if recent.len() < per_page {
                break;
            }
            before = recent.last().map(id_of).transpose()?;
        }
        Ok(None)
    }

    pub(super) fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}/api/v10{path}", self.base))
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
    }
}

/// The custom ids of a message's buttons, in order.
fn custom_ids(message: &Value) -> Vec<String> {
    let rows = message["components"].as_array().into_iter().flatten();
    rows.flat_map(|row| row["components"].as_array().into_iter().flatten())
        .filter_map(|component| component["custom_id"].as_str().map(str::to_string))
        .collect()
}
