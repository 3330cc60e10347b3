//! What the service says back, independent of any platform: text blocks, actions (buttons),
//! a form of questions, attachments, and whether only the asker sees it. Each platform renders
//! a [`Reply`] in its own way (Discord components and modals, Slack Block Kit, console text).

use crate::domain::template::QuestionKind;

/// A platform-neutral reply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
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

/// A button. Its `id` comes back when pressed, e.g. `answer:42`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Stable id, at most 100 characters (Discord's custom_id limit).
    pub id: String,
    /// The label shown, in the reader's language.
    pub label: String,
    /// Whether it is the main action.
    pub primary: bool,
}

/// A form of questions. Its `id` comes back with the submission, e.g. `answer:42`.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Stable id, at most 100 characters.
    pub id: String,
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
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// Most characters accepted.
    pub max_len: usize,
    /// Whether it must be answered.
    pub required: bool,
    /// Text to start with (an earlier answer being edited, or text given back after an error).
    pub value: Option<String>,
    /// Why the last submission of this field was refused, if it was.
    pub error: Option<String>,
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
    /// A reply of one text block, seen only by the asker.
    pub fn text(text: impl Into<String>) -> Reply {
        Reply {
            blocks: vec![text.into()],
            ..Reply::default()
        }
    }

    /// All text blocks joined by blank lines (for plain-text renderers and tests).
    pub fn plain_text(&self) -> String {
        self.blocks.join("\n\n")
    }
}
