//! Whether a member can view a channel, for team recaps of schedules whose digest channel they
//! read: the channel's permission overwrites, the server's roles and owner, and the member's
//! roles, fetched over REST and computed as Discord does (serenity's
//! `PartialGuild::user_permissions_in`).

use std::sync::Arc;

use async_trait::async_trait;
use serenity::all::{ChannelId, GuildId, Http, UserId};

use crate::service::channel_readers::ReadsChannels;

/// Asks Discord who can view a channel.
pub struct ChannelViewers {
    http: Arc<Http>,
}

impl ChannelViewers {
    /// Asking through `http`.
    pub fn new(http: Arc<Http>) -> ChannelViewers {
        ChannelViewers { http }
    }
}

#[async_trait]
impl ReadsChannels for ChannelViewers {
    async fn can_read(&self, team: &str, channel: &str, user: &str) -> anyhow::Result<bool> {
        let guild = GuildId::new(team.parse()?);
        let (channel, user) = (ChannelId::new(channel.parse()?), UserId::new(user.parse()?));
        let http = self.http.as_ref();
        let channel = channel.to_channel(http).await?;
        let Some(channel) = channel.guild().filter(|c| c.guild_id == guild) else {
            // A channel of another server (or a DM) is read by no member of this one.
            return Ok(false);
        };
        let server = guild.to_partial_guild(http).await?;
        let member = match guild.member(http, user).await {
            Ok(member) => member,
            // Someone who left the server reads none of its channels.
            Err(serenity::Error::Http(e)) if e.status_code().map(|s| s.as_u16()) == Some(404) => {
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        };
        let permissions = server.user_permissions_in(&channel, &member);
        Ok(permissions.view_channel())
    }
}
