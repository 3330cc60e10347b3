//! Whether a person reads a channel, for team recaps of schedules whose digest channel they
//! are in: `conversations.members` of the channel, page by page, looked through for them.

use std::sync::Arc;

use async_trait::async_trait;
use slack_morphism::prelude::{
    SlackApiConversationsMembersRequest, SlackApiToken, SlackChannelId, SlackCursorId,
    SlackHyperClient,
};

use crate::service::channel_readers::ReadsChannels;

/// Members asked per page (Slack allows up to 1,000; it recommends no more than 200).
const PAGE: u16 = 200;
/// The most pages read for one channel (200,000 members); past that the answer is "no".
const MOST_PAGES: usize = 1000;

/// Asks Slack who is in a channel.
pub struct ChannelMembers {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
}

impl ChannelMembers {
    /// Asking with the bot token.
    pub fn new(client: Arc<SlackHyperClient>, token: SlackApiToken) -> ChannelMembers {
        ChannelMembers { client, token }
    }
}

#[async_trait]
impl ReadsChannels for ChannelMembers {
    async fn can_read(&self, _team: &str, channel: &str, user: &str) -> anyhow::Result<bool> {
        let session = self.client.open_session(&self.token);
        let mut cursor: Option<SlackCursorId> = None;
        for _ in 0..MOST_PAGES {
            let request = SlackApiConversationsMembersRequest::new()
                .with_channel(SlackChannelId::new(channel.to_string()))
                .with_limit(PAGE)
                .opt_cursor(cursor.take());
            let page = session.conversations_members(&request).await?;
            if page.members.iter().any(|m| m.0 == user) {
                return Ok(true);
            }
            cursor = page
                .response_metadata
                .and_then(|m| m.next_cursor)
                .filter(|c| !c.0.is_empty());
            if cursor.is_none() {
                return Ok(false);
            }
        }
        Ok(false)
    }
}
