//! What can be wrong with a command, told in the person's language with an example that works.

use crate::domain::lang::Lang;
use crate::service::i18n::t;

use super::help;

/// A command that could not be read. Its `Display` is the English [`CommandError::message`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum CommandError {
    /// A `"` or `“` was opened and never closed.
    UnclosedQuote,
    /// The first word is no command.
    UnknownCommand {
        /// The word as typed.
        word: String,
        /// The help topic the person probably meant (`recap`, `schedule add`).
        suggestion: Option<&'static str>,
    },
    /// The word after a command with subcommands (`schedule`, `resolutions`) is none of them.
    UnknownSubcommand {
        /// The command (`schedule`).
        command: &'static str,
        /// The word as typed.
        word: String,
        /// The help topic the person probably meant (`schedule add`).
        suggestion: Option<&'static str>,
    },
    /// A word the command does not understand where an option was expected.
    UnknownOption {
        /// The help topic of the command.
        topic: &'static str,
        /// The word as typed.
        word: String,
        /// The option the person probably meant (`tz`).
        suggestion: Option<&'static str>,
    },
    /// A required argument is missing.
    MissingArgument {
        /// The help topic of the command.
        topic: &'static str,
        /// What is missing, as written in the usage (`<template>`).
        argument: &'static str,
    },
    /// An option was given without its value (`settings tz`).
    MissingValue {
        /// The help topic of the command.
        topic: &'static str,
        /// The option (`tz`).
        option: &'static str,
    },
    /// A word was left over after a complete command.
    UnexpectedArgument {
        /// The help topic of the command.
        topic: &'static str,
        /// The first word left over.
        word: String,
    },
    /// An option was given twice.
    DuplicateOption {
        /// The help topic of the command.
        topic: &'static str,
        /// The option (`tz`).
        option: &'static str,
    },
    /// A value that must be one of a few words is none of them.
    InvalidChoice {
        /// The help topic of the command.
        topic: &'static str,
        /// The option or argument (`lang`).
        option: &'static str,
        /// The value as typed.
        value: String,
        /// The words that work, as shown to people (`en, ko`).
        allowed: &'static str,
        /// The word the person probably meant.
        suggestion: Option<&'static str>,
    },
    /// A date that is not `YYYY-MM-DD`.
    InvalidDate {
        /// The help topic of the command.
        topic: &'static str,
        /// The value as typed.
        value: String,
    },
    /// A duration that is not like `2d`, `36h` or `90m`.
    InvalidDuration {
        /// The help topic of the command.
        topic: &'static str,
        /// The option (`window`).
        option: &'static str,
        /// The value as typed.
        value: String,
    },
    /// A reminder that is neither a duration nor a percentage from 1% to 99%.
    InvalidReminder {
        /// The help topic of the command.
        topic: &'static str,
        /// The value as typed.
        value: String,
    },
    /// An action of a Mandalart that is not `<sub-goal>.<action>`, each from 1 to 8.
    InvalidAction {
        /// The help topic of the command.
        topic: &'static str,
        /// The value as typed.
        value: String,
    },
    /// A number that is not a whole number in range.
    InvalidNumber {
        /// The help topic of the command.
        topic: &'static str,
        /// The option or argument (`count`).
        option: &'static str,
        /// The value as typed.
        value: String,
        /// The smallest number accepted.
        min: u32,
        /// The largest number accepted.
        max: u32,
    },
    /// A cron expression with the wrong number of fields.
    InvalidCron {
        /// The help topic of the command.
        topic: &'static str,
        /// The expression as typed.
        value: String,
        /// How many fields it has.
        fields: usize,
    },
}

impl CommandError {
    /// The help topic of the command this error is about, if it is known.
    pub fn topic(&self) -> Option<&'static str> {
        use CommandError as E;
        match self {
            E::UnclosedQuote => None,
            E::UnknownCommand { suggestion, .. } => *suggestion,
            E::UnknownSubcommand {
                command,
                suggestion,
                ..
            } => suggestion.or(Some(command)),
            E::UnknownOption { topic, .. }
            | E::MissingArgument { topic, .. }
            | E::MissingValue { topic, .. }
            | E::UnexpectedArgument { topic, .. }
            | E::DuplicateOption { topic, .. }
            | E::InvalidChoice { topic, .. }
            | E::InvalidDate { topic, .. }
            | E::InvalidDuration { topic, .. }
            | E::InvalidReminder { topic, .. }
            | E::InvalidAction { topic, .. }
            | E::InvalidNumber { topic, .. }
            | E::InvalidCron { topic, .. } => Some(topic),
        }
    }

    /// The whole message: what is wrong, a suggestion where one is likely, and an example.
    pub fn message(&self, lang: Lang) -> String {
        let mut lines = vec![self.fact(lang)];
        if let Some(word) = self.suggested_word() {
            lines.push(t(lang, "error.did_you_mean", &[("suggestion", word)]));
        }
        if let CommandError::UnknownCommand {
            suggestion: Some(topic),
            ..
        }
        | CommandError::UnknownSubcommand {
            suggestion: Some(topic),
            ..
        } = self
        {
            lines.extend(help::help_lines(lang, topic));
        }
        let topic = match self {
            CommandError::UnclosedQuote => Some("schedule add"),
            _ => self.topic(),
        };
        match topic.and_then(|topic| help::example(topic, lang)) {
            Some(example) => lines.push(t(lang, "error.example", &[("example", &example)])),
            None => lines.push(t(lang, "error.see_help", &[])),
        }
        lines.join("\n")
    }

    fn suggested_word(&self) -> Option<&'static str> {
        match self {
            CommandError::UnknownCommand { suggestion, .. }
            | CommandError::UnknownSubcommand { suggestion, .. }
            | CommandError::UnknownOption { suggestion, .. }
            | CommandError::InvalidChoice { suggestion, .. } => *suggestion,
            _ => None,
        }
    }

    /// The first line: exactly what is wrong.
    fn fact(&self, lang: Lang) -> String {
        let (id, args) = self
            .structure_fact()
            .or_else(|| self.range_fact())
            .unwrap_or_else(|| self.value_fact());
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        t(lang, id, &args)
    }

    /// The message id and arguments of the errors about the shape of a command.
    fn structure_fact(&self) -> Option<(&'static str, Vec<Arg>)> {
        use CommandError as E;
        Some(match self {
            E::UnclosedQuote => ("error.unclosed_quote", vec![]),
            E::UnknownCommand { word, .. } => ("error.unknown_command", vec![arg("word", word)]),
            E::UnknownSubcommand { command, word, .. } => (
                "error.unknown_subcommand",
                vec![arg("command", command), arg("word", word)],
            ),
            E::UnknownOption { topic, word, .. } => (
                "error.unknown_option",
                vec![arg("topic", topic), arg("word", word)],
            ),
            E::MissingArgument { topic, argument } => (
                "error.missing_argument",
                vec![arg("topic", topic), arg("argument", argument)],
            ),
            E::MissingValue { option, .. } => ("error.missing_value", vec![arg("option", option)]),
            E::UnexpectedArgument { topic, word } => (
                "error.unexpected_argument",
                vec![arg("topic", topic), arg("word", word)],
            ),
            E::DuplicateOption { option, .. } => {
                ("error.duplicate_option", vec![arg("option", option)])
            }
            _ => return None,
        })
    }

    /// The message id and arguments of the errors about a value.
    fn value_fact(&self) -> (&'static str, Vec<Arg>) {
        use CommandError as E;
        match self {
            E::InvalidChoice {
                option,
                value,
                allowed,
                ..
            } => (
                "error.invalid_choice",
                vec![
                    arg("option", option),
                    arg("value", value),
                    arg("allowed", allowed),
                ],
            ),
            E::InvalidDate { value, .. } => ("error.invalid_date", vec![arg("value", value)]),
            E::InvalidDuration { option, value, .. } => (
                "error.invalid_duration",
                vec![arg("option", option), arg("value", value)],
            ),
            E::InvalidReminder { value, .. } => {
                ("error.invalid_reminder", vec![arg("value", value)])
            }
            E::InvalidAction { value, .. } => ("error.invalid_action", vec![arg("value", value)]),
            _ => ("error.see_help", vec![]),
        }
    }

    /// The message id and arguments of the errors about a number or a count out of range.
    fn range_fact(&self) -> Option<(&'static str, Vec<Arg>)> {
        use CommandError as E;
        Some(match self {
            E::InvalidNumber {
                option,
                value,
                min,
                max,
                ..
            } => (
                "error.invalid_number",
                vec![
                    arg("option", option),
                    arg("value", value),
                    arg("min", min),
                    arg("max", max),
                ],
            ),
            E::InvalidCron { value, fields, .. } => (
                "error.invalid_cron",
                vec![arg("value", value), arg("fields", fields)],
            ),
            _ => return None,
        })
    }
}

/// A message argument: its name and its text.
type Arg = (&'static str, String);

fn arg(name: &'static str, value: impl ToString) -> Arg {
    (name, value.to_string())
}
