//! Servers in the fake Discord, for the invite's permissions and `hoego doctor`: guilds with an
//! `@everyone` role and the bot's role, text channels with permission overwrites, and threads
//! opened in them. Discord's permission rules are enforced on what the bot does in those
//! channels (403 with code 50001 when it cannot see the channel, 50013 when it lacks a
//! permission); channels the fake was not told about stay unchecked. Also the REST reads the
//! doctor makes (the bot user, its servers, a channel, a server's roles, the bot's member, the
//! registered commands), a refused token (401 on every call), the application's flags, and a
//! clock set off by some seconds (the `Date` header).

use std::collections::{BTreeMap, HashMap};

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::{APP_ID, BOT_ID, FakeDiscord, Shared};

/// The bot's role in every fake server (the role an invite creates).
const BOT_ROLE: &str = "8100";
/// View Channel.
const VIEW_CHANNEL: u64 = 1 << 10;
/// Send Messages.
const SEND_MESSAGES: u64 = 1 << 11;
/// Attach Files.
const ATTACH_FILES: u64 = 1 << 15;
/// Read Message History.
const READ_MESSAGE_HISTORY: u64 = 1 << 16;
/// Administrator.
const ADMINISTRATOR: u64 = 1 << 3;
/// Create Public Threads.
const CREATE_PUBLIC_THREADS: u64 = 1 << 35;
/// Send Messages in Threads.
const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;

/// The servers' state.
#[derive(Default)]
pub struct Servers {
    guilds: BTreeMap<String, Guild>,
    channels: HashMap<String, Channel>,
    threads: HashMap<String, String>,
    refused_token: bool,
    clock_skew_secs: i64,
    app_flags: u64,
}

struct Guild {
    name: String,
    everyone: u64,
    bot_role: u64,
    /// Other roles: (id, permissions).
    roles: Vec<(String, u64)>,
}

struct Channel {
    guild: String,
    name: String,
    /// (role id, allow, deny): `@everyone` (the guild's id), the bot's role, other roles.
    overwrites: Vec<(String, u64, u64)>,
}

#[allow(
    dead_code,
    reason = "unused by benches/discord.rs, which shares this fake"
)]
impl FakeDiscord {
    /// A server the bot is in, whose `@everyone` may do nothing and whose bot role has
    /// `bot_permissions` (what the invite granted).
    pub fn add_guild(&self, guild: &str, name: &str, bot_permissions: u64) {
        let mut servers = self.shared.servers.lock().unwrap();
        let guild_row = Guild {
            name: name.into(),
            everyone: 0,
            bot_role: bot_permissions,
            roles: Vec::new(),
        };
        servers.guilds.insert(guild.into(), guild_row);
    }

    /// A text channel `#name` in `guild`.
    pub fn add_channel(&self, guild: &str, channel: &str, name: &str) {
        let row = Channel {
            guild: guild.into(),
            name: name.into(),
            overwrites: Vec::new(),
        };
        let mut servers = self.shared.servers.lock().unwrap();
        servers.channels.insert(channel.into(), row);
        self.shared
            .channels
            .lock()
            .unwrap()
            .add_guild_channel(channel);
    }

    /// Denies `permissions` to the bot's role in `channel` (an overwrite, as a server admin
    /// sets in the channel's settings).
    pub fn deny_in_channel(&self, channel: &str, permissions: u64) {
        let mut servers = self.shared.servers.lock().unwrap();
        let row = servers.channels.get_mut(channel).expect("a known channel");
        row.overwrites.push((BOT_ROLE.into(), 0, permissions));
    }

    /// What `@everyone` may do in `guild`.
    pub fn set_everyone(&self, guild: &str, permissions: u64) {
        let mut servers = self.shared.servers.lock().unwrap();
        servers
            .guilds
            .get_mut(guild)
            .expect("a known guild")
            .everyone = permissions;
    }

    /// A role `role` in `guild` with `permissions` (members get it with `set_members`).
    pub fn add_role(&self, guild: &str, role: &str, permissions: u64) {
        let mut servers = self.shared.servers.lock().unwrap();
        let row = servers.guilds.get_mut(guild).expect("a known guild");
        row.roles.push((role.into(), permissions));
    }

    /// A role overwrite in `channel` for `role` (the guild's id for `@everyone`).
    pub fn overwrite_in_channel(&self, channel: &str, role: &str, allow: u64, deny: u64) {
        let mut servers = self.shared.servers.lock().unwrap();
        let row = servers.channels.get_mut(channel).expect("a known channel");
        row.overwrites.push((role.into(), allow, deny));
    }

    /// Answers every REST call with 401, as Discord does for a reset or mistyped token.
    pub fn refuse_token(&self) {
        self.shared.servers.lock().unwrap().refused_token = true;
    }

    /// Sets the fake's clock (its `Date` header) `seconds` off the real one.
    pub fn skew_clock(&self, seconds: i64) {
        self.shared.servers.lock().unwrap().clock_skew_secs = seconds;
    }

    /// The application's flags (e.g. 1 << 14, the Server Members Intent switched on).
    pub fn set_app_flags(&self, flags: u64) {
        self.shared.servers.lock().unwrap().app_flags = flags;
    }
}

/// The 401 every call gets while the token is refused (the gateway URL excepted).
pub(super) fn unauthorized(shared: &Shared, path: &str) -> Option<(StatusCode, Option<Value>)> {
    let refused = shared.servers.lock().unwrap().refused_token;
    (refused && !path.ends_with("/gateway")).then(|| {
        let body = json!({"message": "401: Unauthorized", "code": 0});
        (StatusCode::UNAUTHORIZED, Some(body))
    })
}

/// Sets the `Date` header off by the configured skew.
pub(super) fn date_header(shared: &Shared, response: &mut Response) {
    let skew = shared.servers.lock().unwrap().clock_skew_secs;
    if skew != 0 {
        let at = chrono::Utc::now() + chrono::TimeDelta::seconds(skew);
        let value = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        response
            .headers_mut()
            .insert("date", value.parse().expect("a header value"));
    }
}

/// Answers what this module owns: a refused channel operation, or one of the doctor's reads.
pub(super) fn answer(
    shared: &Shared,
    method: &str,
    parts: &[&str],
    body: &Value,
) -> Option<(StatusCode, Option<Value>)> {
    let servers = shared.servers.lock().unwrap();
    if let Some(refusal) = servers.refusal(method, parts, body) {
        return Some((StatusCode::FORBIDDEN, Some(refusal)));
    }
    let ok = |v: Value| Some((StatusCode::OK, Some(v)));
    match (method, parts) {
        ("GET", ["users", "@me"]) => ok(bot_user()),
        ("GET", ["users", "@me", "guilds"]) => ok(servers.guild_list()),
        ("GET", ["oauth2", "applications", "@me"]) => ok(application(servers.app_flags)),
        ("GET", ["channels", channel]) => match shared.channels.lock().unwrap().describe(channel) {
            Some(own) if !servers.channels.contains_key(*channel) => ok(own),
            _ => Some(servers.channel(channel)),
        },
        ("GET", ["guilds", guild]) => Some(servers.guild(guild)),
        ("GET", ["guilds", guild, "members", user]) => {
            let members = shared.members.lock().unwrap();
            Some(servers.member(guild, user, &members))
        }
        ("GET", ["applications", _, "commands"]) => ok(registered(shared, None)),
        ("GET", ["applications", _, "guilds", guild, "commands"]) => {
            ok(registered(shared, Some(guild)))
        }
        _ => None,
    }
}

/// Remembers which channel a thread was opened in, so posts there are checked against it.
pub(super) fn thread_opened(shared: &Shared, thread: &str, parent: &str) {
    let mut servers = shared.servers.lock().unwrap();
    servers.threads.insert(thread.into(), parent.into());
}

impl Servers {
    /// Discord's permissions for the bot in `channel` (a thread counts as its parent): the
    /// server's roles, then the channel's overwrites. `None` for a channel the fake does not
    /// know.
    fn permissions(&self, channel: &str) -> Option<u64> {
        let parent = self.threads.get(channel).map_or(channel, String::as_str);
        let row = self.channels.get(parent)?;
        let guild = self.guilds.get(&row.guild)?;
        let mut allowed = guild.everyone | guild.bot_role;
        if allowed & ADMINISTRATOR != 0 {
            return Some(u64::MAX);
        }
        // `@everyone`'s overwrite first, then the bot role's (Discord's order).
        for target in [row.guild.as_str(), BOT_ROLE] {
            for (_, allow, deny) in row.overwrites.iter().filter(|o| o.0 == target) {
                allowed = (allowed & !deny) | allow;
            }
        }
        Some(allowed)
    }

    fn refusal(&self, method: &str, parts: &[&str], body: &Value) -> Option<Value> {
        let (channel, needed) = match (method, parts) {
            ("POST", ["channels", channel, "messages"]) => {
                let send = if self.threads.contains_key(*channel) {
                    SEND_MESSAGES_IN_THREADS
                } else {
                    SEND_MESSAGES
                };
                let files = body["_files"].as_array().is_some_and(|f| !f.is_empty());
                (*channel, send | if files { ATTACH_FILES } else { 0 })
            }
            ("POST", ["channels", channel, "threads"]) => (*channel, CREATE_PUBLIC_THREADS),
            ("GET", ["channels", channel]) => (*channel, 0),
            ("GET", ["channels", channel, "messages"]) => (*channel, READ_MESSAGE_HISTORY),
            _ => return None,
        };
        let has = self.permissions(channel)?;
        if has & VIEW_CHANNEL == 0 {
            return Some(json!({"message": "Missing Access", "code": 50001}));
        }
        (has & needed != needed).then(|| json!({"message": "Missing Permissions", "code": 50013}))
    }

    fn guild_list(&self) -> Value {
        let list: Vec<Value> = self
            .guilds
            .iter()
            .map(|(id, g)| {
                json!({"id": id, "name": g.name, "icon": null, "owner": false,
                       "permissions": (g.everyone | g.bot_role).to_string(), "features": []})
            })
            .collect();
        Value::Array(list)
    }

    fn channel(&self, id: &str) -> (StatusCode, Option<Value>) {
        let Some(row) = self.channels.get(id) else {
            let body = json!({"message": "Unknown Channel", "code": 10003});
            return (StatusCode::NOT_FOUND, Some(body));
        };
        let overwrites: Vec<Value> = row
            .overwrites
            .iter()
            .map(|(target, allow, deny)| {
                json!({"id": target, "type": 0, "allow": allow.to_string(), "deny": deny.to_string()})
            })
            .collect();
        let channel = json!({"id": id, "type": 0, "guild_id": row.guild, "name": row.name,
                             "position": 0, "nsfw": false, "permission_overwrites": overwrites});
        (StatusCode::OK, Some(channel))
    }

    fn guild(&self, id: &str) -> (StatusCode, Option<Value>) {
        let Some(guild) = self.guilds.get(id) else {
            let body = json!({"message": "Unknown Guild", "code": 10004});
            return (StatusCode::NOT_FOUND, Some(body));
        };
        let mut roles: Vec<Value> = [
            (id, "@everyone", guild.everyone, 0),
            (BOT_ROLE, "hoego", guild.bot_role, 1),
        ]
        .map(|(role, name, permissions, position)| role_json(role, name, permissions, position))
        .to_vec();
        for (n, (role, permissions)) in guild.roles.iter().enumerate() {
            roles.push(role_json(role, role, *permissions, 2 + n as u16));
        }
        let body = json!({
            "id": id, "name": guild.name, "icon": null, "owner_id": "1", "roles": roles,
            "emojis": [], "features": [], "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "system_channel_flags": 0, "premium_tier": 0, "preferred_locale": "en-US",
            "nsfw_level": 0, "stickers": [], "premium_progress_bar_enabled": false,
        });
        (StatusCode::OK, Some(body))
    }

    /// A member of `guild`: the bot, or one of `members` (those `set_members` gave).
    fn member(&self, guild: &str, user: &str, members: &[Value]) -> (StatusCode, Option<Value>) {
        let listed = members.iter().find(|m| m["user"]["id"] == user);
        if let (true, Some(member)) = (self.guilds.contains_key(guild), listed) {
            return (StatusCode::OK, Some(member.clone()));
        }
        if !self.guilds.contains_key(guild) || user != BOT_ID {
            let body = json!({"message": "Unknown Member", "code": 10007});
            return (StatusCode::NOT_FOUND, Some(body));
        }
        let body = json!({
            "user": bot_user(), "roles": [BOT_ROLE], "joined_at": "2026-01-01T00:00:00.000000+00:00",
            "deaf": false, "mute": false, "flags": 0,
        });
        (StatusCode::OK, Some(body))
    }
}

fn role_json(id: &str, name: &str, permissions: u64, position: u16) -> Value {
    json!({"id": id, "name": name, "color": 0, "colors": {"primary_color": 0},
           "hoist": false, "managed": false, "mentionable": false,
           "permissions": permissions.to_string(), "position": position})
}

fn bot_user() -> Value {
    json!({"id": BOT_ID, "username": "hoego", "discriminator": "0", "global_name": null,
           "avatar": null, "bot": true})
}

fn application(flags: u64) -> Value {
    json!({"id": APP_ID, "name": "hoego", "description": "", "bot_public": true,
           "bot_require_code_grant": false, "verify_key": "k", "flags": flags})
}

/// The commands registered globally (`guild` `None`) or in `guild`: the last set PUT there.
fn registered(shared: &Shared, guild: Option<&str>) -> Value {
    let path = match guild {
        None => format!("/api/v10/applications/{APP_ID}/commands"),
        Some(guild) => format!("/api/v10/applications/{APP_ID}/guilds/{guild}/commands"),
    };
    let requests = shared.requests.lock().unwrap();
    let last = requests
        .iter()
        .rev()
        .find(|r| r.method == "PUT" && r.path == path && r.status == 200);
    let commands: Vec<Value> = last
        .and_then(|r| r.body.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(n, mut c)| {
            c["id"] = json!(format!("{}", 4000 + n));
            c["application_id"] = json!(APP_ID);
            c["version"] = json!("1");
            c["type"] = c.get("type").cloned().unwrap_or(json!(1));
            c
        })
        .collect();
    Value::Array(commands)
}
