//! `mandalart [year]` shows my Mandalart; `mandalart [year] check <sub-goal>.<action>
//! done|partial|not-yet` marks where one of its actions stands.

use super::lex::Args;
use super::values::{nearest, number_in};
use super::{Command, CommandError};
use crate::domain::mandalart::follow::{ActionRef, ActionStatus};

/// The help topic of a check.
pub const CHECK: &str = "mandalart check";
const ACTION: &str = "<sub-goal>.<action>";
const STATUS: &str = "done|partial|not-yet";
const STATUSES: &[&str] = &["done", "partial", "not-yet"];

/// `mandalart [year] [check <sub-goal>.<action> <status>]`.
pub(super) fn parse(args: &mut Args) -> Result<Command, CommandError> {
    let mut year = None;
    if args
        .peek()
        .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
    {
        let typed = args.next_token().expect("peeked").text;
        let number = number_in(&typed, "mandalart", "[year]", (1970, 2200))?;
        year = Some(i32::try_from(number).unwrap_or(i32::MAX));
    }
    let Some(word) = args.next_token() else {
        return Ok(Command::Mandalart { year });
    };
    if word.key() != "check" {
        return Err(CommandError::UnknownSubcommand {
            command: "mandalart",
            suggestion: nearest(&word.text, &["check"]).map(|_| CHECK),
            word: word.text,
        });
    }
    let at = args.required(CHECK, ACTION)?;
    let status = args.required(CHECK, STATUS)?;
    args.finish(CHECK)?;
    let (at, status) = check_args(&at.text, &status.text)?;
    Ok(Command::CheckMandalart { year, at, status })
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
