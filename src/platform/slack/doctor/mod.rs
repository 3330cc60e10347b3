//! `hoego doctor` on Slack: the bot token (`auth.test`, whose answer also carries the scopes
//! Slack granted in `X-OAuth-Scopes` and its clock in `Date`), the granted scopes against
//! [`bot_scopes`], Socket Mode (the app-level token opens a connection) or the Events API's
//! settings, `users:read` at work, and whether the bot is in each schedule's channel
//! ([`people`]). `auth.test` goes through plain HTTPS to read those headers; every other call
//! goes through slack-morphism.

mod auth;
mod people;

use std::collections::BTreeSet;

use secrecy::ExposeSecret;
use slack_morphism::prelude::*;

use self::auth::{AuthTest, auth_test};
use super::client;
use super::scopes::bot_scopes;
use crate::config::SlackSettings;
use crate::platform::check::{ChannelUse, Check, clock_check};

/// What to do about a scope Slack did not grant.
const ADD_SCOPES: &str = "add them under OAuth & Permissions → Scopes → Bot Token Scopes (or create the app from `hoego setup slack`'s manifest), then reinstall the app to the workspace";

/// Checks the Slack side of a deployment whose schedules post in `channels`.
pub async fn check(settings: &SlackSettings, channels: &[ChannelUse]) -> Vec<Check> {
    let Some(token) = &settings.bot_token else {
        return vec![Check::fail(
            "slack token",
            "slack.bot_token is not set",
            "set HOEGO_SLACK__BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from OAuth & Permissions",
        )];
    };
    let token = token.expose_secret().to_string();
    let auth = match auth_test(settings.api_base_url.as_ref(), &token).await {
        Ok(auth) => auth,
        Err(check) => return vec![*check],
    };
    let client = match client::client(settings.api_base_url.as_ref()) {
        Ok(client) => client,
        Err(error) => {
            return vec![Check::fail(
                "slack client",
                error.to_string(),
                "install ca-certificates",
            )];
        }
    };
    let bot = SlackApiToken::new(token.into());
    let mut checks = vec![auth.token_line(), scopes(auth.scopes.as_ref())];
    checks.push(listening(settings, &client).await);
    checks.push(people::users_read(&client, &bot, &auth.user_id).await);
    checks.extend(people::channels(&client, &bot, channels).await);
    checks.push(clock_check(
        "Slack",
        auth.date.as_deref(),
        auth.sent,
        auth.received,
    ));
    checks
}

/// The granted scopes against the needed ones (`im:history` among them: hoego reads its own
/// prompts back from the DMs, with or without members DMing it commands).
fn scopes(granted: Option<&BTreeSet<String>>) -> Check {
    let name = "slack scopes";
    let Some(granted) = granted else {
        let detail = "Slack did not report the token's scopes (no X-OAuth-Scopes header)";
        return Check::skip(name, detail);
    };
    let needed = bot_scopes(false);
    let missing = not_in(&needed, |s| granted.contains(s));
    if !missing.is_empty() {
        let detail = format!(
            "missing {} (granted: {})",
            missing.join(", "),
            joined(granted)
        );
        return Check::fail(name, detail, ADD_SCOPES);
    }
    let mut detail = format!("all {} needed scopes granted", needed.len());
    let all = bot_scopes(true);
    let granted_list: Vec<&str> = granted.iter().map(String::as_str).collect();
    let unused = not_in(&granted_list, |s| all.contains(&s));
    if !unused.is_empty() {
        detail.push_str(&format!(
            "; also granted, unused by hoego: {}",
            unused.join(", ")
        ));
    }
    Check::ok(name, detail)
}

/// The scopes of `scopes` for which `held` is false.
fn not_in<'a>(scopes: &[&'a str], held: impl Fn(&str) -> bool) -> Vec<&'a str> {
    scopes.iter().copied().filter(|s| !held(s)).collect()
}

fn joined(scopes: &BTreeSet<String>) -> String {
    if scopes.is_empty() {
        return "none".into();
    }
    scopes
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Socket Mode with the app-level token, or the Events API's settings.
async fn listening(settings: &SlackSettings, client: &SlackHyperClient) -> Check {
    let name = "slack socket mode";
    let Some(app_token) = &settings.app_token else {
        return events_api(settings);
    };
    let token = SlackApiToken::new(app_token.expose_secret().to_string().into());
    let opened = client
        .open_session(&token)
        .apps_connections_open(&SlackApiAppsConnectionOpenRequest::new())
        .await;
    match opened {
        Ok(_) => Check::ok(name, "the app-level token opens Socket Mode connections"),
        Err(error) => Check::fail(
            name,
            format!("Slack refused slack.app_token: {error}"),
            "turn Socket Mode on (Settings → Socket Mode), generate an app-level token with connections:write (Basic Information → App-Level Tokens) and set HOEGO_SLACK__APP_TOKEN to it (xapp-…)",
        ),
    }
}

fn events_api(settings: &SlackSettings) -> Check {
    let name = "slack events api";
    match (settings.http_bind, &settings.signing_secret) {
        (Some(bind), Some(_)) => Check::ok(
            name,
            format!(
                "no app-level token: the Events API listens on {bind} and checks Slack's signature"
            ),
        ),
        (Some(_), None) => Check::fail(
            name,
            "slack.http_bind is set but slack.signing_secret is not, so requests cannot be verified",
            "set HOEGO_SLACK__SIGNING_SECRET to the Signing Secret under Basic Information → App Credentials",
        ),
        (None, _) => Check::fail(
            name,
            "neither Socket Mode (slack.app_token) nor the Events API (slack.http_bind) is configured",
            "for Socket Mode set HOEGO_SLACK__APP_TOKEN (xapp-…, Basic Information → App-Level Tokens, scope connections:write)",
        ),
    }
}

impl AuthTest {
    fn token_line(&self) -> Check {
        Check::ok(
            "slack token",
            format!(
                "accepted: bot user {} ({}) in workspace {} ({})",
                self.user, self.user_id, self.team, self.team_id
            ),
        )
    }
}
