//! Finding a message an earlier attempt already posted. Slack has no idempotency key, so every
//! message the sender posts carries message metadata naming its key (`hoego_message`), and a
//! thread's first message names the thread's title (`hoego_thread`). Before a stranded delivery
//! is sent again, the member's DM (`conversations.history`), or the round's thread
//! (`conversations.history` for its first message, then `conversations.replies`), is read with
//! `include_all_metadata` for a message carrying the key. A thread found this way is kept, so the
//! resends of a round that a stopped sender began go on in its thread instead of a new one; a
//! process about to open a round's thread looks for it the same way first.
//! Every read is paced as a request of its own.

use std::collections::HashMap;

use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use super::SlackMessenger;
use crate::service::messenger::{Destination, Outgoing, Pace, Sent};

/// The metadata event of a message the sender posts, with its idempotency key.
const MESSAGE_EVENT: &str = "hoego_message";
/// The metadata event of a thread's first message, with the thread's title.
const THREAD_EVENT: &str = "hoego_thread";
const KEY: &str = "key";
const TITLE: &str = "title";
/// How many of a DM's (or a channel's) latest messages are read.
const RECENT: u16 = 100;
/// How many replies of a thread are read per request, and at most how many requests.
const REPLIES_PAGE: u16 = 200;
const REPLIES_PAGES: usize = 5;

/// The metadata of a message posted for the sender under `key`.
pub(super) fn message_marker(key: &str) -> SlackMessageMetadata {
    marker(MESSAGE_EVENT, KEY, key)
}

/// The metadata of the first message of the thread `title`.
pub(super) fn thread_marker(title: &str) -> SlackMessageMetadata {
    marker(THREAD_EVENT, TITLE, title)
}

fn marker(event: &str, field: &str, value: &str) -> SlackMessageMetadata {
    let payload = HashMap::from([(field.to_string(), value.to_string())]);
    SlackMessageMetadata::new(event.into()).with_event_payload(payload)
}

/// Whether `message` carries `marker`.
fn carries(message: &SlackHistoryMessage, marker: &SlackMessageMetadata) -> bool {
    message.content.metadata.as_ref() == Some(marker)
}

impl SlackMessenger {
    /// The message posted for `message` by an earlier attempt, if Slack has it.
    pub(super) async fn find_posted(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SlackClientError> {
        let wanted = message_marker(&message.idempotency_key);
        match &message.to {
            Destination::Direct {
                user_id,
                dm_channel,
            } => {
                let cached = self.dms.lock().expect("dm cache").get(user_id).cloned();
                let channel = match dm_channel.clone().or(cached) {
                    Some(channel) => channel,
                    None => {
                        pace.request(None).await;
                        self.dm_channel(user_id).await?
                    }
                };
                let recent = self.history(&channel, pace).await?;
                Ok(found(&channel, &recent, &wanted))
            }
            Destination::Channel {
                channel_id,
                thread: None,
            } => {
                let recent = self.history(channel_id, pace).await?;
                Ok(found(channel_id, &recent, &wanted))
            }
            Destination::Channel {
                channel_id,
                thread: Some(title),
            } => self.find_in_thread(channel_id, title, &wanted, pace).await,
        }
    }

    /// The message carrying `wanted` in the thread `title` of `channel`: in the thread this
    /// messenger keeps, or in any of the channel's recent threads of that title, newest first.
    async fn find_in_thread(
        &self,
        channel: &str,
        title: &str,
        wanted: &SlackMessageMetadata,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SlackClientError> {
        let key = (channel.to_string(), title.to_string());
        let kept = self.threads.lock().expect("threads").get(&key).cloned();
        let roots = match kept {
            Some(ts) => vec![ts],
            None => {
                let roots = self.thread_roots(channel, title, pace).await?;
                if let Some(newest) = roots.first() {
                    let mut threads = self.threads.lock().expect("threads");
                    threads.entry(key).or_insert_with(|| newest.clone());
                }
                roots
            }
        };
        for root in roots {
            let replies = self.replies(channel, &root, pace).await?;
            if let Some(sent) = found(channel, &replies, wanted) {
                return Ok(Some(sent));
            }
        }
        Ok(None)
    }

    /// The first messages of the threads titled `title` among `channel`'s latest messages,
    /// newest first: a thread an earlier process opened for the round.
    pub(super) async fn thread_roots(
        &self,
        channel: &str,
        title: &str,
        pace: &dyn Pace,
    ) -> Result<Vec<String>, SlackClientError> {
        let marker = thread_marker(title);
        let recent = self.history(channel, pace).await?;
        Ok(recent
            .iter()
            .filter(|m| carries(m, &marker))
            .map(|m| m.origin.ts.0.clone())
            .collect())
    }

    /// The latest messages of `channel`, newest first, with their metadata.
    async fn history(
        &self,
        channel: &str,
        pace: &dyn Pace,
    ) -> Result<Vec<SlackHistoryMessage>, SlackClientError> {
        pace.request(None).await;
        let request = SlackApiConversationsHistoryRequest::new()
            .with_channel(channel.into())
            .with_limit(RECENT)
            .with_include_all_metadata(true);
        let answer = self.session().conversations_history(&request).await?;
        Ok(answer.messages)
    }

    /// The messages of the thread `root` in `channel`, with their metadata. slack-morphism's
    /// request has no `include_all_metadata`, so the call is made with its parameters here.
    async fn replies(
        &self,
        channel: &str,
        root: &str,
        pace: &dyn Pace,
    ) -> Result<Vec<SlackHistoryMessage>, SlackClientError> {
        let (limit, all) = (REPLIES_PAGE.to_string(), "true".to_string());
        let (channel, root) = (channel.to_string(), root.to_string());
        let mut messages = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..REPLIES_PAGES {
            pace.request(None).await;
            let params = vec![
                ("channel", Some(&channel)),
                ("ts", Some(&root)),
                ("limit", Some(&limit)),
                ("include_all_metadata", Some(&all)),
                ("cursor", cursor.as_ref()),
            ];
            let session = self.session();
            let answer: SlackApiConversationsRepliesResponse = session
                .http_session_api
                .http_get("conversations.replies", &params, None)
                .await?;
            messages.extend(answer.messages);
            cursor = answer
                .response_metadata
                .and_then(|m| m.next_cursor)
                .map(|c| c.0)
                .filter(|c| !c.is_empty());
            if cursor.is_none() {
                break;
            }
        }
        Ok(messages)
    }
}

/// The message among `messages` that carries `wanted`, as the sender records it.
fn found(
    channel: &str,
    messages: &[SlackHistoryMessage],
    wanted: &SlackMessageMetadata,
) -> Option<Sent> {
    messages.iter().find(|m| carries(m, wanted)).map(|m| Sent {
        channel_id: channel.to_string(),
        message_id: m.origin.ts.0.clone(),
    })
}
