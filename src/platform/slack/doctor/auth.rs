//! `auth.test` over plain HTTPS, for what slack-morphism does not hand back: the scopes Slack
//! granted the token (`X-OAuth-Scopes`) and Slack's clock (`Date`).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::platform::check::{Check, error_chain};

/// Slack's Web API, when `slack.api_base_url` is not set.
const SLACK_API: &str = "https://slack.com/api";

/// What `auth.test` told.
#[derive(Debug, Clone)]
pub struct AuthTest {
    /// The bot user's id.
    pub user_id: String,
    /// The bot user's name.
    pub user: String,
    /// The workspace's id.
    pub team_id: String,
    /// The workspace's name.
    pub team: String,
    /// The scopes granted, when Slack said.
    pub scopes: Option<BTreeSet<String>>,
    /// The answer's `Date` header.
    pub date: Option<String>,
    /// When the request left, by this machine's clock.
    pub sent: DateTime<Utc>,
    /// When the answer came.
    pub received: DateTime<Utc>,
}

/// Calls `auth.test` with `token`; a failure is the token's doctor line.
pub async fn auth_test(base: Option<&url::Url>, token: &str) -> Result<AuthTest, Box<Check>> {
    let base = base.map_or(SLACK_API, |b| b.as_str().trim_end_matches('/'));
    let sent = Utc::now();
    let response = reqwest::Client::new()
        .post(format!("{base}/auth.test"))
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| Box::new(unreachable(&e)))?;
    let received = Utc::now();
    let scopes = header(&response, "x-oauth-scopes").map(|s| {
        s.split(',')
            .map(|scope| scope.trim().to_string())
            .filter(|scope| !scope.is_empty())
            .collect()
    });
    let date = header(&response, "date");
    let bytes = response.bytes().await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if body["ok"] != Value::Bool(true) {
        return Err(Box::new(refused(&body)));
    }
    let text = |key: &str| body[key].as_str().unwrap_or("?").to_string();
    Ok(AuthTest {
        user_id: text("user_id"),
        user: text("user"),
        team_id: text("team_id"),
        team: text("team"),
        scopes,
        date,
        sent,
        received,
    })
}

fn header(response: &reqwest::Response, key: &str) -> Option<String> {
    let value = response.headers().get(key)?;
    value.to_str().ok().map(str::to_string)
}

fn unreachable(error: &reqwest::Error) -> Check {
    Check::fail(
        "slack token",
        format!("cannot reach Slack: {}", error_chain(error)),
        "check this machine's network (HTTPS to slack.com), or slack.api_base_url if a proxy is set",
    )
}

fn refused(body: &Value) -> Check {
    let error = body["error"]
        .as_str()
        .unwrap_or("no answer Slack's API would give");
    Check::fail(
        "slack token",
        format!("Slack refused slack.bot_token ({error})"),
        "copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into HOEGO_SLACK__BOT_TOKEN; install (or reinstall) the app to the workspace if there is none",
    )
}
