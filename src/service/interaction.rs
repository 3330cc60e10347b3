//! The one typed input every platform gives the service, [`Interaction`], and what comes back,
//! [`Outcome`]: a platform turns what a person did into an interaction and renders the outcome's
//! reply, so behaviour is written once, in the service.

use super::command::{Command, CommandError};
use super::ids::{ActionId, FormId};
use super::import::Upload;
use super::reply::Reply;

/// Something a person did on a platform.
#[derive(Debug, Clone, PartialEq)]
pub enum Interaction {
    /// A command the platform read itself (Discord's slash command options).
    Command(Command),
    /// A line of the command grammar (Slack's `/hoego …`, a DM, the console), read by the
    /// service so that a mistake is explained in the person's language.
    Text(String),
    /// A command the platform could not read (a bad option value), explained to the person.
    Misread(CommandError),
    /// A button was pressed.
    Press(ActionId),
    /// A button hoego does not know was pressed (an old message, another app's).
    UnknownPress,
    /// A form was submitted: each field's id and text, in the form's order.
    Submit(FormId, Vec<(String, String)>),
    /// One page of a form a platform asks in several pieces (Discord's modals hold five inputs):
    /// earlier pages are kept in the database until the last one submits the whole form.
    Page(PageSubmit),
    /// A file sent to import as the person's own notes (`/hoego import` with a file, the
    /// console's `import <path>`): answered with a dry run and a Confirm button.
    Import(Upload),
}

/// A submitted page of a form asked in several pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSubmit {
    /// The form.
    pub form: FormId,
    /// The page, from 0.
    pub page: usize,
    /// How many fields a page holds (the form's questions in order, this many to a page).
    pub per_page: usize,
    /// The page's fields: id and text.
    pub values: Vec<(String, String)>,
}

impl Interaction {
    /// A short name for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Interaction::Command(command) => command.help_topic(),
            Interaction::Text(_) => "text",
            Interaction::Misread(_) => "misread",
            Interaction::Press(_) | Interaction::UnknownPress => "press",
            Interaction::Submit(..) => "submit",
            Interaction::Page(_) => "page",
            Interaction::Import(_) => "import",
        }
    }
}

/// What came of an interaction. Every variant holds the reply to show, in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// It was done: the command ran, the button did what it says, the answers were committed.
    Done(Reply),
    /// Some answers of a submitted form were refused: `reply.form` is the same form again,
    /// every field keeping what was typed and the refused ones carrying their `error`. Nothing
    /// was saved.
    Invalid(Reply),
    /// It was not done (a mistake the person can fix, a round that closed meanwhile, a bug
    /// with its reference); the reply says why and gives back anything typed.
    Refused(Reply),
    /// The database could not be reached; nothing was done, and the reply gives back anything
    /// typed so nothing is lost.
    Unavailable(Reply),
    /// The same request was handled already, by another replica or an earlier delivery of it:
    /// nothing was done here and nothing is to be shown (the reply is empty); whoever handled
    /// it answered the person.
    Elsewhere(Reply),
}

impl Outcome {
    /// The reply, whatever came of it.
    pub fn reply(&self) -> &Reply {
        match self {
            Outcome::Done(reply)
            | Outcome::Invalid(reply)
            | Outcome::Refused(reply)
            | Outcome::Unavailable(reply)
            | Outcome::Elsewhere(reply) => reply,
        }
    }

    /// The reply, whatever came of it.
    pub fn into_reply(self) -> Reply {
        match self {
            Outcome::Done(reply)
            | Outcome::Invalid(reply)
            | Outcome::Refused(reply)
            | Outcome::Unavailable(reply)
            | Outcome::Elsewhere(reply) => reply,
        }
    }

    /// The reply to show: none when the request was handled elsewhere.
    pub fn shown(self) -> Option<Reply> {
        match self {
            Outcome::Elsewhere(_) => None,
            other => Some(other.into_reply()),
        }
    }
}
