//! Discord's refusals as doctor lines: what Discord said, and what the operator does about it.

use serenity::all::{Error, HttpError};

use crate::platform::check::{Check, error_chain};

/// Discord: "Missing Access" (the bot cannot see the channel).
pub const MISSING_ACCESS: isize = 50001;
/// Discord: "Unknown Channel".
pub const UNKNOWN_CHANNEL: isize = 10003;

/// The status and Discord error code of a refused request (`None` when no answer came).
pub fn status_of(error: &Error) -> Option<(u16, isize)> {
    match error {
        Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            Some((response.status_code.as_u16(), response.error.code))
        }
        _ => None,
    }
}

/// The token line when a first call fails: a refused token, or Discord out of reach.
pub fn refused_token(error: &Error) -> Check {
    let name = "discord token";
    match status_of(error) {
        Some((401, _)) => Check::fail(
            name,
            "Discord refused discord.token (401 Unauthorized)",
            "copy the bot's token (Developer Portal → your application → Bot → Reset Token) into HOEGO_DISCORD__TOKEN",
        ),
        Some((status, code)) => Check::fail(
            name,
            format!("Discord answered {status} (code {code}) to the token check: {error}"),
            "try again in a minute; if it persists, check https://discordstatus.com",
        ),
        None => Check::fail(
            name,
            format!("cannot reach Discord: {}", error_chain(error)),
            "check this machine's network (HTTPS to discord.com), or discord.api_base_url if a proxy is set",
        ),
    }
}

/// A line for a call that failed after the token was accepted.
pub fn failed_call(name: &str, what: &str, error: &Error) -> Check {
    Check::fail(
        name,
        format!("cannot {what}: {error}"),
        "run `hoego doctor` again; if it persists, check https://discordstatus.com",
    )
}
