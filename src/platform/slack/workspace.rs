//! The workspace's name, as the team's name: `auth.test`'s `team`, asked again when the name
//! read is older than [`super::people::PROFILE_TTL_SECS`], so a renamed workspace is renamed in
//! hoego within minutes. When Slack cannot be asked, the last name read stands; a workspace never
//! read is named by its domain (or id) until Slack answers.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};
use slack_morphism::prelude::{SlackApiToken, SlackHyperClient};

use super::people::PROFILE_TTL_SECS;

/// Workspace names by team id, with when each was read.
#[derive(Default)]
pub struct Workspaces {
    names: Mutex<HashMap<String, (DateTime<Utc>, String)>>,
}

impl Workspaces {
    /// The name of workspace `team` read within [`PROFILE_TTL_SECS`] of `now`, without asking
    /// Slack.
    pub fn cached(&self, now: DateTime<Utc>, team: &str) -> Option<String> {
        let names = self.names.lock().expect("workspaces");
        let (at, name) = names.get(team)?;
        (now - *at < TimeDelta::seconds(PROFILE_TTL_SECS)).then(|| name.clone())
    }

    /// The name of workspace `team` at `now` (`domain` when Slack gave one, for a workspace
    /// never read).
    pub async fn name(
        &self,
        client: &SlackHyperClient,
        token: &SlackApiToken,
        now: DateTime<Utc>,
        team: &str,
        domain: Option<&str>,
    ) -> String {
        let cached = self.names.lock().expect("workspaces").get(team).cloned();
        if let Some((at, name)) = &cached
            && now - *at < TimeDelta::seconds(PROFILE_TTL_SECS)
        {
            return name.clone();
        }
        match client.open_session(token).auth_test().await {
            Ok(me) if me.team_id.0 == team && !me.team.trim().is_empty() => {
                let name = me.team.trim().to_string();
                let mut names = self.names.lock().expect("workspaces");
                names.insert(team.to_string(), (now, name.clone()));
                name
            }
            Ok(me) => {
                // A token of another workspace (an org-wide install): not this one's name.
                tracing::debug!(asked = team, token_team = %me.team_id.0, "auth.test is another workspace's");
                fallback(cached, team, domain)
            }
            Err(error) => {
                tracing::warn!(error = %error, team, "auth.test failed; the workspace keeps its name");
                fallback(cached, team, domain)
            }
        }
    }
}

fn fallback(cached: Option<(DateTime<Utc>, String)>, team: &str, domain: Option<&str>) -> String {
    match (cached, domain) {
        (Some((_, name)), _) => name,
        (None, Some(domain)) if !domain.trim().is_empty() => domain.to_string(),
        _ => team.to_string(),
    }
}
