//! Retrospective schedules: 5-field crontab expressions, their local wall-clock
//! occurrences and how those fire in a time zone. Their descriptions in words live with the
//! other wording, in `service::i18n::cron`.
//!
//! The model: an expression yields **local wall-clock times** ([`chrono::NaiveDateTime`]),
//! computed without any zone by [`CronSpec::next_local_after`], always from the previous
//! scheduled wall time. [`resolve_local`] then turns one wall time into the instant it
//! fires in a zone, settling daylight-saving gaps and repeats.

mod cron;
mod field;
mod occurrence;
mod plan;
#[cfg(test)]
mod plan_tests;
mod problem;

use std::fmt;

pub use cron::CronSpec;
pub(crate) use field::{Field, Fields, Item};
pub use occurrence::{
    Occurrence, first_local_after_instant, next_occurrence, preview, resolve_local, start_of_day,
};
pub use plan::{Firing, FiringKind, MAX_FIRINGS_PER_TICK, MemberTimes, Plan, ScheduleRule, Timing};
pub use problem::FieldProblem;

/// The format hint every "wrong shape" error ends with.
const FORMAT_HINT: &str =
    "hoego uses 5-field crontab: minute hour day-of-month month day-of-week, e.g. `0 17 * * FRI`";

/// One of the five fields of a crontab expression, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CronField {
    /// Minute of the hour, 0-59.
    Minute,
    /// Hour of the day, 0-23.
    Hour,
    /// Day of the month, 1-31, with `L`, `LW` and `15W`.
    DayOfMonth,
    /// Month, 1-12 or JAN-DEC.
    Month,
    /// Day of the week, 0-7 or SUN-SAT (0 and 7 are Sunday), with `5#2` and `5L`.
    DayOfWeek,
}

impl CronField {
    /// The five fields in the order they appear in an expression.
    pub const ALL: [CronField; 5] = [
        CronField::Minute,
        CronField::Hour,
        CronField::DayOfMonth,
        CronField::Month,
        CronField::DayOfWeek,
    ];

    /// The field's name as people read it, e.g. `day-of-month`.
    pub fn label(self) -> &'static str {
        match self {
            CronField::Minute => "minute",
            CronField::Hour => "hour",
            CronField::DayOfMonth => "day-of-month",
            CronField::Month => "month",
            CronField::DayOfWeek => "day-of-week",
        }
    }

    /// What the field accepts, for error messages.
    pub fn accepts(self) -> &'static str {
        match self {
            CronField::Minute => "0-59",
            CronField::Hour => "0-23",
            CronField::DayOfMonth => {
                "1-31, `L` (last day), `LW` (last weekday) or `15W` (weekday nearest the 15th)"
            }
            CronField::Month => "1-12 or JAN-DEC",
            CronField::DayOfWeek => {
                "0-7 or SUN-SAT (0 and 7 are Sunday, 1 is Monday), `5#2` (second Friday) or `5L` (last Friday)"
            }
        }
    }

    /// The lowest and highest number the field takes (day-of-week runs 0-7: both ends are Sunday).
    pub fn bounds(self) -> (u8, u8) {
        match self {
            CronField::Minute => (0, 59),
            CronField::Hour => (0, 23),
            CronField::DayOfMonth => (1, 31),
            CronField::Month => (1, 12),
            CronField::DayOfWeek => (0, 7),
        }
    }

    /// Values that work in this field, for error messages.
    pub fn example(self) -> &'static str {
        match self {
            CronField::Minute => "`0`, `30` or `*/15`",
            CronField::Hour => "`17`, `9-18` or `9,13`",
            CronField::DayOfMonth => "`1`, `1,15` or `L`",
            CronField::Month => "`*`, `DEC` or `*/3`",
            CronField::DayOfWeek => "`FRI`, `MON-FRI` or `1#1`",
        }
    }
}

impl fmt::Display for CronField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a schedule expression was refused; every message says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CronError {
    /// Nothing was given.
    #[error("the schedule is empty; {FORMAT_HINT}")]
    Empty,
    /// The expression does not have exactly five fields (seconds or years, or a typo).
    #[error("`{expr}` has {count} field{s}; {FORMAT_HINT}", s = if *.count == 1 { "" } else { "s" })]
    FieldCount {
        /// The expression as given.
        expr: String,
        /// How many whitespace-separated fields it has.
        count: usize,
    },
    /// An `@daily`-style shortcut, which hoego does not use.
    #[error(
        "`{expr}` is a shortcut hoego does not use; write the 5-field crontab `{instead}` instead"
    )]
    Shortcut {
        /// The shortcut as given.
        expr: String,
        /// The equivalent 5-field expression.
        instead: &'static str,
    },
    /// One field is malformed or out of range.
    #[error(
        "the {field} field `{text}` is invalid: {problem}. The {field} field accepts {accepts}, e.g. {example}",
        accepts = .field.accepts(),
        example = .field.example()
    )]
    Field {
        /// The field at fault.
        field: CronField,
        /// That field's text as given.
        text: String,
        /// What is wrong with it.
        problem: FieldProblem,
    },
    /// Every field is valid but no calendar date ever matches, e.g. `0 9 30 2 *`.
    #[error(
        "`{expr}` never fires: no date matches its day-of-month, month and day-of-week; e.g. `0 9 28 2 *` runs on February 28"
    )]
    NeverFires {
        /// The expression as given.
        expr: String,
    },
    /// The cron engine refused an expression this module had accepted (a bug here).
    #[error(
        "`{expr}` could not be scheduled ({reason}); e.g. `0 17 * * FRI` runs every Friday at 17:00"
    )]
    Engine {
        /// The expression as given.
        expr: String,
        /// The engine's own message.
        reason: String,
    },
}
