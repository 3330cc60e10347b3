//! The checks that read people and channels through slack-morphism: `users.info` on the bot
//! itself (what hoego asks of every member), and `conversations.info` on each schedule's
//! channel (is the bot a member, so it can post there).

use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use super::ADD_SCOPES;
use crate::platform::check::{ChannelUse, Check};

/// `users.info` on the bot user `bot_user`.
pub async fn users_read(client: &SlackHyperClient, token: &SlackApiToken, bot_user: &str) -> Check {
    let name = "slack users:read";
    let request = SlackApiUsersInfoRequest::new(SlackUserId(bot_user.to_string()));
    match client.open_session(token).users_info(&request).await {
        Ok(_) => Check::ok(
            name,
            "users.info answers: members' names, languages and time zones can be read",
        ),
        Err(error) => refused(name, "users.info", &error),
    }
}

/// `conversations.info` on each channel in `channels`.
pub async fn channels(
    client: &SlackHyperClient,
    token: &SlackApiToken,
    channels: &[ChannelUse],
) -> Vec<Check> {
    let session = client.open_session(token);
    let mut checks = Vec::new();
    for used in channels {
        let name = format!("slack channel {}", used.channel_id);
        let request =
            SlackApiConversationsInfoRequest::new(SlackChannelId(used.channel_id.clone()));
        let check = match session.conversations_info(&request).await {
            Ok(found) => membership(name, used, &found.channel),
            Err(error) if code(&error) == Some("channel_not_found") => Check::fail(
                name,
                format!(
                    "hoego cannot see this channel, where {} post: it does not exist, or it is private and hoego is not in it",
                    used.schedules_phrase()
                ),
                "invite hoego there (type `/invite @hoego` in the channel), or remove the schedule and add it again in a channel that exists",
            ),
            Err(error) => refused(&name, "conversations.info", &error),
        };
        checks.push(check);
    }
    checks
}

fn membership(name: String, used: &ChannelUse, channel: &SlackChannelInfo) -> Check {
    let label = channel
        .name
        .as_ref()
        .map_or_else(|| used.channel_id.clone(), |n| format!("#{n}"));
    let whose = used.schedules_phrase();
    if channel.flags.is_archived == Some(true) {
        return Check::fail(
            name,
            format!("{label} is archived; {whose} post there"),
            format!(
                "unarchive {label}, or remove the schedule and add it again in another channel"
            ),
        );
    }
    if channel.flags.is_member != Some(true) {
        return Check::fail(
            name,
            format!("hoego is not a member of {label}, so {whose} cannot post there"),
            format!("type `/invite @hoego` in {label}"),
        );
    }
    Check::ok(name, format!("hoego is a member of {label} ({whose})"))
}

/// A refused call's line: a missing scope names the scope, anything else Slack's error.
fn refused(name: &str, method: &str, error: &SlackClientError) -> Check {
    match code(error) {
        Some("missing_scope") => Check::fail(
            name,
            format!(
                "Slack refused {method}: missing scope {}",
                needed(error).unwrap_or_else(|| "?".into())
            ),
            ADD_SCOPES,
        ),
        _ => Check::fail(
            name,
            format!("Slack refused {method}: {error}"),
            "run `hoego doctor` again; if it persists, check https://slack-status.com",
        ),
    }
}

fn code(error: &SlackClientError) -> Option<&str> {
    match error {
        SlackClientError::ApiError(api) => Some(api.code.as_str()),
        _ => None,
    }
}

/// The `needed` field of a `missing_scope` answer.
fn needed(error: &SlackClientError) -> Option<String> {
    let SlackClientError::ApiError(api) = error else {
        return None;
    };
    let body: serde_json::Value = serde_json::from_str(api.http_response_body.as_deref()?).ok()?;
    body["needed"].as_str().map(str::to_string)
}
