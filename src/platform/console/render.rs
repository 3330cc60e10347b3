//! Showing a [`Reply`] in a terminal: its Markdown text as it is, its buttons as numbered
//! choices, and its attachments as files written to the output directory.

use std::path::{Path, PathBuf};

use crate::domain::lang::Lang;
use crate::service::i18n::t;
use crate::service::reply::{Action, Attachment, Reply};

/// The reply's text and numbered buttons, ready to print.
pub fn reply_text(reply: &Reply) -> String {
    let mut parts = reply.blocks.clone();
    if !reply.actions.is_empty() {
        parts.push(actions_line(reply.lang, &reply.actions));
    }
    parts.join("\n\n")
}

/// `[1] Answer · [2] Skip (type a number to choose)`.
pub fn actions_line(lang: Lang, actions: &[Action]) -> String {
    let choices: Vec<String> = actions
        .iter()
        .enumerate()
        .map(|(i, a)| format!("[{}] {}", i + 1, a.label))
        .collect();
    t(
        lang,
        "console.choices",
        &[("choices", &choices.join(" · "))],
    )
}

/// Writes each attachment into `dir` (created if missing) and returns the paths written, or
/// the message saying why one could not be written.
pub fn write_attachments(dir: &Path, attachments: &[Attachment]) -> Vec<Result<PathBuf, String>> {
    attachments
        .iter()
        .map(|attachment| {
            let name = Path::new(&attachment.filename)
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| "attachment".into());
            let path = dir.join(name);
            std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&path, &attachment.bytes))
                .map(|()| path.clone())
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}
