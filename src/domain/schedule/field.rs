//! The grammar of one crontab field: lists, ranges, steps, names and the
//! `L`/`W`/`#` modifiers, each checked against the field's own range.

use super::problem::FieldProblem;
use super::{CronError, CronField};

/// Three-letter month names, January first.
const MONTH_NAMES: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
/// Three-letter weekday names, Sunday (0) first.
const DAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// One comma-separated entry of a field, with names already turned into numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A single value, e.g. `5` or `FRI`.
    Value(u8),
    /// An inclusive range, e.g. `MON-FRI`.
    Range(u8, u8),
    /// `*/step` (`every`) or `start-end/step`.
    Step {
        start: u8,
        end: u8,
        step: u8,
        every: bool,
    },
    /// Day-of-month `L`: the last day of the month.
    LastDay,
    /// Day-of-month `LW`: the last weekday (Monday-Friday) of the month.
    LastWeekday,
    /// Day-of-month `15W`: the weekday nearest that day, within the month.
    NearestWeekday(u8),
    /// Day-of-week `5#2`: the nth (1-5) such weekday of the month.
    Nth(u8, u8),
    /// Day-of-week `5L` or `5#L`: the last such weekday of the month.
    LastOf(u8),
}

/// A parsed field: `*` (or `?` in the day fields) or a list of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// Every value.
    Any,
    /// The union of these entries.
    List(Vec<Item>),
}

/// The five parsed fields of an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fields {
    pub minute: Field,
    pub hour: Field,
    pub dom: Field,
    pub month: Field,
    pub dow: Field,
}

impl Field {
    /// The field as croner reads it.
    pub(super) fn engine_text(&self) -> String {
        match self {
            Field::Any => "*".to_string(),
            Field::List(items) => items
                .iter()
                .map(|item| item.engine_text())
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

impl Item {
    /// The entry as croner reads it.
    fn engine_text(self) -> String {
        match self {
            Item::Value(v) => v.to_string(),
            Item::Range(a, b) => format!("{a}-{b}"),
            Item::Step {
                step, every: true, ..
            } => format!("*/{step}"),
            Item::Step {
                start, end, step, ..
            } => format!("{start}-{end}/{step}"),
            Item::LastDay => "L".to_string(),
            Item::LastWeekday => "LW".to_string(),
            Item::NearestWeekday(day) => format!("{day}W"),
            Item::Nth(day, nth) => format!("{day}#{nth}"),
            Item::LastOf(day) => format!("{day}#L"),
        }
    }
}

/// Parses one field, naming it in the error.
pub(super) fn parse_field(field: CronField, text: &str) -> Result<Field, CronError> {
    let upper = text.to_ascii_uppercase();
    let is_day = matches!(field, CronField::DayOfMonth | CronField::DayOfWeek);
    if upper == "*" || (is_day && upper == "?") {
        return Ok(Field::Any);
    }
    let items: Result<Vec<Item>, FieldProblem> = upper
        .split(',')
        .map(|part| parse_item(field, part))
        .collect();
    items.map(Field::List).map_err(|problem| CronError::Field {
        field,
        text: text.to_string(),
        problem,
    })
}

/// Parses one comma-separated entry.
fn parse_item(field: CronField, part: &str) -> Result<Item, FieldProblem> {
    if part.is_empty() {
        return Err(FieldProblem::EmptyEntry);
    }
    if part == "?" && !matches!(field, CronField::DayOfMonth | CronField::DayOfWeek) {
        return Err(FieldProblem::QuestionMark);
    }
    if part == "*" || part == "?" {
        return Err(FieldProblem::AnyInList {
            part: part.to_string(),
        });
    }
    if let Some((range, step)) = part.split_once('/') {
        return parse_step(field, range, step);
    }
    let special = match field {
        CronField::DayOfMonth => day_of_month_special(part)?,
        CronField::DayOfWeek => day_of_week_special(part)?,
        _ => None,
    };
    if let Some(item) = special {
        return Ok(item);
    }
    match part.split_once('-') {
        Some((low, high)) => {
            let (start, end) = (
                parse_value(field, low, false)?,
                parse_value(field, high, true)?,
            );
            ordered(part, start, end)?;
            Ok(Item::Range(start, end))
        }
        None => parse_value(field, part, false).map(Item::Value),
    }
}

/// Refuses a range written high to low.
fn ordered(part: &str, start: u8, end: u8) -> Result<(), FieldProblem> {
    if start > end {
        return Err(FieldProblem::Backwards {
            part: part.to_string(),
        });
    }
    Ok(())
}

/// Parses `*/step` or `start-end/step`.
fn parse_step(field: CronField, range: &str, step: &str) -> Result<Item, FieldProblem> {
    let (min, max) = field.bounds();
    let (start, end, every) = match (range, range.split_once('-')) {
        ("*", _) => (min, max, true),
        (_, Some((low, high))) => (
            parse_value(field, low, false)?,
            parse_value(field, high, true)?,
            false,
        ),
        _ => {
            return Err(FieldProblem::StepWithoutRange {
                range: range.to_string(),
                step: step.to_string(),
                max,
            });
        }
    };
    ordered(range, start, end)?;
    match step.parse::<u8>() {
        Ok(step) if (1..=max).contains(&step) => Ok(Item::Step {
            start,
            end,
            step,
            every,
        }),
        _ => Err(FieldProblem::BadStep {
            step: step.to_string(),
            max,
        }),
    }
}

/// Day-of-month `L`, `LW` and `15W`.
fn day_of_month_special(part: &str) -> Result<Option<Item>, FieldProblem> {
    Ok(Some(match part {
        "L" => Item::LastDay,
        "LW" => Item::LastWeekday,
        _ => match part.strip_suffix('W') {
            Some(day) => Item::NearestWeekday(one_day(CronField::DayOfMonth, day, "15W")?),
            None => return Ok(None),
        },
    }))
}

/// Day-of-week `5#2`, `5#L` and `5L`.
fn day_of_week_special(part: &str) -> Result<Option<Item>, FieldProblem> {
    if part == "L" {
        return Err(FieldProblem::LoneLast);
    }
    if let Some((day, nth)) = part.split_once('#') {
        let day = one_day(CronField::DayOfWeek, day, "5#2")?;
        return match (nth, nth.parse::<u8>()) {
            ("L", _) => Ok(Some(Item::LastOf(day))),
            (_, Ok(n @ 1..=5)) => Ok(Some(Item::Nth(day, n))),
            _ => Err(FieldProblem::BadNth {
                nth: nth.to_string(),
            }),
        };
    }
    match part.strip_suffix('L') {
        Some(day) => Ok(Some(Item::LastOf(one_day(
            CronField::DayOfWeek,
            day,
            "5L",
        )?))),
        None => Ok(None),
    }
}

/// The single day a `W`, `#` or `L` modifier applies to; ranges are refused.
fn one_day(field: CronField, text: &str, example: &'static str) -> Result<u8, FieldProblem> {
    if text.contains('-') {
        return Err(FieldProblem::ModifierOnRange {
            text: text.to_string(),
            example,
        });
    }
    parse_value(field, text, false)
}

/// Parses a number or a three-letter name; `SUN` ending a range is 7 so `FRI-SUN` works.
fn parse_value(field: CronField, text: &str, range_end: bool) -> Result<u8, FieldProblem> {
    let (min, max) = field.bounds();
    if text.is_empty() {
        return Err(FieldProblem::MissingValue);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<u8>() {
            Ok(value) if (min..=max).contains(&value) => Ok(value),
            _ => Err(FieldProblem::OutOfRange {
                text: text.to_string(),
            }),
        };
    }
    let names: &[&str] = match field {
        CronField::Month => &MONTH_NAMES,
        CronField::DayOfWeek => &DAY_NAMES,
        _ => &[],
    };
    match names.iter().position(|name| *name == text) {
        Some(0) if range_end && field == CronField::DayOfWeek => Ok(7),
        Some(index) => Ok(index as u8 + min),
        None => {
            let text = text.to_string();
            Err(match field {
                CronField::Month => FieldProblem::NotAMonth { text },
                CronField::DayOfWeek => FieldProblem::NotAWeekday { text },
                _ => FieldProblem::NotANumber { text },
            })
        }
    }
}
