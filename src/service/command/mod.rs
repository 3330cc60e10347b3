//! The platform-neutral commands every platform turns its input into.
//!
//! Discord builds a [`Command`] from its slash-command options; Slack and the console send text,
//! which [`parse`] reads with the shared grammar (see [`help`] for every command line).

use std::time::Duration;

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::mandalart::follow::{ActionRef, ActionStatus};
use crate::domain::recap::digest::DigestGrouping;
use crate::domain::visibility::Visibility;

mod answers;
mod capsule;
mod error;
pub mod help;
mod lex;
mod mandalart;
mod milestone;
mod parse;
mod schedule;
#[cfg(test)]
mod tests;
mod topics;
mod values;

/// Reads a duration such as `2d`, `36h`, `90m` or `1w` (as `schedule add … window` does).
pub fn parse_duration(text: &str) -> Option<Duration> {
    values::duration(text)
}

/// Reads a reminder: a duration before the close (`2h`) or a percentage of the window (`75%`).
pub fn parse_remind(text: &str) -> Option<Remind> {
    values::remind(text)
}

pub use error::CommandError;
pub use help::help_text;
pub use mandalart::check_args;
pub use parse::parse;

/// Something a person asked hoego to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Answer the questions of an open round now (of the named schedule when several are open).
    Answer {
        /// The schedule whose round to answer; `None` when there is only one open round.
        schedule: Option<String>,
    },
    /// Skip the open round.
    Skip {
        /// The schedule whose round to skip; `None` when there is only one open round.
        schedule: Option<String>,
    },
    /// Edit my last answers of the open round.
    Edit {
        /// The schedule whose answers to edit; `None` when there is only one open round.
        schedule: Option<String>,
    },
    /// Compile a recap of answers over a period.
    Recap {
        /// The period exactly as typed (`week`, `2026-Q3`, `2026-03-01..2026-06-30`, …); parsed elsewhere.
        period: String,
        /// Whose answers: mine or the team's.
        scope: RecapScope,
        /// Post the recap in the channel instead of sending it privately.
        public: bool,
        /// Add the written summary above it (when the operator and the team turned it on).
        summary: bool,
    },
    /// `settings summary [on|off]`: show or change (admins) whether the team's summaries are on.
    TeamSummary {
        /// `Some(true)` turns them on, `Some(false)` off; `None` shows where they stand.
        turn: Option<bool>,
    },
    /// Show my settings.
    ShowSettings,
    /// Change some of my settings.
    UpdateSettings(SettingsChange),
    /// Join a schedule's rounds.
    Join {
        /// The schedule to join; `None` for the channel's only schedule.
        schedule: Option<String>,
    },
    /// Leave a schedule's rounds.
    Leave {
        /// The schedule to leave; `None` for the channel's only schedule.
        schedule: Option<String>,
    },
    /// Stop asking me questions until a date.
    Pause {
        /// The first day on which I am asked again.
        until: NaiveDate,
    },
    /// Ask me questions again after a pause.
    Resume,
    /// Send me everything I wrote.
    Export,
    /// Import my own past notes from a file (a hoego export, Markdown or CSV). Chat platforms
    /// send the file itself as an [`Interaction::Import`](crate::service::Interaction::Import);
    /// the console reads the path.
    Import {
        /// The file, as typed (the console's `import notes.csv`).
        path: Option<String>,
    },
    /// Delete everything I wrote; only with `confirmed` is anything deleted.
    ForgetMe {
        /// `forget-me confirm`: delete now. Without it, hoego explains what would be deleted.
        confirmed: bool,
    },
    /// Change who may read my answers in the current round.
    SetVisibility {
        /// Which of my answers.
        question: QuestionRef,
        /// Who may read them.
        visibility: Visibility,
    },
    /// List my resolutions.
    ListResolutions,
    /// Record progress on one of my resolutions.
    SetResolution {
        /// The resolution's number as listed by `resolutions` (from 1).
        number: u32,
        /// Its new status.
        status: ResolutionStatus,
        /// An optional note, as typed.
        note: Option<String>,
    },
    /// Show my Mandalart (a 9×9 plan for a year) as a table and a picture.
    Mandalart {
        /// The year it plans; my latest when not given.
        year: Option<i32>,
    },
    /// Mark where an action of my Mandalart stands (`mandalart check 3.5 done`).
    CheckMandalart {
        /// The year the Mandalart plans; my latest when not given.
        year: Option<i32>,
        /// The action: sub-goal and action.
        at: ActionRef,
        /// Where it stands.
        status: ActionStatus,
    },
    /// Show a teammate's Mandalart they shared with the team (`mandalart 2027 @mina`).
    SharedMandalart {
        /// The year it plans; their latest when not given.
        year: Option<i32>,
        /// Whose.
        member: UserRef,
    },
    /// My milestones and the team's: add, list, remove, share.
    Milestone(MilestoneCommand),
    /// Letters to my future self (or, from an admin, to the team), sealed until a day.
    Capsule(CapsuleCommand),
    /// Manage the team's schedules (admins only).
    Schedule(ScheduleCommand),
    /// Show help, for every command or one topic (`recap`, `schedule`, `schedule add`, …).
    Help {
        /// The help topic, lower case, words separated by one space.
        topic: Option<String>,
    },
}

/// Whose answers a recap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RecapScope {
    /// My own answers, private ones included.
    #[default]
    Me,
    /// The team's shared answers (never private ones; anonymous ones without their author).
    Team,
}

pub use crate::domain::state::DeliveryMode;

/// The settings a `settings …` command changes; `None` leaves a setting as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsChange {
    /// A new time zone, as typed (`Asia/Seoul`); checked elsewhere.
    pub tz: Option<String>,
    /// A new language.
    pub lang: Option<Lang>,
    /// A new delivery mode.
    pub delivery: Option<DeliveryMode>,
}

/// Which of my answers in the current round a `visibility` command changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum QuestionRef {
    /// Every answer of mine in the round.
    All,
    /// The answer to the question with this number (from 1).
    Number(u32),
    /// The answer to the question with this key in the template.
    Key(String),
}

/// The progress of a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResolutionStatus {
    /// Going as planned.
    OnTrack,
    /// Still wanted, but changed.
    Changed,
    /// Achieved.
    Done,
    /// Given up.
    Dropped,
}

impl ResolutionStatus {
    /// The word used in commands and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ResolutionStatus::OnTrack => "on-track",
            ResolutionStatus::Changed => "changed",
            ResolutionStatus::Done => "done",
            ResolutionStatus::Dropped => "dropped",
        }
    }
}

/// A `capsule …` subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapsuleCommand {
    /// Open the form for a letter sealed until `until` (by default the next year-end round's
    /// day, else 31 December).
    Write {
        /// The day it opens, as typed; checked against today elsewhere.
        until: Option<NaiveDate>,
        /// A letter to the team, opened in its digest channel (admins only).
        team: bool,
    },
    /// List my letters by the day they open (a sealed letter's text stays hidden).
    List,
}

/// A `milestone …` subcommand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MilestoneCommand {
    /// Add a milestone: mine, or the team's (admins only).
    Add {
        /// The day it happened.
        date: NaiveDate,
        /// What happened, as typed; checked elsewhere.
        text: String,
        /// Whether it is the whole team's.
        team: bool,
    },
    /// List the milestones I may see, numbered, of one period or all.
    List {
        /// The period as typed (`2026`, `2026-Q3`); `None` for all.
        period: Option<String>,
    },
    /// Remove a milestone by its number in the list.
    Remove {
        /// Its number as listed (from 1).
        number: u32,
    },
    /// Change who may see one of my own milestones.
    Visibility {
        /// Its number as listed (from 1).
        number: u32,
        /// `Private` or `Team`.
        visibility: Visibility,
    },
}

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
