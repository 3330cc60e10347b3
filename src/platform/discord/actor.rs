//! Who is asking, from an interaction: the guild as the team, the member's Discord locale as
//! their first language, and admin rights from the member's permissions (Manage Server), as
//! checked by the bot itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serenity::all::{GuildId, Member, Permissions, User};

use crate::domain::state::Platform;
use crate::service::Actor;

/// The guilds' names as Discord last gave them (GUILD_CREATE when the bot connects,
/// GUILD_UPDATE when a guild is renamed): an interaction does not name its guild.
#[derive(Debug, Clone, Default)]
pub struct GuildNames(Arc<Mutex<HashMap<GuildId, String>>>);

impl GuildNames {
    /// Records `guild`'s name.
    pub fn name(&self, guild: GuildId, name: &str) {
        let mut names = self.0.lock().expect("guild names");
        names.insert(guild, name.to_string());
    }

    /// `guild`'s name; empty while Discord has not given it (the team keeps the name it has).
    pub fn of(&self, guild: GuildId) -> String {
        let names = self.0.lock().expect("guild names");
        names.get(&guild).cloned().unwrap_or_default()
    }
}

/// Whether the member may change schedules: Manage Server or Administrator.
pub fn is_admin(member: Option<&Member>) -> bool {
    member
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.contains(Permissions::MANAGE_GUILD) || p.administrator())
}

/// The actor for an interaction in `guild` (or, for a DM, in the team given).
pub fn actor(team: (String, String), user: &User, member: Option<&Member>, locale: &str) -> Actor {
    let display_name = member
        .and_then(|m| m.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    Actor {
        platform: Platform::Discord,
        team_external_id: team.0,
        team_name: team.1,
        user_id: user.id.to_string(),
        display_name,
        locale: Some(locale.to_string()).filter(|l| !l.is_empty()),
        time_zone: None,
        is_admin: is_admin(member),
        is_guest: false,
        channel_id: None,
        limits: super::LIMITS,
        request: None,
    }
}

/// The team of a guild: its id and name (empty while unknown).
pub fn guild_team(guild: GuildId, names: &GuildNames) -> (String, String) {
    (guild.to_string(), names.of(guild))
}
