//! `mandalart [year]` shows my Mandalart; `mandalart [year] check <sub-goal>.<action>
//! done|partial|not-yet` marks where one of its actions stands; `mandalart [year] <member>`
//! shows a teammate's, when they shared it with the team; `mandalart team [year] [write |
//! check …]` the team's own.

use super::lex::Args;
use super::values::{nearest, number_in, user};
use super::{Command, CommandError, UserRef};
use crate::domain::mandalart::follow::{ActionRef, ActionStatus};

/// The help topic of a check.
pub const CHECK: &str = "mandalart check";
/// The help topic of the team's Mandalart.
pub const TEAM: &str = "mandalart team";
/// The help topic of writing the team's Mandalart.
pub const TEAM_WRITE: &str = "mandalart team write";
/// The help topic of checking an action of the team's Mandalart.
pub const TEAM_CHECK: &str = "mandalart team check";

/// The team's own Mandalart, one a year: anyone in the team sees it, admins write and check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamMandalartCommand {
    /// Show it (the latest without a year).
    Show {
        /// The year it plans.
        year: Option<i32>,
    },
    /// Open its form (the coming year's without a year).
    Write {
        /// The year it plans.
        year: Option<i32>,
    },
    /// Mark where one of its actions stands.
    Check {
        /// The year it plans; the latest without one.
        year: Option<i32>,
        /// The action: sub-goal and action.
        at: ActionRef,
        /// Where it stands.
        status: ActionStatus,
    },
}
const ACTION: &str = "<sub-goal>.<action>";
const STATUS: &str = "done|partial|not-yet";
const STATUSES: &[&str] = &["done", "partial", "not-yet"];

/// `mandalart [year] [check <sub-goal>.<action> <status> | <member>]`.
pub(super) fn parse(args: &mut Args) -> Result<Command, CommandError> {
    let mut year = year(args)?;
    let Some(word) = args.next_token() else {
        return Ok(Command::Mandalart { year });
    };
    if word.key() == "team" {
        return team(args, year);
    }
    if word.key() == "check" {
        let at = args.required(CHECK, ACTION)?;
        let status = args.required(CHECK, STATUS)?;
        args.finish(CHECK)?;
        let (at, status) = check_args(&at.text, &status.text)?;
        return Ok(Command::CheckMandalart { year, at, status });
    }
    let member = user(&word.text);
    let person = !matches!(member, UserRef::Name(_)) || word.text.starts_with('@');
    if let Some(near) = nearest(&word.text, &["check", "team"]).filter(|_| !person) {
        return Err(CommandError::UnknownSubcommand {
            command: "mandalart",
            suggestion: Some(if near == "check" { CHECK } else { TEAM }),
            word: word.text,
        });
    }
    if year.is_none() {
        year = self::year(args)?;
    }
    args.finish("mandalart")?;
    Ok(Command::SharedMandalart { year, member })
}

/// `mandalart [year] team [year] [write | check <sub-goal>.<action> <status>]`.
fn team(args: &mut Args, year: Option<i32>) -> Result<Command, CommandError> {
    let mut year = match year {
        Some(year) => Some(year),
        None => self::year(args)?,
    };
    let Some(word) = args.next_token() else {
        return Ok(Command::TeamMandalart(TeamMandalartCommand::Show { year }));
    };
    let command = match word.key().as_str() {
        "write" => {
            if year.is_none() {
                year = self::year(args)?;
            }
            args.finish(TEAM_WRITE)?;
            TeamMandalartCommand::Write { year }
        }
        "check" => {
            let at = args.required(TEAM_CHECK, ACTION)?;
            let status = args.required(TEAM_CHECK, STATUS)?;
            args.finish(TEAM_CHECK)?;
            let (at, status) = check_args(&at.text, &status.text)?;
            TeamMandalartCommand::Check { year, at, status }
        }
        _ => {
            return Err(CommandError::UnknownSubcommand {
                command: TEAM,
                suggestion: nearest(&word.text, &["write", "check"]).map(|w| match w {
                    "write" => TEAM_WRITE,
                    _ => TEAM_CHECK,
                }),
                word: word.text,
            });
        }
    };
    Ok(Command::TeamMandalart(command))
}

/// A year, when the next word is a number.
fn year(args: &mut Args) -> Result<Option<i32>, CommandError> {
    if !args
        .peek()
        .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Ok(None);
    }
    let typed = args.next_token().expect("peeked").text;
    let number = number_in(&typed, "mandalart", "[year]", (1970, 2200))?;
    Ok(Some(i32::try_from(number).unwrap_or(i32::MAX)))
}

/// Reads a check's action (`3.5`) and status (`done`, `partial`, `not-yet`), as typed in text
/// or in Discord's options.
pub fn check_args(at: &str, status: &str) -> Result<(ActionRef, ActionStatus), CommandError> {
    let Some(at) = ActionRef::parse(at) else {
        return Err(CommandError::InvalidAction {
            topic: CHECK,
            value: at.trim().to_string(),
        });
    };
    let status = status
        .parse::<ActionStatus>()
        .map_err(|()| CommandError::InvalidChoice {
            topic: CHECK,
            option: "status",
            suggestion: nearest(status, STATUSES),
            value: status.to_string(),
            allowed: "done, partial, not-yet",
        })?;
    Ok((at, status))
}
