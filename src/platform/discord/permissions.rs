//! The Discord permissions hoego needs in a server, and why: each operation the messenger
//! performs in a server channel beside the permission Discord checks for it. The invite link
//! (`hoego setup discord`) asks for exactly their sum, and `hoego doctor` checks each schedule's
//! channel for each of them. Slash commands, buttons and modals need none (they are answered
//! through the interaction), and DMs need none; hoego reads a thread's messages only to find a
//! prompt it may already have posted, sends no embeds and mentions no role. The tests grant the fake Discord exactly this sum and see every
//! operation succeed, then take each permission away in turn and see one fail.

use serenity::all::Permissions;

/// Scopes of the invite: the bot user, and the slash command.
pub const INVITE_SCOPES: [&str; 2] = ["bot", "applications.commands"];
/// Where Discord's authorization page lives.
const AUTHORIZE: &str = "https://discord.com/oauth2/authorize";

/// One thing hoego does in a server channel, and the permission it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// What hoego does.
    pub what: &'static str,
    /// The REST call it makes.
    pub route: &'static str,
    /// The permission Discord checks.
    pub permission: Permissions,
}

/// Everything hoego does in a server channel.
pub const OPERATIONS: [Operation; 6] = [
    Operation {
        what: "see the schedule's channel at all",
        route: "every call on /channels/{channel}",
        permission: Permissions::VIEW_CHANNEL,
    },
    Operation {
        what: "post digests, and tell a member whose DMs are closed",
        route: "POST /channels/{channel}/messages",
        permission: Permissions::SEND_MESSAGES,
    },
    Operation {
        what: "open a round's thread for members who answer in threads",
        route: "POST /channels/{channel}/threads (type 11, public)",
        permission: Permissions::CREATE_PUBLIC_THREADS,
    },
    Operation {
        what: "post prompts and reminders in that thread",
        route: "POST /channels/{thread}/messages",
        permission: Permissions::SEND_MESSAGES_IN_THREADS,
    },
    Operation {
        what: "before posting a thread prompt again whose sender stopped, see whether it is already in the thread",
        route: "GET /channels/{thread}/messages",
        permission: Permissions::READ_MESSAGE_HISTORY,
    },
    Operation {
        what: "attach a long digest as a Markdown file",
        route: "POST /channels/{channel}/messages (multipart, files[n])",
        permission: Permissions::ATTACH_FILES,
    },
];

/// The permissions hoego needs: the sum of [`OPERATIONS`].
pub fn needed() -> Permissions {
    OPERATIONS
        .iter()
        .fold(Permissions::empty(), |all, op| all | op.permission)
}

/// The link that adds the bot of `application` to a server with [`needed`] permissions.
pub fn invite_url(application: u64) -> String {
    format!(
        "{AUTHORIZE}?client_id={application}&scope={}&permissions={}",
        INVITE_SCOPES.join("+"),
        needed().bits()
    )
}

/// The names of `permissions`, as Discord's settings show them, comma-separated.
pub fn names(permissions: Permissions) -> String {
    permissions.get_permission_names().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_asks_for_the_bot_and_commands_scopes_and_the_operations_permissions() {
        let url = invite_url(2000);
        // View Channel 2^10, Send Messages 2^11, Attach Files 2^15, Read Message History 2^16,
        // Create Public Threads 2^35, Send Messages in Threads 2^38.
        let expected = (1u64 << 10) + (1 << 11) + (1 << 15) + (1 << 16) + (1 << 35) + (1 << 38);
        assert_eq!(
            url,
            format!(
                "https://discord.com/oauth2/authorize?client_id=2000&scope=bot+applications.commands&permissions={expected}"
            )
        );
    }

    #[test]
    fn no_operation_repeats_a_permission_and_none_asks_for_administrator() {
        let mut bits: Vec<u64> = OPERATIONS.iter().map(|o| o.permission.bits()).collect();
        bits.sort_unstable();
        bits.dedup();
        assert_eq!(bits.len(), OPERATIONS.len());
        assert!(!needed().administrator());
    }
}
