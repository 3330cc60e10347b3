//! A [`Reply`] as Discord sees it: text within the message limit (longer text goes as a
//! summary plus a Markdown file), buttons in rows of five, attachments (ten to a message, the
//! rest in further messages: [`spill`]), ephemeral when only the asker should see it, and
//! mentions disabled on everything.

use poise::CreateReply;
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage,
    EditInteractionResponse, UserId,
};

use super::LIMITS;
use super::spill::{MoreFiles, spill};
use crate::service::reply::{Action, Attachment, Audience, Reply};

/// Discord's most buttons in one action row, and most rows in a message.
const ROW_LEN: usize = 5;
/// The file a too-long text is attached as.
const FULL_TEXT_FILE: &str = "hoego.md";

/// Nothing to ping: no `@everyone`, no roles, no users.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// The content and the files of a reply: text over the limit is cut short and attached whole as
/// Markdown, before the reply's own attachments.
pub fn content_and_attachments(reply: &Reply) -> (String, Vec<Attachment>) {
    content_within(reply, LIMITS.message_len)
}

/// [`content_and_attachments`] within `limit` characters.
fn content_within(reply: &Reply, limit: usize) -> (String, Vec<Attachment>) {
    let text = reply.plain_text();
    let mut files = reply.attachments.clone();
    if text.chars().count() <= limit {
        return (text, files);
    }
    // A file name reads the same in every language (the reply does not carry one).
    let note = format!("\n\n… 📎 {FULL_TEXT_FILE}");
    let short = cut(&text, limit - note.chars().count());
    let whole = Attachment {
        filename: FULL_TEXT_FILE.into(),
        content_type: "text/markdown".into(),
        bytes: text.into_bytes(),
    };
    files.insert(0, whole);
    (format!("{short}{note}"), files)
}

/// At most `keep` characters of `text`, ending at a line break when one is in the last quarter.
fn cut(text: &str, keep: usize) -> String {
    let short: String = text.chars().take(keep).collect();
    match short.rfind('\n') {
        Some(at) if short[..at].chars().count() >= keep * 3 / 4 => short[..at].to_string(),
        _ => short,
    }
}

/// [`content_and_attachments`] as serenity's uploads: the first message's content and files,
/// and the messages carrying the files it has no room for.
pub fn content_and_files(reply: &Reply) -> (String, Vec<CreateAttachment>, Vec<MoreFiles>) {
    let (content, mut files) = content_and_attachments(reply);
    let more = spill(&mut files);
    (content, uploads(files), more)
}

fn uploads(files: Vec<Attachment>) -> Vec<CreateAttachment> {
    files
        .into_iter()
        .map(|a| CreateAttachment::bytes(a.bytes, a.filename))
        .collect()
}

/// The reply's buttons, five to a row.
pub fn button_rows(actions: &[Action]) -> Vec<CreateActionRow> {
    actions
        .chunks(ROW_LEN)
        .take(ROW_LEN)
        .map(|row| CreateActionRow::Buttons(row.iter().map(button).collect()))
        .collect()
}

fn button(action: &Action) -> CreateButton {
    let style = if action.primary {
        ButtonStyle::Primary
    } else {
        ButtonStyle::Secondary
    };
    CreateButton::new(action.id.to_string())
        .label(action.label.chars().take(80).collect::<String>())
        .style(style)
}

/// A command's reply through poise, as the messages to send in order: the first (the response
/// or a follow-up) with the text, the buttons and the first files, then one per [`MoreFiles`].
pub fn poise_replies(reply: &Reply) -> Vec<CreateReply> {
    let (content, files, more) = content_and_files(reply);
    let ephemeral = reply.audience == Audience::OnlyMe;
    let message = |content: String, files: Vec<CreateAttachment>| {
        let out = CreateReply::default()
            .content(content)
            .ephemeral(ephemeral)
            .allowed_mentions(no_mentions());
        files.into_iter().fold(out, CreateReply::attachment)
    };
    let first = message(content, files).components(button_rows(&reply.actions));
    let rest = more
        .into_iter()
        .map(|more| message(more.note, uploads(more.files)));
    std::iter::once(first).chain(rest).collect()
}

/// The interaction follow-ups carrying the files that the response (or its edit) to `reply`
/// had no room for; none when it had room for all.
pub fn follow_ups(reply: &Reply) -> Vec<CreateInteractionResponseFollowup> {
    let (_, _, more) = content_and_files(reply);
    more.into_iter()
        .map(|more| {
            CreateInteractionResponseFollowup::new()
                .content(more.note)
                .ephemeral(reply.audience == Audience::OnlyMe)
                .allowed_mentions(no_mentions())
                .files(uploads(more.files))
        })
        .collect()
}

/// A reply as the response to a button press or a modal submit.
pub fn response_message(reply: &Reply) -> CreateInteractionResponseMessage {
    let (content, files, _) = content_and_files(reply);
    CreateInteractionResponseMessage::new()
        .content(content)
        .components(button_rows(&reply.actions))
        .ephemeral(reply.audience == Audience::OnlyMe)
        .allowed_mentions(no_mentions())
        .files(files)
}

/// A reply as the edit of a deferred response (ephemeral as the deferral was).
pub fn edit_response(reply: &Reply) -> EditInteractionResponse {
    let (content, files, _) = content_and_files(reply);
    let mut edit = EditInteractionResponse::new()
        .content(content)
        .components(button_rows(&reply.actions))
        .allowed_mentions(no_mentions());
    for file in files {
        edit = edit.new_attachment(file);
    }
    edit
}

/// A reply posted as a message by the sender (prompts, reminders, digests), the files to upload
/// with it, and the messages to post after it with the files it has no room for; `nonce` makes
/// a retried send idempotent. A `mention`ed member is named first and is the only one the
/// message may ping.
pub fn channel_message(
    reply: &Reply,
    nonce: &str,
    mention: Option<&str>,
) -> (CreateMessage, Vec<Attachment>, Vec<MoreFiles>) {
    let prefix = mention.map(|id| format!("<@{id}> ")).unwrap_or_default();
    let (content, mut files) = content_within(reply, LIMITS.message_len - prefix.chars().count());
    let more = spill(&mut files);
    let user = mention
        .and_then(|id| id.parse::<u64>().ok())
        .filter(|id| *id != 0)
        .map(UserId::new);
    let message = CreateMessage::new()
        .content(format!("{prefix}{content}"))
        .components(button_rows(&reply.actions))
        .allowed_mentions(no_mentions().users(user))
        .nonce(serenity::all::Nonce::String(nonce.to_string()))
        .enforce_nonce(true);
    (message, files, more)
}

/// A message after [`channel_message`] carrying `more` of its files, idempotent by `nonce`.
pub fn more_files_message(more: &MoreFiles, nonce: &str) -> CreateMessage {
    CreateMessage::new()
        .content(more.note.clone())
        .allowed_mentions(no_mentions())
        .nonce(serenity::all::Nonce::String(nonce.to_string()))
        .enforce_nonce(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeliveryId;
    use crate::domain::lang::Lang;
    use crate::service::ids::ActionId;

    #[test]
    fn a_text_over_the_limit_is_cut_short_and_attached_whole() {
        let limit = LIMITS.message_len;
        let reply = Reply::text(Lang::En, "x".repeat(limit + 10));
        let (content, files, _) = content_and_files(&reply);
        assert_eq!(content.chars().count(), limit);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].data.len(), limit + 10);
    }

    #[test]
    fn the_whole_text_goes_first_and_files_past_ten_follow_in_order() {
        let mut reply = Reply::text(Lang::Ko, "회고 ".repeat(LIMITS.message_len));
        reply.audience = Audience::OnlyMe;
        reply.attachments = (1..=12)
            .map(|n| Attachment {
                filename: format!("{n}.png"),
                content_type: "image/png".into(),
                bytes: vec![n],
            })
            .collect();
        let (_, first, more) = content_and_files(&reply);
        let names: Vec<&str> = first.iter().map(|f| f.filename.as_str()).collect();
        assert_eq!(
            names,
            [
                FULL_TEXT_FILE,
                "1.png",
                "2.png",
                "3.png",
                "4.png",
                "5.png",
                "6.png",
                "7.png",
                "8.png",
                "9.png"
            ]
        );
        let rest: Vec<&str> = more[0].files.iter().map(|f| f.filename.as_str()).collect();
        assert_eq!((more.len(), rest), (1, vec!["10.png", "11.png", "12.png"]));
        assert_eq!(poise_replies(&reply).len(), 2);
        let follow_ups = follow_ups(&reply);
        let body = serde_json::to_value(&follow_ups[0]).unwrap();
        assert_eq!(body["content"], "📎 11–13 / 13");
        assert_eq!(body["flags"], 64, "as private as the response: {body}");
        assert_eq!(body["allowed_mentions"]["parse"], serde_json::json!([]));
    }

    #[test]
    fn a_long_text_is_cut_at_a_line_break_near_the_limit() {
        let line = format!("{}\n", "y".repeat(99));
        let reply = Reply::text(Lang::En, line.repeat(30));
        let (content, files) = content_and_attachments(&reply);
        let (kept, note) = content.split_once("\n\n").unwrap();
        assert!(kept.lines().all(|l| l.len() == 99), "{kept}");
        assert_eq!(kept.lines().count(), 19);
        assert!(note.ends_with(FULL_TEXT_FILE), "{note}");
        assert_eq!(files[0].bytes, line.repeat(30).into_bytes());
    }

    #[test]
    fn a_channel_message_keeps_the_replys_attachments() {
        let mut reply = Reply::text(Lang::En, "short");
        reply.attachments.push(Attachment {
            filename: "a.md".into(),
            content_type: "text/markdown".into(),
            bytes: b"# A".to_vec(),
        });
        let (message, files, more) = channel_message(&reply, "n1", None);
        let body = serde_json::to_value(&message).unwrap();
        assert_eq!(body["content"], "short");
        assert_eq!(body["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(files, reply.attachments);
        assert!(more.is_empty());
    }

    #[test]
    fn a_mentioned_member_is_named_first_and_is_the_only_one_who_may_be_pinged() {
        let reply = Reply::text(Lang::En, "x".repeat(LIMITS.message_len));
        let (message, _, _) = channel_message(&reply, "n1", Some("6101"));
        let body = serde_json::to_value(&message).unwrap();
        let content = body["content"].as_str().unwrap();
        assert!(content.starts_with("<@6101> x"), "{content}");
        assert!(content.chars().count() <= LIMITS.message_len);
        assert_eq!(body["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(
            body["allowed_mentions"]["users"],
            serde_json::json!(["6101"])
        );
    }

    #[test]
    fn buttons_go_five_to_a_row() {
        let actions: Vec<Action> = (0..7)
            .map(|i| Action {
                id: ActionId::Skip(DeliveryId(i)),
                label: "A".into(),
                primary: false,
            })
            .collect();
        assert_eq!(button_rows(&actions).len(), 2);
    }
}
