//! `capsule write [team] [until <YYYY-MM-DD>]`, `capsule list` and `capsule delete <n>`.

use super::lex::Args;
use super::values::{date, nearest, number_in};
use super::{CapsuleCommand, Command, CommandError};

const SUBCOMMANDS: &[&str] = &["write", "list", "delete"];

/// A `capsule …` command; `capsule` alone lists.
pub(super) fn parse(args: &mut Args) -> Result<Command, CommandError> {
    let Some(sub) = args.next_token() else {
        return Ok(Command::Capsule(CapsuleCommand::List));
    };
    match sub.key().as_str() {
        "write" => write(args).map(Command::Capsule),
        "list" => args
            .finish("capsule list")
            .map(|()| Command::Capsule(CapsuleCommand::List)),
        "delete" | "remove" => delete(args).map(Command::Capsule),
        _ => Err(CommandError::UnknownSubcommand {
            command: "capsule",
            suggestion: nearest(&sub.text, SUBCOMMANDS).map(|word| match word {
                "write" => "capsule write",
                "delete" => "capsule delete",
                _ => "capsule list",
            }),
            word: sub.text,
        }),
    }
}

/// `write [team] [until] [<date>]`: `until` may be left out before the date.
fn write(args: &mut Args) -> Result<CapsuleCommand, CommandError> {
    const TOPIC: &str = "capsule write";
    let team = args.peek().is_some_and(|t| t.key() == "team");
    if team {
        args.next_token();
    }
    if args.peek().is_some_and(|t| t.key() == "until") {
        args.next_token();
        if args.peek().is_none() {
            return Err(CommandError::MissingArgument {
                topic: TOPIC,
                argument: "<YYYY-MM-DD>",
            });
        }
    }
    let until = match args.next_token() {
        None => None,
        Some(token) => match date(&token.text) {
            Some(day) => Some(day),
            None => {
                return Err(CommandError::InvalidDate {
                    topic: TOPIC,
                    value: token.text,
                });
            }
        },
    };
    args.finish(TOPIC)?;
    Ok(CapsuleCommand::Write { until, team })
}

/// `delete <n>`: the letter's number in `capsule list`.
fn delete(args: &mut Args) -> Result<CapsuleCommand, CommandError> {
    const TOPIC: &str = "capsule delete";
    let Some(token) = args.next_token() else {
        return Err(CommandError::MissingArgument {
            topic: TOPIC,
            argument: "<n>",
        });
    };
    let n = number_in(&token.text, TOPIC, "<n>", (1, 999))?;
    args.finish(TOPIC)?;
    Ok(CapsuleCommand::Delete { n })
}
