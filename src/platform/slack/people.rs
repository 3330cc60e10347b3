//! Who is asking: the workspace as the team, and from `users.info` the person's name, Slack
//! locale and time zone (their first defaults) and whether they are a workspace admin or owner
//! (or listed in `slack.admin_user_ids`), or a guest. Profiles are cached for a few minutes per
//! (workspace, user); when Slack cannot be asked, an older profile keeps the person's name,
//! language and guest flag but not admin rights (they fail closed: only the configured list
//! makes an admin then), and a person never read is a guest until Slack answers. A submitted
//! answer form is acknowledged with what is known at once ([`People::actor_at_once`]): Slack is
//! not asked while the person waits for their modal to close.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};

use slack_morphism::prelude::{
    SlackApiToken, SlackApiUsersInfoRequest, SlackHyperClient, SlackUser, SlackUserId,
};

use crate::domain::state::Platform;
use crate::domain::zone::ZoneName;
use crate::service::Actor;
use crate::service::clock::Clock;
use crate::service::memory::Remembers;

/// How long a profile is trusted before `users.info` is asked again, in seconds.
pub const PROFILE_TTL_SECS: i64 = 300;

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
    /// A single- or multi-channel guest (restricted or ultra-restricted).
    pub guest: bool,
}

/// A profile's key: workspace and user.
type Key = (String, String);

/// Profiles by user, asked of Slack on first need.
pub struct People {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
    admins: Vec<String>,
    clock: Arc<dyn Clock>,
    cache: Mutex<HashMap<Key, (DateTime<Utc>, Profile)>>,
    workspaces: super::workspace::Workspaces,
}

impl People {
    /// Profiles read with the bot token, aged by `clock`; `admins` may change schedules
    /// whatever Slack says.
    pub fn new(
        client: Arc<SlackHyperClient>,
        token: SlackApiToken,
        admins: Vec<String>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        People {
            client,
            token,
            admins,
            clock,
            cache: Mutex::new(HashMap::new()),
            workspaces: Default::default(),
        }
    }

    /// The actor for `user` in workspace `team` (its domain `domain` when Slack gave it), the
    /// team named as the workspace is.
    pub async fn actor(&self, team: &str, domain: Option<&str>, user: &str) -> Actor {
        let profile = self.profile(team, user).await;
        let now = self.clock.now();
        let team_name = (self.workspaces)
            .name(&self.client, &self.token, now, team, domain)
            .await;
        self.actor_of(team, team_name, user, profile)
    }

    /// The actor for `user` in workspace `team` from what is known now, without asking Slack:
    /// a profile read within [`PROFILE_TTL_SECS`] makes the same actor as [`People::actor`].
    /// Otherwise the name is left empty (the member keeps the name they have), the language
    /// and zone are those last read, admin rights come only from the configured list (they
    /// fail closed), and a person never read is a guest. For a submitted answer form: its
    /// acknowledgement waits for the commit, and `users.info` (a network round trip, rate
    /// limited to about 100 a minute) would wait in front of it for every submitter whose
    /// profile was read more than a few minutes before.
    pub fn actor_at_once(&self, team: &str, user: &str) -> Actor {
        let now = self.clock.now();
        let cached = self.cached(team, user);
        let fresh = cached
            .as_ref()
            .is_some_and(|(at, _)| now - *at < TimeDelta::seconds(PROFILE_TTL_SECS));
        let team_name = self.workspaces.cached(now, team).unwrap_or_default();
        let listed = self.admins.iter().any(|a| a == user);
        match cached {
            Some((_, profile)) if fresh => self.actor_of(team, team_name, user, Some(profile)),
            Some((_, profile)) => Actor {
                display_name: String::new(),
                is_admin: listed,
                ..self.actor_of(team, team_name, user, Some(profile))
            },
            None => Actor {
                display_name: String::new(),
                ..self.actor_of(team, team_name, user, None)
            },
        }
    }

    fn actor_of(
        &self,
        team: &str,
        team_name: String,
        user: &str,
        profile: Option<Profile>,
    ) -> Actor {
        let listed = self.admins.iter().any(|a| a == user);
        let (name, locale, time_zone, admin, guest) = match profile {
            Some(p) => (p.name, p.locale, p.time_zone, p.admin, p.guest),
            None => (user.to_string(), None, None, false, true),
        };
        Actor {
            platform: Platform::Slack,
            team_external_id: team.to_string(),
            team_name,
            user_id: user.to_string(),
            display_name: name,
            locale,
            time_zone,
            is_admin: admin || listed,
            is_guest: guest && !listed,
            channel_id: None,
            limits: super::LIMITS,
            request: None,
        }
    }

    fn cached(&self, team: &str, user: &str) -> Option<(DateTime<Utc>, Profile)> {
        let key = (team.to_string(), user.to_string());
        self.cache.lock().expect("profiles").get(&key).cloned()
    }

    async fn profile(&self, team: &str, user: &str) -> Option<Profile> {
        let key = (team.to_string(), user.to_string());
        let cached = self.cached(team, user);
        let now = self.clock.now();
        if let Some((at, profile)) = &cached
            && now - *at < TimeDelta::seconds(PROFILE_TTL_SECS)
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
                cache.insert(key, (now, profile.clone()));
                Some(profile)
            }
            Err(error) => {
                // An older profile keeps the person's name and language, but rights expire
                // with it: admin rights fail closed.
                tracing::warn!(error = %error, user, stale = cached.is_some(), "users.info failed");
                cached.map(|(_, profile)| Profile {
                    admin: false,
                    ..profile
                })
            }
        }
    }
}

impl Remembers for People {
    fn forget(&self, team: &str, user: &str) {
        let key = (team.to_string(), user.to_string());
        self.cache.lock().expect("profiles").remove(&key);
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
    let guest = [flags.is_restricted, flags.is_ultra_restricted]
        .iter()
        .any(|f| f.unwrap_or(false));
    Profile {
        name,
        locale: user.locale.as_ref().map(|l| l.0.clone()),
        time_zone: user.tz.as_deref().and_then(|tz| ZoneName::parse(tz).ok()),
        admin,
        guest,
    }
}
