//! The `schedule …` subcommands (admins only; the service checks who may run them).

use super::lex::Args;
use super::parse::set_once;
use super::values::{
    channel, cron, duration, looks_like_cron_field, nearest, number_in, remind, user,
};
use super::{
    Command, CommandError, DEFAULT_PREVIEW_COUNT, MAX_PREVIEW_COUNT, NewSchedule, ScheduleCommand,
    ScheduleTz, UserRef, help,
};
use crate::domain::recap::digest::DigestGrouping;

const ADD_OPTIONS: &[&str] = &["tz", "channel", "window", "remind", "name", "digest"];
const DIGEST_GROUPS: &[&str] = &["by-question", "by-member"];
const PREVIEW_OPTIONS: &[&str] = &["tz", "count"];
const CRON: &str = "\"<cron>\"";

/// Reads the words after `schedule`; `schedule` alone asks for the schedule help.
pub(super) fn parse(args: &mut Args) -> Result<Command, CommandError> {
    let Some(sub) = args.next_token() else {
        return Ok(Command::Help {
            topic: Some("schedule".to_string()),
        });
    };
    let command = match sub.key().as_str() {
        "add" => add(args)?,
        "list" => args
            .finish("schedule list")
            .map(|()| ScheduleCommand::List)?,
        "preview" => preview(args)?,
        "pause" => ScheduleCommand::Pause {
            name: name(args, "schedule pause", "<name>")?,
        },
        "resume" => ScheduleCommand::Resume {
            name: name(args, "schedule resume", "<name>")?,
        },
        "remove" => ScheduleCommand::Remove {
            name: name(args, "schedule remove", "<name>")?,
        },
        "run-now" | "run" | "runnow" => ScheduleCommand::RunNow {
            target: name(args, "schedule run-now", "<schedule-or-template>")?,
        },
        "add-member" | "add-members" => {
            let (schedule, users) = members(args, "schedule add-member")?;
            ScheduleCommand::AddMember { schedule, users }
        }
        "remove-member" | "remove-members" => {
            let (schedule, users) = members(args, "schedule remove-member")?;
            ScheduleCommand::RemoveMember { schedule, users }
        }
        _ => return Err(unknown_subcommand(sub.text)),
    };
    Ok(Command::Schedule(command))
}

/// The subcommands, read from the help entries (`schedule add` … `schedule remove-member`), the
/// one list of them.
fn subcommands() -> Vec<&'static str> {
    (help::ENTRIES.iter())
        .filter_map(|entry| entry.topic.strip_prefix("schedule "))
        .collect()
}

/// The error for a word after `schedule` that is no subcommand.
fn unknown_subcommand(word: String) -> CommandError {
    CommandError::UnknownSubcommand {
        command: "schedule",
        suggestion: nearest(&word, &subcommands())
            .and_then(|sub| help::find_topic(&format!("schedule {sub}"))),
        word,
    }
}

/// One required name and nothing after it.
fn name(
    args: &mut Args,
    topic: &'static str,
    argument: &'static str,
) -> Result<String, CommandError> {
    let name = args.required(topic, argument)?.text;
    args.finish(topic)?;
    Ok(name)
}

/// `<schedule> <user…>`: users may be separated by spaces or commas.
fn members(args: &mut Args, topic: &'static str) -> Result<(String, Vec<UserRef>), CommandError> {
    let schedule = args.required(topic, "<schedule>")?.text;
    let mut users = Vec::new();
    while let Some(token) = args.next_token() {
        let names = token.text.split(',').filter(|part| !part.is_empty());
        users.extend(names.map(user));
    }
    if users.is_empty() {
        return Err(CommandError::MissingArgument {
            topic,
            argument: "<@user…>",
        });
    }
    Ok((schedule, users))
}

/// The cron expression: one quoted token or `@` macro, or unquoted fields up to the next option.
fn cron_argument(
    args: &mut Args,
    topic: &'static str,
    options: &[&str],
) -> Result<String, CommandError> {
    let first = args.required(topic, CRON)?;
    if first.quoted || first.text.starts_with('@') {
        return cron(&first.text, topic);
    }
    let mut fields = vec![first.text];
    while args.peek().is_some_and(|t| {
        !t.quoted && !options.contains(&t.key().as_str()) && looks_like_cron_field(&t.text)
    }) {
        fields.extend(args.next_token().map(|t| t.text));
    }
    cron(&fields.join(" "), topic)
}

/// `schedule add <template> "<cron>" [tz …] [channel …] [window …] [remind …] [name …]
/// [digest by-question|by-member]`.
fn add(args: &mut Args) -> Result<ScheduleCommand, CommandError> {
    const TOPIC: &str = "schedule add";
    let template = args.required(TOPIC, "<template>")?;
    let numeric = template
        .text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '*');
    if template.text.contains(char::is_whitespace) || (!template.quoted && numeric) {
        return Err(CommandError::MissingArgument {
            topic: TOPIC,
            argument: "<template>",
        });
    }
    let mut new = NewSchedule {
        template: template.text,
        cron: cron_argument(args, TOPIC, ADD_OPTIONS)?,
        ..NewSchedule::default()
    };
    while let Some(token) = args.next_token() {
        let Some(&option) = ADD_OPTIONS.iter().find(|&&o| o == token.key()) else {
            return Err(CommandError::UnknownOption {
                topic: TOPIC,
                suggestion: nearest(&token.text, ADD_OPTIONS),
                word: token.text,
            });
        };
        let value = args.value(TOPIC, option, ADD_OPTIONS)?;
        add_option(&mut new, option, value)?;
    }
    Ok(ScheduleCommand::Add(new))
}

fn add_option(
    new: &mut NewSchedule,
    option: &'static str,
    value: String,
) -> Result<(), CommandError> {
    const TOPIC: &str = "schedule add";
    match option {
        "tz" if value.eq_ignore_ascii_case("local") => {
            set_once(&mut new.tz, TOPIC, option, ScheduleTz::Local)
        }
        "tz" => set_once(&mut new.tz, TOPIC, option, ScheduleTz::Zone(value)),
        "channel" => set_once(&mut new.channel, TOPIC, option, channel(&value)),
        "window" => match duration(&value) {
            Some(window) => set_once(&mut new.window, TOPIC, option, window),
            None => Err(CommandError::InvalidDuration {
                topic: TOPIC,
                option,
                value,
            }),
        },
        "remind" => match remind(&value) {
            Some(at) => set_once(&mut new.remind, TOPIC, option, at),
            None => Err(CommandError::InvalidReminder {
                topic: TOPIC,
                value,
            }),
        },
        "digest" => {
            let grouping = match value.to_lowercase().as_str() {
                "by-question" => DigestGrouping::Question,
                "by-member" => DigestGrouping::Member,
                _ => {
                    return Err(CommandError::InvalidChoice {
                        topic: TOPIC,
                        option,
                        suggestion: nearest(&value, DIGEST_GROUPS),
                        value,
                        allowed: "by-question, by-member",
                    });
                }
            };
            set_once(&mut new.digest, TOPIC, option, grouping)
        }
        _ => set_once(&mut new.name, TOPIC, option, value),
    }
}

/// `schedule preview "<cron>" [tz <zone>] [count N]`.
fn preview(args: &mut Args) -> Result<ScheduleCommand, CommandError> {
    const TOPIC: &str = "schedule preview";
    let cron = cron_argument(args, TOPIC, PREVIEW_OPTIONS)?;
    let (mut tz, mut count) = (None, None);
    while let Some(token) = args.next_token() {
        match token.key().as_str() {
            "tz" => {
                let zone = args.value(TOPIC, "tz", PREVIEW_OPTIONS)?;
                set_once(&mut tz, TOPIC, "tz", zone)?;
            }
            "count" => {
                let value = args.value(TOPIC, "count", PREVIEW_OPTIONS)?;
                let n = number_in(&value, TOPIC, "count", (1, MAX_PREVIEW_COUNT))?;
                set_once(&mut count, TOPIC, "count", n)?;
            }
            _ => {
                return Err(CommandError::UnknownOption {
                    topic: TOPIC,
                    suggestion: nearest(&token.text, PREVIEW_OPTIONS),
                    word: token.text,
                });
            }
        }
    }
    let count = count.unwrap_or(DEFAULT_PREVIEW_COUNT);
    Ok(ScheduleCommand::Preview { cron, tz, count })
}
