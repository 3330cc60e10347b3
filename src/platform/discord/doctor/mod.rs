//! `hoego doctor` on Discord: the token (its bot user and application), the privileged intent
//! when `discord.members_intent` asks for it, the servers the bot is in, whether `/hoego` is
//! registered, each schedule channel's permissions ([`channels`]), and the clock against the
//! `Date` header of Discord's answer. Every call goes through serenity's REST client.

mod channels;
mod errors;

use chrono::Utc;
use serenity::all::{ApplicationFlags, CurrentApplicationInfo, CurrentUser, GuildId, Http};
use serenity::http::{LightMethod, Request, Route};

use self::errors::refused_token;
use super::{http_builder, token_and_base};
use crate::config::DiscordSettings;
use crate::platform::check::{ChannelUse, Check, clock_check};

/// The name of hoego's slash command.
const COMMAND: &str = "hoego";
/// How many servers are named in the servers line.
const NAMED_GUILDS: usize = 5;

/// What the token belongs to.
#[derive(Debug, Clone)]
pub struct Application {
    /// The application's id (the invite link's `client_id`).
    pub id: u64,
    /// Its name.
    pub name: String,
}

/// The application of the configured token, for the invite link.
pub async fn application(settings: &DiscordSettings) -> anyhow::Result<Application> {
    let (token, base) = token_and_base(settings)?;
    let http = http_builder(&token, base.as_deref()).build();
    let info = http.get_current_application_info().await.map_err(|e| {
        let check = refused_token(&e);
        anyhow::anyhow!("{}: {}", check.detail, check.fix.unwrap_or_default())
    })?;
    Ok(Application {
        id: info.id.get(),
        name: info.name,
    })
}

/// Checks the Discord side of a deployment whose schedules post in `channels`.
pub async fn check(settings: &DiscordSettings, channels: &[ChannelUse]) -> Vec<Check> {
    let (token, base) = match token_and_base(settings) {
        Ok(found) => found,
        Err(_) => return vec![unset_token()],
    };
    let http = http_builder(&token, base.as_deref()).build();
    let sent = Utc::now();
    let (me, date) = match current_user(&http).await {
        Ok(found) => found,
        Err(error) => return vec![refused_token(&error)],
    };
    let received = Utc::now();
    let app = match http.get_current_application_info().await {
        Ok(app) => app,
        Err(error) => return vec![refused_token(&error)],
    };
    http.set_application_id(app.id);
    let mut checks = vec![Check::ok(
        "discord token",
        format!(
            "accepted: bot user {} ({}) of application {} ({})",
            me.name, me.id, app.name, app.id
        ),
    )];
    checks.push(intent(settings.members_intent, &app));
    checks.push(guilds(&http, &settings.guild_ids).await);
    checks.push(commands(&http, &settings.guild_ids).await);
    checks.extend(channels::check(&http, me.id, channels).await);
    checks.push(clock_check("Discord", date.as_deref(), sent, received));
    checks
}

fn unset_token() -> Check {
    Check::fail(
        "discord token",
        "discord.token is not set",
        "set HOEGO_DISCORD__TOKEN to the bot's token (Developer Portal → your application → Bot → Reset Token)",
    )
}

/// `GET /users/@me`: the bot user, and the answer's `Date` header.
async fn current_user(http: &Http) -> serenity::Result<(CurrentUser, Option<String>)> {
    let response = http
        .request(Request::new(Route::UserMe, LightMethod::Get))
        .await?;
    let date = response
        .headers()
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = response.bytes().await?;
    Ok((serde_json::from_slice(&bytes)?, date))
}

fn intent(wanted: bool, app: &CurrentApplicationInfo) -> Check {
    let name = "discord members intent";
    if !wanted {
        return Check::ok(name, "not needed (discord.members_intent is off)");
    }
    let flags = app.flags.unwrap_or_else(ApplicationFlags::empty);
    let enabled =
        ApplicationFlags::GATEWAY_GUILD_MEMBERS | ApplicationFlags::GATEWAY_GUILD_MEMBERS_LIMITED;
    if flags.intersects(enabled) {
        return Check::ok(name, "Server Members Intent is on for the application");
    }
    Check::fail(
        name,
        "discord.members_intent is on, but the application's Server Members Intent is off: Discord will refuse the connection",
        "turn on Server Members Intent (Developer Portal → your application → Bot → Privileged Gateway Intents), or set discord.members_intent = false",
    )
}

async fn guilds(http: &Http, wanted: &[u64]) -> Check {
    let name = "discord servers";
    let joined = match http.get_guilds(None, Some(200)).await {
        Ok(joined) => joined,
        Err(error) => return errors::failed_call(name, "list the bot's servers", &error),
    };
    let invite = "add the bot with the link `hoego setup discord` prints (a server admin opens it)";
    if joined.is_empty() {
        return Check::fail(name, "the bot is in no server", invite);
    }
    let missing: Vec<String> = wanted
        .iter()
        .filter(|id| !joined.iter().any(|g| g.id.get() == **id))
        .map(u64::to_string)
        .collect();
    if !missing.is_empty() {
        let detail = format!("the bot is not in discord.guild_ids {}", missing.join(", "));
        return Check::fail(name, detail, invite);
    }
    let names: Vec<&str> = joined
        .iter()
        .take(NAMED_GUILDS)
        .map(|g| g.name.as_str())
        .collect();
    let more = joined.len().saturating_sub(NAMED_GUILDS);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Check::ok(
        name,
        format!("in {} ({}{tail})", joined.len(), names.join(", ")),
    )
}

async fn commands(http: &Http, guilds: &[u64]) -> Check {
    let name = "discord commands";
    let register = "start `hoego run` once: it registers /hoego (set discord.guild_ids to see it at once; a global command can take up to an hour to appear)";
    let places: Vec<Option<GuildId>> = if guilds.is_empty() {
        vec![None]
    } else {
        guilds.iter().map(|g| Some(GuildId::new(*g))).collect()
    };
    let mut missing = Vec::new();
    for place in &places {
        let listed = match place {
            None => http.get_global_commands().await,
            Some(guild) => http.get_guild_commands(*guild).await,
        };
        match listed {
            Ok(list) if list.iter().any(|c| c.name == COMMAND) => {}
            Ok(_) => missing.push(place.map_or("globally".into(), |g| format!("in server {g}"))),
            Err(error) => return errors::failed_call(name, "list the registered commands", &error),
        }
    }
    if missing.is_empty() {
        let scope = if guilds.is_empty() {
            "globally"
        } else {
            "in every server of discord.guild_ids"
        };
        return Check::ok(name, format!("/hoego is registered {scope}"));
    }
    Check::fail(
        name,
        format!("/hoego is not registered {}", missing.join(", ")),
        register,
    )
}
