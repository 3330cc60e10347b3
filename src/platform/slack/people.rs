//! Who is asking: the workspace as the team, and from `users.info` the person's name, Slack
//! locale and time zone (their first defaults) and whether they are a workspace admin or owner
//! (or listed in `slack.admin_user_ids`). Profiles are cached for a few minutes; when Slack
//! cannot be asked, the last profile read stands, and without one only the configured list
//! makes an admin.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use slack_morphism::prelude::{
    SlackApiToken, SlackApiUsersInfoRequest, SlackHyperClient, SlackUser, SlackUserId,
};

use crate::domain::state::Platform;
use crate::domain::zone::ZoneName;
use crate::service::Actor;

/// How long a profile is trusted before `users.info` is asked again.
const PROFILE_TTL: Duration = Duration::from_secs(300);

/// What hoego needs of a Slack profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Display name, else real name, else user name.
    pub name: String,
    /// Slack's locale, e.g. `ko-KR`.
    pub locale: Option<String>,
    /// Slack's IANA zone, when hoego knows it.
    pub time_zone: Option<ZoneName>,
    /// Workspace admin, owner or primary owner.
    pub admin: bool,
}

/// Profiles by user, asked of Slack on first need.
pub struct People {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    admins: Vec<String>,
    cache: Mutex<HashMap<String, (Instant, Profile)>>,
}

impl People {
    /// Profiles read with the bot token; `admins` may change schedules whatever Slack says.
    pub fn new(client: Arc<SlackHyperClient>, token: SlackApiToken, admins: Vec<String>) -> Self {
        People {
            client,
            token,
            admins,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The actor for `user` in workspace `team` (named `domain` when Slack gave it).
    pub async fn actor(&self, team: &str, domain: Option<&str>, user: &str) -> Actor {
        let profile = self.profile(user).await;
        let listed = self.admins.iter().any(|a| a == user);
        let (name, locale, time_zone, admin) = match profile {
            Some(p) => (p.name, p.locale, p.time_zone, p.admin),
            None => (user.to_string(), None, None, false),
        };
        Actor {
            platform: Platform::Slack,
            team_external_id: team.to_string(),
            team_name: format!("Slack workspace {}", domain.unwrap_or(team)),
            user_id: user.to_string(),
            display_name: name,
            locale,
            time_zone,
            is_admin: admin || listed,
            limits: super::LIMITS,
        }
    }

    async fn profile(&self, user: &str) -> Option<Profile> {
        let cached = self.cache.lock().expect("profiles").get(user).cloned();
        if let Some((at, profile)) = &cached
            && at.elapsed() < PROFILE_TTL
        {
            return Some(profile.clone());
        }
        let request =
            SlackApiUsersInfoRequest::new(SlackUserId(user.to_string())).with_include_locale(true);
        let session = self.client.open_session(&self.token);
        match session.users_info(&request).await {
            Ok(found) => {
                let profile = profile_of(&found.user);
                let mut cache = self.cache.lock().expect("profiles");
                cache.insert(user.to_string(), (Instant::now(), profile.clone()));
                Some(profile)
            }
            Err(error) => {
                // An older profile beats none: it keeps the person's name and rights.
                tracing::warn!(error = %error, user, stale = cached.is_some(), "users.info failed");
                cached.map(|(_, profile)| profile)
            }
        }
    }
}

/// The parts of a Slack user hoego uses.
pub fn profile_of(user: &SlackUser) -> Profile {
    let profile = user.profile.as_ref();
    let name = profile
        .and_then(|p| p.display_name.clone())
        .filter(|n| !n.trim().is_empty())
        .or_else(|| user.real_name.clone())
        .or_else(|| user.name.clone())
        .unwrap_or_else(|| user.id.0.clone());
    let flags = &user.flags;
    let admin = [flags.is_admin, flags.is_owner, flags.is_primary_owner]
        .iter()
        .any(|f| f.unwrap_or(false));
    Profile {
        name,
        locale: user.locale.as_ref().map(|l| l.0.clone()),
        time_zone: user.tz.as_deref().and_then(|tz| ZoneName::parse(tz).ok()),
        admin,
    }
}
