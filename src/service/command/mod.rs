//! The platform-neutral commands every platform turns its input into.
//!
//! Discord builds a [`Command`] from its slash-command options; Slack and the console send text,
//! which [`parse`] reads with the shared grammar (see [`help`] for every command line).

use std::time::Duration;

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::mandalart::follow::{ActionRef, ActionStatus};
use crate::domain::visibility::Visibility;

mod answers;
mod capsule;
mod error;
pub mod help;
mod help_entries;
mod lex;
mod mandalart;
pub use mandalart::TeamMandalartCommand;
mod milestone;
mod parse;
mod schedule;
mod schedule_types;
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
pub use schedule_types::{
    ChannelRef, DEFAULT_PREVIEW_COUNT, MAX_PREVIEW_COUNT, NewSchedule, Remind, ScheduleCommand,
    ScheduleTz, UserRef,
};

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
    /// The team's own Mandalart: show it, write it or check its actions (admins).
    TeamMandalart(TeamMandalartCommand),
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
    /// Delete my letter numbered `n` in the list (a team letter only while I am an admin).
    Delete {
        /// Its number in `capsule list`, from 1.
        n: u32,
    },
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
