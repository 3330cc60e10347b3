//! What can be wrong inside one crontab field, as data: the service words it for people in
//! their language (`service::i18n::cron::refusal`); `Display` is the English account used in
//! logs and by the command line.

use std::fmt;

/// Why one field of an expression was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// `1,,15`.
    EmptyEntry,
    /// `?` outside the day fields.
    QuestionMark,
    /// `*` or `?` inside a list (`*,1`).
    AnyInList {
        /// The entry as typed.
        part: String,
    },
    /// A range written high to low (`FRI-MON`).
    Backwards {
        /// The range as typed.
        part: String,
    },
    /// A step after a single value (`5/15`).
    StepWithoutRange {
        /// What came before the `/`.
        range: String,
        /// What came after it.
        step: String,
        /// The field's highest value.
        max: u8,
    },
    /// A step that is not 1 to the field's highest value (`*/0`).
    BadStep {
        /// The step as typed.
        step: String,
        /// The field's highest value.
        max: u8,
    },
    /// Day-of-week `L` on its own.
    LoneLast,
    /// `#6`: not `#1` to `#5` or `#L`.
    BadNth {
        /// What followed the `#`.
        nth: String,
    },
    /// A range before `W`, `#` or `L` (`1-15W`).
    ModifierOnRange {
        /// The range as typed.
        text: String,
        /// An entry that works (`15W`).
        example: &'static str,
    },
    /// An empty value (`1-`).
    MissingValue,
    /// A number outside the field's range.
    OutOfRange {
        /// The number as typed.
        text: String,
    },
    /// Neither a number nor a month name.
    NotAMonth {
        /// The value as typed.
        text: String,
    },
    /// Neither a number nor a weekday name.
    NotAWeekday {
        /// The value as typed.
        text: String,
    },
    /// Not a number.
    NotANumber {
        /// The value as typed.
        text: String,
    },
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::EmptyEntry => write!(f, "the list has an empty entry"),
            FieldProblem::QuestionMark => {
                write!(f, "`?` only means \"any\" in the day fields; write `*`")
            }
            FieldProblem::AnyInList { part } => {
                write!(
                    f,
                    "`{part}` cannot be combined with other values; use it alone"
                )
            }
            FieldProblem::Backwards { part } => {
                write!(
                    f,
                    "the range `{part}` runs backwards; write the lower value first"
                )
            }
            FieldProblem::StepWithoutRange { range, step, max } => write!(
                f,
                "a step needs `*` or a range before the `/`: write `*/{step}` or `{range}-{max}/{step}`"
            ),
            FieldProblem::BadStep { step, max } => {
                write!(f, "the step `/{step}` must be a number from 1 to {max}")
            }
            FieldProblem::LoneLast => write!(
                f,
                "`L` alone is not a day of the week; write `5L` for the last Friday"
            ),
            FieldProblem::BadNth { nth } => write!(
                f,
                "`#{nth}` must be #1 to #5 or #L, e.g. `5#2` (second Friday)"
            ),
            FieldProblem::ModifierOnRange { text, example } => write!(
                f,
                "`{text}` is a range, but this modifier takes one day, e.g. `{example}`"
            ),
            FieldProblem::MissingValue => write!(f, "a value is missing"),
            FieldProblem::OutOfRange { text } => write!(f, "`{text}` is out of range"),
            FieldProblem::NotAMonth { text } => {
                write!(f, "`{text}` is not a month; use a 3-letter name like JAN")
            }
            FieldProblem::NotAWeekday { text } => write!(
                f,
                "`{text}` is not a day of the week; use a 3-letter name like MON"
            ),
            FieldProblem::NotANumber { text } => write!(f, "`{text}` is not a number"),
        }
    }
}
