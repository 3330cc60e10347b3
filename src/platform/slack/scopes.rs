//! The Slack scopes hoego needs, and why: every Web API method hoego calls with the bot token
//! beside the scopes Slack's method reference names for it, the method it calls with the
//! app-level token, and the scopes its features need without a method (the slash command, DMs to
//! the bot). The app manifest (`hoego setup slack`) and `hoego doctor` take their scope lists
//! from here, so the list is written once; the tests check this table against the methods hoego
//! is seen calling, both ways (no call outside the table, no row that is never called).

/// A Web API method hoego calls and the scopes Slack requires for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodScopes {
    /// The method, as in `https://slack.com/api/<method>`.
    pub method: &'static str,
    /// The scopes it needs; where several are listed, which one applies depends on the
    /// conversation (a public channel, a private one, a DM), so hoego asks for each.
    pub scopes: &'static [&'static str],
    /// What hoego calls it for.
    pub purpose: &'static str,
}

/// Every method hoego calls with the bot token (`xoxb-…`).
pub const BOT_METHODS: [MethodScopes; 11] = [
    MethodScopes {
        method: "auth.test",
        scopes: &[],
        purpose: "check the bot token at start-up and in hoego doctor",
    },
    MethodScopes {
        method: "chat.postMessage",
        scopes: &["chat:write"],
        purpose: "post prompts, reminders, replies and digests",
    },
    MethodScopes {
        method: "conversations.open",
        scopes: &["im:write"],
        purpose: "open a member's DM for their prompts",
    },
    MethodScopes {
        method: "conversations.info",
        scopes: &["channels:read", "groups:read"],
        purpose: "hoego doctor: is the bot in each schedule's channel (public or private)",
    },
    MethodScopes {
        method: "conversations.members",
        scopes: &["channels:read", "groups:read"],
        purpose: "team recaps for the members of a schedule's digest channel",
    },
    MethodScopes {
        method: "conversations.history",
        scopes: &["im:history", "channels:history", "groups:history"],
        purpose: "before sending a prompt again whose sender stopped, see whether it is already in the member's DM, or find the round's thread in the schedule's channel (public or private)",
    },
    MethodScopes {
        method: "conversations.replies",
        scopes: &["channels:history", "groups:history"],
        purpose: "before sending a thread prompt again whose sender stopped, see whether it is already in the round's thread",
    },
    MethodScopes {
        method: "users.info",
        scopes: &["users:read"],
        purpose: "a member's name, language, time zone and admin rights",
    },
    MethodScopes {
        method: "views.open",
        scopes: &[],
        purpose: "open the answer form",
    },
    MethodScopes {
        method: "files.getUploadURLExternal",
        scopes: &["files:write"],
        purpose: "attach exports and long recaps or digests",
    },
    MethodScopes {
        method: "files.completeUploadExternal",
        scopes: &["files:write"],
        purpose: "share an uploaded file in the conversation",
    },
];

/// The method hoego calls with the app-level token (`xapp-…`), for Socket Mode. App-level
/// tokens are made by hand in the app's settings, so this scope is not in the manifest.
pub const APP_METHODS: [MethodScopes; 1] = [MethodScopes {
    method: "apps.connections.open",
    scopes: &["connections:write"],
    purpose: "open a Socket Mode connection",
}];

/// The scope a slash command needs.
pub const COMMANDS: &str = "commands";
/// The scope the `message.im` event needs (members DM the bot commands); hoego also reads its
/// DMs with it (`conversations.history`), so the bot asks for it either way.
pub const DM_HISTORY: &str = "im:history";
/// The event that brings a member's DM to the bot.
pub const DM_EVENT: &str = "message.im";

/// The scopes the bot token needs, sorted: those of [`BOT_METHODS`] (`im:history` among them),
/// `commands`, and `im:history` again for the `message.im` event when members may DM the bot
/// commands (`dm`).
pub fn bot_scopes(dm: bool) -> Vec<&'static str> {
    let mut scopes: Vec<&'static str> = BOT_METHODS
        .iter()
        .flat_map(|m| m.scopes.iter().copied())
        .collect();
    scopes.push(COMMANDS);
    if dm {
        scopes.push(DM_HISTORY);
    }
    scopes.sort_unstable();
    scopes.dedup();
    scopes
}

/// The row for `method`, if hoego calls it with the bot token.
pub fn bot_method(method: &str) -> Option<&'static MethodScopes> {
    BOT_METHODS.iter().find(|m| m.method == method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bot_scopes_are_the_methods_scopes_plus_the_command_scope_and_dm_history_either_way() {
        assert_eq!(
            bot_scopes(true),
            [
                "channels:history",
                "channels:read",
                "chat:write",
                "commands",
                "files:write",
                "groups:history",
                "groups:read",
                "im:history",
                "im:write",
                "users:read"
            ]
        );
        // Reading its DMs for a stranded prompt needs `im:history` with or without the event.
        assert_eq!(bot_scopes(false), bot_scopes(true));
    }

    #[test]
    fn each_method_is_listed_once() {
        let mut methods: Vec<_> = BOT_METHODS.iter().map(|m| m.method).collect();
        methods.sort_unstable();
        methods.dedup();
        assert_eq!(methods.len(), BOT_METHODS.len());
    }
}
