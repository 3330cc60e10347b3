//! The states things move through, with the words stored for them (the database CHECKs the same
//! words).

use std::fmt;
use std::str::FromStr;

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stored word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),* }
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($word => Ok($name::$variant),)* _ => Err(UnknownWord(s.to_string())) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A stored word that names no known state (a database written by a newer version).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown state word {0:?}")]
pub struct UnknownWord(pub String);

word_enum!(
    /// The chat platform a team lives on.
    Platform {
        /// A Discord guild.
        Discord = "discord",
        /// A Slack workspace.
        Slack = "slack",
        /// The terminal console.
        Console = "console",
    }
);

word_enum!(
    /// Where a member's prompts go.
    DeliveryMode {
        /// A direct message.
        Dm = "dm",
        /// A thread in the schedule's channel.
        Thread = "thread",
    }
);

word_enum!(
    /// Whether a schedule makes new rounds.
    ScheduleState {
        /// Rounds are created as the schedule fires.
        Active = "active",
        /// No new rounds; resuming does not backfill.
        Paused = "paused",
    }
);

word_enum!(
    /// A round's life.
    RoundStatus {
        /// Accepting answers.
        Open = "open",
        /// The window ended.
        Closed = "closed",
        /// Its time passed during downtime beyond the grace period; nothing was sent.
        Missed = "missed",
    }
);

word_enum!(
    /// One member's prompt in one round.
    DeliveryStatus {
        /// Waiting to be sent.
        Pending = "pending",
        /// Sent, not yet answered.
        Sent = "sent",
        /// Answered.
        Answered = "answered",
        /// The member chose to skip.
        Skipped = "skipped",
        /// The window closed without an answer.
        Missed = "missed",
        /// Sending kept failing.
        Failed = "failed",
        /// The platform refused to deliver to this member (e.g. DMs closed).
        Undeliverable = "undeliverable",
    }
);

word_enum!(
    /// Where a tracked resolution stands.
    ResolutionStatus {
        /// Set, not yet followed up.
        Open = "open",
        /// Followed up: going as planned.
        OnTrack = "on_track",
        /// Followed up: changed shape.
        Changed = "changed",
        /// Done.
        Done = "done",
        /// Dropped.
        Dropped = "dropped",
    }
);
