//! `mandalart [year]` shows my Mandalart; `mandalart [year] check <sub-goal>.<action>
//! done|partial|not-yet` marks where one of its actions stands; `mandalart [year] <member>`
//! shows a teammate's, when they shared it with the team.

use super::lex::Args;
use super::values::{nearest, number_in, user};
use super::{Command, CommandError, UserRef};
use crate::domain::mandalart::follow::{ActionRef, ActionStatus};

/// The help topic of a check.
pub const CHECK: &str = "mandalart check";
const ACTION: &str = "<sub-goal>.<action>";
const STATUS: &str = "done|partial|not-yet";
const STATUSES: &[&str] = &["done", "partial", "not-yet"];

/// `mandalart [year] [check <sub-goal>.<action> <status> | <member>]`.
pub(super) fn parse(args: &mut Args) -> Result<Command, CommandError> {
    let mut year = year(args)?;
    let Some(word) = args.next_token() else {
        return Ok(Command::Mandalart { year });
    };
    if word.key() == "check" {
        let at = args.required(CHECK, ACTION)?;
        let status = args.required(CHECK, STATUS)?;
        args.finish(CHECK)?;
        let (at, status) = check_args(&at.text, &status.text)?;
        return Ok(Command::CheckMandalart { year, at, status });
    }
    let member = user(&word.text);
    let person = !matches!(member, UserRef::Name(_)) || word.text.starts_with('@');
    if !person && nearest(&word.text, &["check"]).is_some() {
        return Err(CommandError::UnknownSubcommand {
            command: "mandalart",
            suggestion: Some(CHECK),
            word: word.text,
        });
    }
    if year.is_none() {
        year = self::year(args)?;
    }
    args.finish("mandalart")?;
    Ok(Command::SharedMandalart { year, member })
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
