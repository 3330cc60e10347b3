//! What the service says back, independent of any platform: text blocks in one language,
//! actions (buttons), a form of inputs described by their shape, attachments, and whether only
//! the asker sees it. Each platform renders a [`Reply`] in its own way (Discord components and
//! modals, Slack Block Kit, console text), and words anything of its own in the reply's language.

use super::ids::{ActionId, FormId};
use crate::domain::lang::Lang;

/// A platform-neutral reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The language it is written in (what the platform's own words around it use too).
    pub lang: Lang,
    /// Markdown text blocks, in order.
    pub blocks: Vec<String>,
    /// Buttons under the text.
    pub actions: Vec<Action>,
    /// A form to open (Discord/Slack modal; the console asks question by question).
    pub form: Option<Form>,
    /// Files to attach.
    pub attachments: Vec<Attachment>,
    /// Who sees it.
    pub audience: Audience,
}

/// Who sees a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Only the person who asked (Discord ephemeral, Slack ephemeral).
    #[default]
    OnlyMe,
    /// Everyone in the channel.
    Channel,
}

/// A button. Its `id` comes back when pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// What pressing it does.
    pub id: ActionId,
    /// The label shown, in the reader's language.
    pub label: String,
    /// Whether it is the main action.
    pub primary: bool,
}

/// A form of questions. Its `id` comes back with the submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// What the form answers.
    pub id: FormId,
    /// The title shown (platforms cut it to their limits).
    pub title: String,
    /// The fields, in order.
    pub fields: Vec<FormField>,
}

/// One question in a form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// The question id; the submission's values are keyed by it.
    pub id: String,
    /// The question's text, placeholders filled, in the reader's language.
    pub label: String,
    /// The template's short form of the question, for platforms whose labels are short
    /// (Discord: 45 characters); `None` when the template gives none.
    pub short_label: Option<String>,
    /// How it is typed in.
    pub input: InputShape,
    /// Most characters accepted.
    pub max_len: usize,
    /// Whether it must be answered.
    pub required: bool,
    /// Text to start with (an earlier answer being edited, or text given back after an error).
    pub value: Option<String>,
    /// Why the last submission of this field was refused, if it was.
    pub error: Option<String>,
    /// What its author answered to the question this one recalls, about a year or a quarter
    /// before ("then vs now"). Only ever in a form, which only its author sees.
    pub recall: Option<Recalled>,
}

/// An earlier answer shown beside a question, worded for its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    /// "A year ago you wrote:", in the reader's language.
    pub intro: String,
    /// The earlier answer as stored (a list one item per line).
    pub text: String,
}

/// How a field is typed in, as a platform shows it. Adapters match on it exhaustively, so a new
/// shape does not compile until every platform can show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputShape {
    /// Free text on several lines.
    Paragraph,
    /// A list: one item per line.
    Lines,
    /// A whole number from `min` to `max`, on one line.
    Number {
        /// The lowest number.
        min: u8,
        /// The highest number.
        max: u8,
        /// What the lowest means, in the reader's language.
        low: String,
        /// What the highest means, in the reader's language.
        high: String,
    },
}

/// A file to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name, e.g. `hoego-export.md`.
    pub filename: String,
    /// MIME type, e.g. `text/markdown`.
    pub content_type: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl Reply {
    /// An empty reply in `lang`, seen only by the asker.
    pub fn new(lang: Lang) -> Reply {
        Reply {
            lang,
            blocks: Vec::new(),
            actions: Vec::new(),
            form: None,
            attachments: Vec::new(),
            audience: Audience::OnlyMe,
        }
    }

    /// A reply of one text block in `lang`, seen only by the asker.
    pub fn text(lang: Lang, text: impl Into<String>) -> Reply {
        Reply {
            blocks: vec![text.into()],
            ..Reply::new(lang)
        }
    }

    /// All text blocks joined by blank lines (for plain-text renderers and tests).
    pub fn plain_text(&self) -> String {
        self.blocks.join("\n\n")
    }
}
