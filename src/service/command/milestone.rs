//! `milestone add [team] <YYYY-MM-DD> <text…>`, `milestone list [period]`,
//! `milestone remove <n>` and `milestone visibility <n> private|team`.

use crate::domain::visibility::Visibility;

use super::lex::Args;
use super::values::{date, nearest, number_in};
use super::{Command, CommandError, MilestoneCommand};

const SUBCOMMANDS: &[&str] = &["add", "list", "remove", "visibility"];
const DATE: &str = "<YYYY-MM-DD>";
const NUMBER: &str = "<n>";

/// A `milestone …` command; `milestone` alone lists.
pub(super) fn parse(args: &mut Args) -> Result<Command, CommandError> {
    let Some(sub) = args.next_token() else {
        return Ok(Command::Milestone(MilestoneCommand::List { period: None }));
    };
    let command = match sub.key().as_str() {
        "add" => add(args)?,
        "list" => {
            let period = args.next_token().map(|t| t.text);
            args.finish("milestone list")?;
            MilestoneCommand::List { period }
        }
        "remove" | "delete" => {
            let number = number(args, "milestone remove")?;
            args.finish("milestone remove")?;
            MilestoneCommand::Remove { number }
        }
        "visibility" => visibility(args)?,
        _ => {
            return Err(CommandError::UnknownSubcommand {
                command: "milestone",
                suggestion: nearest(&sub.text, SUBCOMMANDS).map(topic_of),
                word: sub.text,
            });
        }
    };
    Ok(Command::Milestone(command))
}

fn topic_of(subcommand: &str) -> &'static str {
    match subcommand {
        "add" => "milestone add",
        "list" => "milestone list",
        "remove" => "milestone remove",
        _ => "milestone visibility",
    }
}

/// `add [team] <date> <text…>`: the text is the rest of the line, as typed.
fn add(args: &mut Args) -> Result<MilestoneCommand, CommandError> {
    const TOPIC: &str = "milestone add";
    let mut first = args.required(TOPIC, DATE)?;
    let team = first.key() == "team";
    if team {
        first = args.required(TOPIC, DATE)?;
    }
    let Some(date) = date(&first.text) else {
        return Err(CommandError::InvalidDate {
            topic: TOPIC,
            value: first.text,
        });
    };
    let text = args.rest().ok_or(CommandError::MissingArgument {
        topic: TOPIC,
        argument: "<text…>",
    })?;
    Ok(MilestoneCommand::Add { date, text, team })
}

fn number(args: &mut Args, topic: &'static str) -> Result<u32, CommandError> {
    let number = args.required(topic, NUMBER)?;
    number_in(&number.text, topic, NUMBER, (1, 9999))
}

/// `visibility <n> private|team`.
fn visibility(args: &mut Args) -> Result<MilestoneCommand, CommandError> {
    const TOPIC: &str = "milestone visibility";
    let number = number(args, TOPIC)?;
    let level = args.required(TOPIC, "private|team")?;
    args.finish(TOPIC)?;
    let visibility = match level.text.parse::<Visibility>() {
        Ok(v @ (Visibility::Private | Visibility::Team)) => v,
        _ => {
            return Err(CommandError::InvalidChoice {
                topic: TOPIC,
                option: "visibility",
                suggestion: nearest(&level.text, &["private", "team"]),
                value: level.text,
                allowed: "private, team",
            });
        }
    };
    Ok(MilestoneCommand::Visibility { number, visibility })
}
