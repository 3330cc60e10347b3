//! Each schedule channel's permissions for the bot: the channel, its server's roles and the
//! bot's member are read over REST, and serenity works out the bot's permissions there (roles,
//! then the channel's overwrites) to compare with every permission hoego's operations take.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serenity::all::{
    Channel, ChannelId, GuildChannel, GuildId, Http, Member, PartialGuild, UserId,
};

use super::errors::{MISSING_ACCESS, UNKNOWN_CHANNEL, failed_call, status_of};
use crate::platform::check::{ChannelUse, Check};
use crate::platform::discord::permissions::{OPERATIONS, names, needed};

/// Checks every channel in `channels` for the bot `me`.
pub async fn check(http: &Http, me: UserId, channels: &[ChannelUse]) -> Vec<Check> {
    let mut servers: HashMap<GuildId, (PartialGuild, Member)> = HashMap::new();
    let mut checks = Vec::new();
    for channel in channels {
        checks.push(one(http, me, channel, &mut servers).await);
    }
    checks
}

async fn one(
    http: &Http,
    me: UserId,
    used: &ChannelUse,
    servers: &mut HashMap<GuildId, (PartialGuild, Member)>,
) -> Check {
    let name = format!("discord channel {}", used.channel_id);
    let channel = match channel(http, &name, used).await {
        Ok(channel) => channel,
        Err(check) => return *check,
    };
    let guild = channel.guild_id;
    let (server, member) = match servers.entry(guild) {
        Entry::Occupied(known) => known.into_mut(),
        Entry::Vacant(slot) => {
            let fetched = tokio::try_join!(http.get_guild(guild), http.get_member(guild, me));
            match fetched {
                Ok(pair) => slot.insert(pair),
                Err(error) => return failed_call(&name, "read the server's roles", &error),
            }
        }
    };
    let has = server.user_permissions_in(&channel, member);
    verdict(name, used, &channel, has)
}

/// The server channel `used` names, or the line saying why it cannot be read.
async fn channel(http: &Http, name: &str, used: &ChannelUse) -> Result<GuildChannel, Box<Check>> {
    let Ok(id) = used.channel_id.parse::<u64>().map(ChannelId::new) else {
        let detail = format!(
            "{} names {:?}, which is not a Discord channel id",
            used.schedules_phrase(),
            used.channel_id
        );
        let fix = "remove that schedule and add it again in a channel of the server";
        return Err(Box::new(Check::fail(name, detail, fix)));
    };
    match http.get_channel(id).await {
        Ok(Channel::Guild(channel)) => Ok(channel),
        Ok(_) => Err(Box::new(Check::fail(
            name,
            "not a server channel",
            "schedules post in a server's text channel: add the schedule again there",
        ))),
        Err(error) => Err(Box::new(unreadable(name.to_string(), used, &error))),
    }
}

fn verdict(
    name: String,
    used: &ChannelUse,
    channel: &GuildChannel,
    has: serenity::all::Permissions,
) -> Check {
    let missing = needed() - has;
    let place = format!("#{} ({})", channel.name, used.schedules_phrase());
    if missing.is_empty() {
        return Check::ok(
            name,
            format!(
                "hoego can view, post, open threads, post in threads, read them back and attach files in {place}"
            ),
        );
    }
    let cannot: Vec<&str> = OPERATIONS
        .iter()
        .filter(|op| missing.contains(op.permission))
        .map(|op| op.what)
        .collect();
    Check::fail(
        name,
        format!(
            "in {place} hoego lacks {}, so it cannot {}",
            names(missing),
            cannot.join("; ")
        ),
        format!(
            "allow {} for hoego's role in #{} (Edit Channel → Permissions), or add the bot again with the link from `hoego setup discord`",
            names(missing),
            channel.name
        ),
    )
}

fn unreadable(name: String, used: &ChannelUse, error: &serenity::Error) -> Check {
    let whose = used.schedules_phrase();
    match status_of(error) {
        Some((_, MISSING_ACCESS)) | Some((403, _)) => Check::fail(
            name,
            format!("hoego cannot see this channel, where {whose} post"),
            "allow View Channel (and the rest of `hoego setup discord`'s permissions) for hoego's role in that channel (Edit Channel → Permissions)",
        ),
        Some((_, UNKNOWN_CHANNEL)) | Some((404, _)) => Check::fail(
            name,
            format!("no such channel, though {whose} post there"),
            "the channel was deleted: remove the schedule and add it again in a channel that exists",
        ),
        _ => failed_call(&name, "read the channel", error),
    }
}
