//! Commands about my answers and resolutions: `visibility` and `resolutions`.

use crate::domain::visibility::Visibility;

use super::lex::{Args, Token};
use super::values::{nearest, number_in};
use super::{Command, CommandError, QuestionRef, ResolutionStatus};

const QUESTION: &str = "<question-or-all>";
const VISIBILITIES: &[&str] = &["private", "team", "anonymous"];
const STATUSES: &[&str] = &["on-track", "changed", "done", "dropped"];

/// `visibility <question-or-all> private|team|anonymous`.
pub(super) fn visibility(args: &mut Args) -> Result<Command, CommandError> {
    const TOPIC: &str = "visibility";
    let question = args.required(TOPIC, QUESTION)?;
    let Some(level) = args.next_token() else {
        let forgot_question = question.text.parse::<Visibility>().is_ok();
        let argument = if forgot_question {
            QUESTION
        } else {
            "private|team|anonymous"
        };
        return Err(CommandError::MissingArgument {
            topic: TOPIC,
            argument,
        });
    };
    args.finish(TOPIC)?;
    let visibility = level
        .text
        .parse::<Visibility>()
        .map_err(|_| CommandError::InvalidChoice {
            topic: TOPIC,
            option: "visibility",
            suggestion: nearest(&level.text, VISIBILITIES),
            value: level.text.clone(),
            allowed: "private, team, anonymous",
        })?;
    Ok(Command::SetVisibility {
        question: question_ref(question)?,
        visibility,
    })
}

/// `all`, a question number from 1, or a question key.
fn question_ref(question: Token) -> Result<QuestionRef, CommandError> {
    match question.key().as_str() {
        "all" => Ok(QuestionRef::All),
        key if key.starts_with(|c: char| c.is_ascii_digit()) => {
            let number = number_in(&question.text, "visibility", QUESTION, (1, 99))?;
            Ok(QuestionRef::Number(number))
        }
        _ => Ok(QuestionRef::Key(question.text)),
    }
}

/// `resolutions`, `resolutions list` and `resolutions set <n> <status> [note…]`.
pub(super) fn resolutions(args: &mut Args) -> Result<Command, CommandError> {
    const TOPIC: &str = "resolutions set";
    let Some(sub) = args.next_token() else {
        return Ok(Command::ListResolutions);
    };
    match sub.key().as_str() {
        "list" => {
            return args
                .finish("resolutions")
                .map(|()| Command::ListResolutions);
        }
        "set" => {}
        _ => {
            return Err(CommandError::UnknownSubcommand {
                command: "resolutions",
                suggestion: nearest(&sub.text, &["set", "list"])
                    .map(|word| if word == "set" { TOPIC } else { "resolutions" }),
                word: sub.text,
            });
        }
    }
    let number = args.required(TOPIC, "<n>")?;
    let number = number_in(&number.text, TOPIC, "<n>", (1, 999))?;
    let status = args.required(TOPIC, "on-track|changed|done|dropped")?;
    Ok(Command::SetResolution {
        number,
        status: resolution_status(status.text)?,
        note: args.rest(),
    })
}

fn resolution_status(value: String) -> Result<ResolutionStatus, CommandError> {
    match value.to_lowercase().as_str() {
        "on-track" | "on_track" | "ontrack" => Ok(ResolutionStatus::OnTrack),
        "changed" => Ok(ResolutionStatus::Changed),
        "done" => Ok(ResolutionStatus::Done),
        "dropped" => Ok(ResolutionStatus::Dropped),
        _ => Err(CommandError::InvalidChoice {
            topic: "resolutions set",
            option: "status",
            suggestion: nearest(&value, STATUSES),
            value,
            allowed: "on-track, changed, done, dropped",
        }),
    }
}
