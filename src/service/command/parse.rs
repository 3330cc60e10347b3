//! The text grammar shared by Slack and the console: `[/hoego] <command> [arguments…]`.

use crate::domain::lang::Lang;
use crate::service::i18n::t;

use super::lex::{Args, Token};
use super::values::{date, nearest};
use super::{Command, CommandError, DeliveryMode, RecapScope, SettingsChange};
use super::{answers, capsule, help, mandalart, milestone, schedule};

/// Every top-level command word.
const COMMANDS: &[&str] = &[
    "answer",
    "skip",
    "edit",
    "recap",
    "settings",
    "join",
    "leave",
    "pause",
    "resume",
    "export",
    "import",
    "forget-me",
    "visibility",
    "resolutions",
    "milestone",
    "mandalart",
    "capsule",
    "schedule",
    "help",
];
const RECAP_OPTIONS: &[&str] = &["me", "team", "public", "summary"];
/// Period words that must never be mistaken for a misspelt recap option.
const PERIOD_WORDS: &[&str] = &["week", "month", "quarter", "year"];
const SETTINGS_OPTIONS: &[&str] = &["tz", "lang", "delivery", "timezone", "language"];

/// Reads one command. The leading `/hoego` (or `hoego`) is optional; an empty command asks for
/// help. Free text is not a command: callers decide what is an answer before calling this.
pub fn parse(text: &str) -> Result<Command, CommandError> {
    let mut args = Args::new(text)?;
    if args
        .peek()
        .is_some_and(|t| matches!(t.key().as_str(), "/hoego" | "hoego"))
    {
        args.next_token();
    }
    let Some(word) = args.next_token() else {
        return Ok(Command::Help { topic: None });
    };
    let args = &mut args;
    match word.text.to_lowercase().as_str() {
        "answer" => optional_name(args, "answer").map(|schedule| Command::Answer { schedule }),
        "skip" => optional_name(args, "skip").map(|schedule| Command::Skip { schedule }),
        "edit" => optional_name(args, "edit").map(|schedule| Command::Edit { schedule }),
        "join" => optional_name(args, "join").map(|schedule| Command::Join { schedule }),
        "leave" => optional_name(args, "leave").map(|schedule| Command::Leave { schedule }),
        "recap" => recap(args),
        "settings" => settings(args),
        "pause" => pause(args),
        "resume" => args.finish("resume").map(|()| Command::Resume),
        "export" => args.finish("export").map(|()| Command::Export),
        "import" => optional_name(args, "import").map(|path| Command::Import { path }),
        "forget-me" | "forgetme" => forget_me(args),
        "forget" if args.peek().is_some_and(|t| t.key() == "me") => {
            args.next_token();
            forget_me(args)
        }
        "visibility" => answers::visibility(args),
        "resolutions" => answers::resolutions(args),
        "milestone" | "milestones" => milestone::parse(args),
        "mandalart" => mandalart::parse(args),
        "capsule" | "capsules" => capsule::parse(args),
        "schedule" => schedule::parse(args),
        "help" => help_topic(args),
        _ => Err(unknown_command(word, args)),
    }
}

/// The error for an unknown first word, suggesting the nearest command (and its subcommand
/// when the next word is one, so `schedle add` suggests `schedule add`).
fn unknown_command(word: Token, args: &Args) -> CommandError {
    let suggestion = nearest(&word.text, COMMANDS).map(|command| {
        args.peek()
            .and_then(|next| help::find_topic(&format!("{command} {}", next.key())))
            .unwrap_or(command)
    });
    CommandError::UnknownCommand {
        word: word.text,
        suggestion,
    }
}

/// Stores `value` in `slot`, refusing an option given twice.
pub(super) fn set_once<T>(
    slot: &mut Option<T>,
    topic: &'static str,
    option: &'static str,
    value: T,
) -> Result<(), CommandError> {
    if slot.is_some() {
        return Err(CommandError::DuplicateOption { topic, option });
    }
    *slot = Some(value);
    Ok(())
}

fn optional_name(args: &mut Args, topic: &'static str) -> Result<Option<String>, CommandError> {
    let name = args.next_token().map(|t| t.text);
    args.finish(topic)?;
    Ok(name)
}

fn recap(args: &mut Args) -> Result<Command, CommandError> {
    const TOPIC: &str = "recap";
    let (mut period, mut scope, mut public, mut summary) = (None, None, None, None);
    while let Some(token) = args.next_token() {
        match token.key().as_str() {
            "me" => set_once(&mut scope, TOPIC, "me|team", RecapScope::Me)?,
            "team" => set_once(&mut scope, TOPIC, "me|team", RecapScope::Team)?,
            "public" => set_once(&mut public, TOPIC, "public", true)?,
            "summary" => set_once(&mut summary, TOPIC, "summary", true)?,
            _ if period.is_none() && !misspelt_recap_option(&token) => period = Some(token.text),
            _ => {
                return Err(CommandError::UnknownOption {
                    topic: TOPIC,
                    suggestion: nearest(&token.text, RECAP_OPTIONS),
                    word: token.text,
                });
            }
        }
    }
    Ok(Command::Recap {
        period: period.unwrap_or_else(|| "week".to_string()),
        scope: scope.unwrap_or_default(),
        public: public.unwrap_or(false),
        summary: summary.unwrap_or(false),
    })
}

/// Whether a word in period position is more likely a misspelt `me`, `team` or `public`.
fn misspelt_recap_option(token: &Token) -> bool {
    let key = token.key();
    !token.quoted
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && nearest(&key, PERIOD_WORDS).is_none()
        && nearest(&key, RECAP_OPTIONS).is_some()
}

fn settings(args: &mut Args) -> Result<Command, CommandError> {
    const TOPIC: &str = "settings";
    if args.is_empty() {
        return Ok(Command::ShowSettings);
    }
    if args.peek().is_some_and(|t| t.key() == "summary") {
        args.next_token();
        return team_summary(args);
    }
    let mut change = SettingsChange::default();
    while let Some(token) = args.next_token() {
        match token.key().as_str() {
            "tz" | "timezone" => {
                let zone = args.value(TOPIC, "tz", SETTINGS_OPTIONS)?;
                set_once(&mut change.tz, TOPIC, "tz", zone)?;
            }
            "lang" | "language" => {
                let lang = args.value(TOPIC, "lang", SETTINGS_OPTIONS)?;
                set_once(&mut change.lang, TOPIC, "lang", language(lang)?)?;
            }
            "delivery" => {
                let mode = args.value(TOPIC, "delivery", SETTINGS_OPTIONS)?;
                set_once(&mut change.delivery, TOPIC, "delivery", delivery(mode)?)?;
            }
            _ => {
                return Err(CommandError::UnknownOption {
                    topic: TOPIC,
                    suggestion: nearest(&token.text, SETTINGS_OPTIONS),
                    word: token.text,
                });
            }
        }
    }
    Ok(Command::UpdateSettings(change))
}

/// `settings summary [on|off]`.
fn team_summary(args: &mut Args) -> Result<Command, CommandError> {
    let turn = match args.next_token() {
        None => None,
        Some(token) => match token.key().as_str() {
            "on" => Some(true),
            "off" => Some(false),
            _ => {
                return Err(CommandError::InvalidChoice {
                    topic: "settings",
                    option: "summary",
                    suggestion: nearest(&token.text, &["on", "off"]),
                    value: token.text,
                    allowed: "on, off",
                });
            }
        },
    };
    args.finish("settings")?;
    Ok(Command::TeamSummary { turn })
}

/// A language by its code, its English name or its own name as the catalogs write it (`한국어`).
fn language(value: String) -> Result<Lang, CommandError> {
    let own_name = Lang::ALL
        .into_iter()
        .find(|&lang| t(lang, &format!("settings.lang_{}", lang.code()), &[]) == value.trim());
    own_name
        .map_or_else(|| value.parse(), Ok)
        .map_err(|_| CommandError::InvalidChoice {
            topic: "settings",
            option: "lang",
            suggestion: nearest(&value, &["en", "ko"]),
            value,
            allowed: "en, ko",
        })
}

fn delivery(value: String) -> Result<DeliveryMode, CommandError> {
    match value.to_lowercase().as_str() {
        "dm" | "dms" => Ok(DeliveryMode::Dm),
        "thread" => Ok(DeliveryMode::Thread),
        _ => Err(CommandError::InvalidChoice {
            topic: "settings",
            option: "delivery",
            suggestion: nearest(&value, &["dm", "thread"]),
            value,
            allowed: "dm, thread",
        }),
    }
}

/// `pause until 2026-06-01` (the `until` may be left out).
fn pause(args: &mut Args) -> Result<Command, CommandError> {
    const TOPIC: &str = "pause";
    const DATE: &str = "until <YYYY-MM-DD>";
    if args.peek().is_some_and(|t| t.key() == "until") {
        args.next_token();
    }
    let value = args.rest().ok_or(CommandError::MissingArgument {
        topic: TOPIC,
        argument: DATE,
    })?;
    match date(&value) {
        Some(until) => Ok(Command::Pause { until }),
        None => Err(CommandError::InvalidDate {
            topic: TOPIC,
            value,
        }),
    }
}

fn forget_me(args: &mut Args) -> Result<Command, CommandError> {
    let Some(token) = args.next_token() else {
        return Ok(Command::ForgetMe { confirmed: false });
    };
    if token.key() != "confirm" {
        return Err(CommandError::UnknownOption {
            topic: "forget-me",
            suggestion: nearest(&token.text, &["confirm"]),
            word: token.text,
        });
    }
    args.finish("forget-me")?;
    Ok(Command::ForgetMe { confirmed: true })
}

/// `help`, `help recap`, `help schedule add`: the topic must exist.
fn help_topic(args: &mut Args) -> Result<Command, CommandError> {
    let Some(topic) = args.rest() else {
        return Ok(Command::Help { topic: None });
    };
    let topic = topic.split_whitespace().collect::<Vec<_>>().join(" ");
    match help::find_topic(&topic.to_lowercase()) {
        Some(found) => Ok(Command::Help {
            topic: Some(found.to_string()),
        }),
        None => Err(CommandError::UnknownCommand {
            suggestion: help::nearest_topic(&topic),
            word: topic,
        }),
    }
}
