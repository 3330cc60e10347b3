//! What `schedule …` commands carry: the subcommands, a new schedule, and the channels, people,
//! zones and reminders commands name.

use std::time::Duration;

use crate::domain::recap::digest::DigestGrouping;

/// A `schedule …` subcommand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleCommand {
    /// Add a schedule.
    Add(NewSchedule),
    /// List the team's schedules.
    List,
    /// Show when a cron expression would run next.
    Preview {
        /// The cron expression, as typed.
        cron: String,
        /// The time zone to show the runs in; `None` for the team's.
        tz: Option<String>,
        /// How many runs to show.
        count: u32,
    },
    /// Stop opening rounds of a schedule.
    Pause {
        /// The schedule's name.
        name: String,
    },
    /// Open rounds of a paused schedule again.
    Resume {
        /// The schedule's name.
        name: String,
    },
    /// Delete a schedule (answers already given are kept).
    Remove {
        /// The schedule's name.
        name: String,
    },
    /// Open a round now.
    RunNow {
        /// A schedule name, or a template name for a one-off round.
        target: String,
    },
    /// Add members to a schedule.
    AddMember {
        /// The schedule's name.
        schedule: String,
        /// The people to add (at least one).
        users: Vec<UserRef>,
    },
    /// Remove members from a schedule.
    RemoveMember {
        /// The schedule's name.
        schedule: String,
        /// The people to remove (at least one).
        users: Vec<UserRef>,
    },
}

/// How many runs `schedule preview` shows when no `count` is given.
pub const DEFAULT_PREVIEW_COUNT: u32 = 5;
/// The most runs `schedule preview` shows.
pub const MAX_PREVIEW_COUNT: u32 = 50;

/// A `schedule add` command: the template and cron are required, the rest fall back to defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewSchedule {
    /// The question template's name.
    pub template: String,
    /// The cron expression, as typed (5 to 7 fields or an `@` macro); checked elsewhere.
    pub cron: String,
    /// The schedule's time zone; `None` for the team's.
    pub tz: Option<ScheduleTz>,
    /// The channel to post in; `None` for the channel the command came from.
    pub channel: Option<ChannelRef>,
    /// How long a round stays open; `None` for the default.
    pub window: Option<Duration>,
    /// When to remind people who have not answered; `None` for the default.
    pub remind: Option<Remind>,
    /// The schedule's name; `None` to derive one from the template.
    pub name: Option<String>,
    /// How its round digests are grouped (`digest by-question|by-member`); `None` for by question.
    pub digest: Option<DigestGrouping>,
    /// Who takes part from the start besides the admin (a Discord role's members); all of them
    /// or, past a limit or with someone unknown, no schedule at all.
    pub members: Vec<UserRef>,
}

/// The time zone a schedule's cron expression is read in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ScheduleTz {
    /// One zone for everybody, as typed (`Asia/Seoul`); checked elsewhere.
    Zone(String),
    /// Each member's own time zone from their settings (`tz local`).
    Local,
}

/// A channel named in a command.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChannelRef {
    /// A platform channel id, from a mention such as `<#C0123|retro>` or `<#81234>`.
    Id(String),
    /// A channel name without its `#`, resolved by the platform.
    Name(String),
}

/// A person named in a command.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UserRef {
    /// A platform user id, from a mention (`<@U0123ABCD>`, `<@!81234>`) or typed as an id.
    Id(String),
    /// A user name without its `@`, resolved by the platform.
    Name(String),
    /// A person the platform named with their id (a Discord user option, a Slack
    /// `<@U0123|name>` mention): someone hoego has not met yet is registered under that name.
    Person {
        /// The platform user id.
        id: String,
        /// Their display name on the platform.
        name: String,
    },
}

/// When a round reminds people who have not answered yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Remind {
    /// This long before the round closes (`remind 2h`).
    BeforeClose(Duration),
    /// When this percentage of the answer window has passed, 1 to 99 (`remind 75%`).
    AtPercent(u8),
}
