//! Posting to Slack: prompts and reminders as DMs or in a thread of the schedule's channel (the
//! thread's first message cached by title), digests in channels, files through Slack's external
//! upload. A prompt's DM is posted to the member's id, which Slack delivers in the app's DM with
//! them and answers with that DM's id (cached): no `conversations.open` (50 a minute) per
//! member. One message per second per channel is the pace the sender keeps, the thread's first
//! message included; a 429 comes back as [`SendError::RateLimited`] with Slack's Retry-After.
//! What the sender posts carries metadata naming its idempotency key, so that a stranded
//! delivery can be looked up before it is sent again (`history`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

mod history;

use super::LIMITS;
use super::blocks::{Rendered, escape, mention, render, with_mention};
use super::client::send_error;
use crate::domain::lang::Lang;
use crate::service::Limits;
use crate::service::memory::Remembers;
use crate::service::messenger::{Destination, Messenger, Outgoing, Pace, SendError, Sent, Unpaced};
use crate::service::reply::{Attachment, Reply};

/// Slack's pace for posting to one channel.
const CHANNEL_INTERVAL: Duration = Duration::from_secs(1);

/// Posts messages with the bot token.
pub struct SlackMessenger {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    dms: Mutex<HashMap<String, String>>,
    threads: Mutex<HashMap<(String, String), String>>,
}

impl SlackMessenger {
    /// A messenger of its own posting with the bot `token` to `api_base_url` (Slack's when
    /// `None`), nothing cached: as a freshly started process has it.
    pub fn connect(token: &str, api_base_url: Option<&url::Url>) -> anyhow::Result<Self> {
        let token = SlackApiToken::new(SlackApiTokenValue(token.to_string()));
        Ok(SlackMessenger::new(
            super::client::client(api_base_url)?,
            token,
        ))
    }

    /// A messenger posting as the bot.
    pub fn new(client: Arc<SlackHyperClient>, token: SlackApiToken) -> Self {
        SlackMessenger {
            client,
            token,
            dms: Mutex::new(HashMap::new()),
            threads: Mutex::new(HashMap::new()),
        }
    }

    /// Posts `reply` in the DM with `user`, addressed to their DM's id when known, else to their
    /// own id (Slack delivers it in the DM and names the DM, which is kept): a burst of replies
    /// to people opens no conversations (`conversations.open` allows 50 a minute).
    pub async fn post_direct(&self, user: &str, reply: &Reply) -> Result<Sent, SlackClientError> {
        let sent = self.post(&self.direct(user, None), reply, None).await?;
        self.remember_dm(user, &sent.channel_id);
        Ok(sent)
    }

    /// Where a DM to `user` goes: the DM's id given or cached, else the user's id.
    fn direct(&self, user: &str, dm_channel: Option<&String>) -> String {
        let cached = self.dms.lock().expect("dm cache").get(user).cloned();
        dm_channel.cloned().or(cached).unwrap_or(user.to_string())
    }

    fn remember_dm(&self, user: &str, channel: &str) {
        let mut dms = self.dms.lock().expect("dm cache");
        dms.insert(user.to_string(), channel.to_string());
    }

    /// The DM conversation with `user` (opened once, then cached).
    pub async fn dm_channel(&self, user: &str) -> Result<String, SlackClientError> {
        if let Some(channel) = self.dms.lock().expect("dm cache").get(user) {
            return Ok(channel.clone());
        }
        let request =
            SlackApiConversationsOpenRequest::new().with_users(vec![SlackUserId(user.to_string())]);
        let opened = self.session().conversations_open(&request).await?;
        let channel = opened.channel.id.0;
        let mut cache = self.dms.lock().expect("dm cache");
        cache.insert(user.to_string(), channel.clone());
        Ok(channel)
    }

    /// Posts `reply` in `channel` (in the thread `thread_ts` when given), then its files.
    pub async fn post(
        &self,
        channel: &str,
        reply: &Reply,
        thread_ts: Option<&str>,
    ) -> Result<Sent, SlackClientError> {
        self.post_rendered(channel, &render(reply), thread_ts, None)
            .await
    }

    /// Posts an already rendered message in `channel` (in the thread `thread_ts` when given),
    /// carrying `metadata` when given, then its files.
    async fn post_rendered(
        &self,
        channel: &str,
        rendered: &Rendered,
        thread_ts: Option<&str>,
        metadata: Option<SlackMessageMetadata>,
    ) -> Result<Sent, SlackClientError> {
        let content = SlackMessageContent::new()
            .with_text(rendered.text.clone())
            .with_blocks(rendered.slack_blocks())
            .opt_metadata(metadata);
        let mut request = SlackApiChatPostMessageRequest::new(channel.into(), content);
        if let Some(ts) = thread_ts {
            request = request.with_thread_ts(ts.into());
        }
        let posted = self.session().chat_post_message(&request).await?;
        let sent = Sent {
            channel_id: posted.channel.0.clone(),
            message_id: posted.ts.0.clone(),
        };
        self.upload(&sent.channel_id, rendered, thread_ts).await;
        Ok(sent)
    }

    /// Uploads the rendered message's files into `channel`. The message is already posted, so a
    /// failed upload is logged rather than failing the send (which would post the message again).
    async fn upload(&self, channel: &str, rendered: &Rendered, thread_ts: Option<&str>) {
        for file in &rendered.files {
            if let Err(error) = self.upload_file(channel, file, thread_ts).await {
                tracing::warn!(error = %error, file = %file.filename, channel, "file upload failed");
            }
        }
    }

    /// One file through `files.getUploadURLExternal`, the upload, `files.completeUploadExternal`.
    pub async fn upload_file(
        &self,
        channel: &str,
        file: &Attachment,
        thread_ts: Option<&str>,
    ) -> Result<(), SlackClientError> {
        let session = self.session();
        let request =
            SlackApiFilesGetUploadUrlExternalRequest::new(file.filename.clone(), file.bytes.len());
        let target = session.get_upload_url_external(&request).await?;
        let upload = SlackApiFilesUploadViaUrlRequest::new(
            target.upload_url,
            file.bytes.clone(),
            file.content_type.clone(),
        );
        session.files_upload_via_url(&upload).await?;
        let done = SlackApiFilesComplete::new(target.file_id).with_title(file.filename.clone());
        let mut complete = SlackApiFilesCompleteUploadExternalRequest::new(vec![done])
            .with_channel_id(channel.into());
        if let Some(ts) = thread_ts {
            complete = complete.with_thread_ts(ts.into());
        }
        session.files_complete_upload_external(&complete).await?;
        Ok(())
    }

    /// The thread titled `title` in `channel`: its first message, kept once known; looked for
    /// among the channel's latest messages (an earlier process may have opened it), else posted
    /// (paced). A look-up that fails for another reason than a rate limit opens a new thread
    /// rather than hold the prompt back.
    async fn thread(
        &self,
        channel: &str,
        title: &str,
        lang: Lang,
        pace: &dyn Pace,
    ) -> Result<String, SlackClientError> {
        let key = (channel.to_string(), title.to_string());
        if let Some(ts) = self.threads.lock().expect("threads").get(&key) {
            return Ok(ts.clone());
        }
        let opened = match self.thread_roots(channel, title, pace).await {
            Ok(roots) => roots.into_iter().next(),
            Err(limited @ SlackClientError::RateLimitError(_)) => return Err(limited),
            Err(error) => {
                tracing::warn!(%error, channel, "cannot look for the round's thread; opening one");
                None
            }
        };
        if let Some(ts) = opened {
            let mut threads = self.threads.lock().expect("threads");
            return Ok(threads.entry(key).or_insert(ts).clone());
        }
        pace.request(Some(channel)).await;
        let rendered = render(&Reply::text(lang, title));
        let marker = history::thread_marker(title);
        let root = self
            .post_rendered(channel, &rendered, None, Some(marker))
            .await?;
        let mut threads = self.threads.lock().expect("threads");
        let ts = threads.entry(key).or_insert(root.message_id).clone();
        Ok(ts)
    }

    fn session(&self) -> SlackClientSession<'_, SlackClientHyperHttpsConnector> {
        self.client.open_session(&self.token)
    }

    async fn deliver(&self, message: &Outgoing, pace: &dyn Pace) -> Result<Sent, SlackClientError> {
        let mut rendered = render(&message.reply);
        if let Some(user) = &message.mention {
            rendered = with_mention(rendered, user);
        }
        let marker = Some(history::message_marker(&message.idempotency_key));
        match &message.to {
            Destination::Direct {
                user_id,
                dm_channel,
            } => {
                let channel = self.direct(user_id, dm_channel.as_ref());
                pace.request(Some(message.to.pace_key())).await;
                let sent = self
                    .post_rendered(&channel, &rendered, None, marker)
                    .await?;
                self.remember_dm(user_id, &sent.channel_id);
                Ok(sent)
            }
            Destination::Channel { channel_id, thread } => {
                let thread_ts = match thread {
                    Some(title) => Some(
                        self.thread(channel_id, title, message.reply.lang, pace)
                            .await?,
                    ),
                    None => None,
                };
                pace.request(Some(channel_id)).await;
                self.post_rendered(channel_id, &rendered, thread_ts.as_deref(), marker)
                    .await
            }
        }
    }
}

#[async_trait]
impl Messenger for SlackMessenger {
    async fn send(&self, message: &Outgoing) -> Result<Sent, SendError> {
        self.send_paced(message, &Unpaced).await
    }

    async fn send_paced(&self, message: &Outgoing, pace: &dyn Pace) -> Result<Sent, SendError> {
        self.deliver(message, pace)
            .await
            .map_err(|e| send_error(&e))
    }

    fn limits(&self) -> Limits {
        LIMITS
    }

    async fn find_sent(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        self.find_posted(message, pace)
            .await
            .map_err(|e| send_error(&e))
    }

    /// Mentions the one member the notice is about (hoego writes the mention, not a person).
    async fn notice(
        &self,
        channel_id: &str,
        user_id: &str,
        _lang: Lang,
        text: &str,
    ) -> Result<Sent, SendError> {
        let content =
            SlackMessageContent::new().with_text(format!("{} {}", mention(user_id), escape(text)));
        let request = SlackApiChatPostMessageRequest::new(channel_id.into(), content);
        let posted = self
            .session()
            .chat_post_message(&request)
            .await
            .map_err(|e| send_error(&e))?;
        Ok(Sent {
            channel_id: posted.channel.0,
            message_id: posted.ts.0,
        })
    }

    fn channel_interval(&self) -> Duration {
        CHANNEL_INTERVAL
    }

    fn account(&self) -> String {
        "slack".to_string()
    }
}

impl Remembers for SlackMessenger {
    /// A DM conversation is Slack's per user (ids are unique across workspaces).
    fn forget(&self, _team: &str, user: &str) {
        self.dms.lock().expect("dm cache").remove(user);
    }
}
