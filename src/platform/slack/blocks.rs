//! A [`Reply`] as Slack Block Kit: Markdown turned into Slack's mrkdwn, user text escaped so it
//! can never mention anyone (`<!channel>`, `<!here>`, `<@U…>` and the bare `@here` words), text
//! cut into sections of at most 3000 characters, buttons in actions blocks. A reply that would
//! need more than Slack's 50 blocks, or runs over 12,000 characters, becomes a short summary and
//! the whole text as a Markdown file.

use serde_json::{Value, json};
use slack_morphism::prelude::SlackBlock;

use super::LIMITS;
use crate::domain::recap::split::split;
use crate::service::reply::{Action, Attachment, Reply};

/// Most blocks Slack accepts in one message.
const MAX_BLOCKS: usize = 50;
/// Most buttons in one actions block.
const BUTTONS_PER_BLOCK: usize = 25;
/// Most characters of a button's label.
const LABEL_LIMIT: usize = 75;
/// Characters of the summary kept when the whole text goes into a file.
const SUMMARY_LIMIT: usize = 1500;
/// The file holding a reply too long for one message.
const FULL_TEXT_FILE: &str = "hoego-full-text.md";

/// A message ready for `chat.postMessage` or a `response_url`: the notification text, the
/// blocks, and files to upload next to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// Plain text for notifications and clients that show no blocks.
    pub text: String,
    /// The blocks, as Slack's JSON.
    pub blocks: Vec<Value>,
    /// Files to upload after the message.
    pub files: Vec<Attachment>,
}

impl Rendered {
    /// The blocks as slack-morphism's model.
    pub fn slack_blocks(&self) -> Vec<SlackBlock> {
        self.blocks
            .iter()
            .filter_map(|b| serde_json::from_value(b.clone()).ok())
            .collect()
    }
}

/// `reply` as a Slack message.
pub fn render(reply: &Reply) -> Rendered {
    let markdown = reply.plain_text();
    let sections: Vec<Value> = reply
        .blocks
        .iter()
        .flat_map(|block| split(&mrkdwn(block), LIMITS.block_len))
        .filter(|piece| !piece.trim().is_empty())
        .map(|piece| section(&piece))
        .collect();
    let buttons = action_blocks(&reply.actions);
    let mut files = reply.attachments.clone();
    let fits = sections.len() + buttons.len() <= MAX_BLOCKS;
    // A longer reply (a year's recap) is posted as a summary and a file, which reads better in
    // Slack and stays inside its message size limits.
    let blocks = if fits && markdown.chars().count() <= LIMITS.message_len {
        sections.into_iter().chain(buttons).collect()
    } else {
        files.push(Attachment {
            filename: FULL_TEXT_FILE.into(),
            content_type: "text/markdown".into(),
            bytes: markdown.clone().into_bytes(),
        });
        let summary = summary(&markdown);
        std::iter::once(section(&mrkdwn(&summary)))
            .chain(buttons)
            .collect()
    };
    Rendered {
        text: notification(&markdown),
        blocks,
        files,
    }
}

/// The start of a long text and a note that the rest is in the attached file.
fn summary(markdown: &str) -> String {
    let pieces = split(markdown, SUMMARY_LIMIT);
    let first = pieces.first().map(String::as_str).unwrap_or_default();
    // A file name reads the same in every language (the reply does not carry one).
    format!("{}\n\n… 📎 {FULL_TEXT_FILE}", first.trim_end())
}

/// The first line of the text, escaped and without Markdown's `**`, for notifications (which
/// Slack shows as plain text).
fn notification(markdown: &str) -> String {
    let first = markdown.lines().find(|l| !l.trim().is_empty());
    let line: String = first.unwrap_or("hoego").chars().take(150).collect();
    escape(line.trim_start_matches('#').replace("**", "").trim())
}

/// A mention of the Slack user `user_id`, written by hoego (only the id's letters and digits).
pub fn mention(user_id: &str) -> String {
    let user: String = user_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("<@{user}>")
}

/// `rendered` naming `user_id` first, in its notification and its first section.
pub fn with_mention(mut rendered: Rendered, user_id: &str) -> Rendered {
    let mention = mention(user_id);
    rendered.text = format!("{mention} {}", rendered.text);
    let first = rendered.blocks.iter_mut().find(|b| b["type"] == "section");
    match first.map(|b| &mut b["text"]["text"]) {
        Some(text) if text.as_str().map_or(0, |t| t.chars().count()) < LIMITS.block_len - 20 => {
            *text = json!(format!("{mention} {}", text.as_str().unwrap_or_default()));
        }
        _ => rendered.blocks.insert(0, section(&mention)),
    }
    rendered
}

fn section(text: &str) -> Value {
    json!({"type": "section", "text": {"type": "mrkdwn", "text": text}})
}

/// Buttons, 25 to an actions block; the action id is also the value.
fn action_blocks(actions: &[Action]) -> Vec<Value> {
    actions
        .chunks(BUTTONS_PER_BLOCK)
        .map(|chunk| {
            let elements: Vec<Value> = chunk.iter().map(button).collect();
            json!({"type": "actions", "elements": elements})
        })
        .collect()
}

fn button(action: &Action) -> Value {
    let label: String = action.label.chars().take(LABEL_LIMIT).collect();
    let mut button = json!({
        "type": "button",
        "action_id": action.id.to_string(),
        "value": action.id.to_string(),
        "text": {"type": "plain_text", "text": label},
    });
    if action.primary {
        button["style"] = json!("primary");
    }
    button
}

/// Our Markdown as Slack mrkdwn, every character of the text escaped: `**bold**` and headings
/// become `*bold*`, `[text](url)` becomes `<url|text>`, a leading `>` stays a quote.
fn mrkdwn(markdown: &str) -> String {
    markdown.lines().map(line).collect::<Vec<_>>().join("\n")
}

fn line(text: &str) -> String {
    let trimmed = text.trim_start();
    if let Some(heading) = trimmed.strip_prefix('#') {
        let heading = heading.trim_start_matches('#').trim();
        return format!("*{}*", escape(&heading.replace("**", "")));
    }
    if let Some(quoted) = trimmed.strip_prefix('>') {
        return format!(">{}", inline(quoted));
    }
    if let Some(item) = trimmed.strip_prefix("- ") {
        let indent = &text[..text.len() - trimmed.len()];
        return format!("{indent}• {}", inline(item));
    }
    inline(text)
}

/// Bold and links inside a line; everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for (index, part) in text.split("**").enumerate() {
        let escaped = links(part);
        // Odd parts sat between a pair of `**`; an unpaired one at the end stays as typed.
        if index % 2 == 1 && index < text.matches("**").count() {
            out.push('*');
            out.push_str(&escaped);
            out.push('*');
        } else {
            if index % 2 == 1 {
                out.push_str("**");
            }
            out.push_str(&escaped);
        }
    }
    out
}

/// `[label](https://…)` as Slack's `<url|label>`; the rest escaped.
fn links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            let end = target.find(')')?;
            let url = &target[..end];
            let safe = url.starts_with("https://") || url.starts_with("http://");
            (safe && !url.contains(['|', '<', '>', ' '])).then_some((close, url, end))
        });
        match link {
            Some((close, url, end)) => {
                out.push_str(&escape(&rest[..open]));
                out.push_str(&format!("<{url}|{}>", escape(&after[..close])));
                rest = &after[close + 2 + end + 1..];
            }
            None => {
                out.push_str(&escape(&rest[..open + 1]));
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// Text Slack shows as typed: `&`, `<` and `>` escaped (so `<!channel>` or `<@U1>` from a person
/// never reaches Slack as a mention), and a word joiner after the `@` of `@channel`, `@here` and
/// `@everyone`, which Slack would otherwise turn into mentions when names are linked.
pub fn escape(text: &str) -> String {
    let mut escaped = match text.contains(['&', '<', '>']) {
        true => text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;"),
        false => text.to_string(),
    };
    // Most text has no `@` at all: nothing to lowercase and search (it was 5% of a burst).
    if !escaped.contains('@') {
        return escaped;
    }
    for word in ["channel", "here", "everyone"] {
        escaped = replace_ignoring_case(&escaped, &format!("@{word}"), word);
    }
    escaped
}

/// Every `@word` (any case) with a word joiner after the `@`.
fn replace_ignoring_case(text: &str, needle: &str, word: &str) -> String {
    let lower = text.to_lowercase();
    if lower.len() != text.len() || !lower.contains(needle) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for (at, _) in lower.match_indices(needle) {
        out.push_str(&text[last..at]);
        out.push_str("@\u{2060}");
        out.push_str(&text[at + 1..at + 1 + word.len()]);
        last = at + needle.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeliveryId;
    use crate::domain::lang::Lang;
    use crate::service::ids::ActionId;

    #[test]
    fn mentions_typed_by_people_reach_slack_as_plain_text() {
        let text = escape("ping <!channel> and <!here|here> and <@U123> & @everyone @Here");
        assert!(!text.contains('<') && !text.contains('>'));
        assert!(text.contains("&lt;!channel&gt;"));
        assert!(text.contains("&amp;"));
        assert!(!text.to_lowercase().contains("@everyone"));
        assert!(!text.to_lowercase().contains("@here"));
        assert!(text.contains("@\u{2060}everyone") && text.contains("@\u{2060}Here"));
    }

    #[test]
    fn a_notification_reads_as_plain_text_and_a_mention_names_the_member_first() {
        let reply = Reply {
            blocks: vec![
                "**Core · weekly: time for your retro**".into(),
                "1. Q".into(),
            ],
            ..Reply::new(Lang::En)
        };
        let rendered = render(&reply);
        assert_eq!(rendered.text, "Core · weekly: time for your retro");

        let named = with_mention(rendered, "U0AL1CE<!channel>");
        assert_eq!(
            named.text,
            "<@U0AL1CEchannel> Core · weekly: time for your retro"
        );
        let first = named.blocks[0]["text"]["text"].as_str().unwrap();
        assert_eq!(
            first,
            "<@U0AL1CEchannel> *Core · weekly: time for your retro*"
        );
        assert_eq!(named.blocks.len(), 2);
    }

    #[test]
    fn markdown_becomes_mrkdwn() {
        assert_eq!(mrkdwn("# Week 49"), "*Week 49*");
        assert_eq!(mrkdwn("**Alice**: done"), "*Alice*: done");
        assert_eq!(mrkdwn("> quoted <b>"), "> quoted &lt;b&gt;");
        assert_eq!(mrkdwn("- one\n  - two"), "• one\n  • two");
        assert_eq!(
            mrkdwn("see [the doc](https://example.com/x)"),
            "see <https://example.com/x|the doc>"
        );
        assert_eq!(mrkdwn("[x](javascript:alert)"), "[x](javascript:alert)");
        assert_eq!(mrkdwn("2 ** 3"), "2 ** 3");
    }

    #[test]
    fn long_text_is_cut_into_sections_of_at_most_3000_characters() {
        let reply = Reply::text(Lang::En, "word ".repeat(2000) + &"line\n".repeat(400));
        let rendered = render(&reply);
        assert!(rendered.blocks.len() >= 4, "{}", rendered.blocks.len());
        for block in &rendered.blocks {
            let text = block["text"]["text"].as_str().unwrap();
            assert!(text.chars().count() <= LIMITS.block_len);
        }
        assert!(rendered.files.is_empty());
        assert_eq!(rendered.slack_blocks().len(), rendered.blocks.len());
    }

    #[test]
    fn a_reply_over_12000_characters_becomes_a_summary_and_a_file() {
        let reply = Reply::text(Lang::En, "A year of answers. ".repeat(700));
        let rendered = render(&reply);
        assert_eq!(rendered.blocks.len(), 1);
        let summary = rendered.blocks[0]["text"]["text"].as_str().unwrap();
        assert!(summary.chars().count() < 1700, "{}", summary.len());
        assert!(summary.ends_with(&format!("… 📎 {FULL_TEXT_FILE}")));
        assert_eq!(rendered.files[0].bytes, reply.plain_text().into_bytes());
    }

    #[test]
    fn a_reply_over_fifty_blocks_becomes_a_summary_and_a_file() {
        let reply = Reply {
            blocks: (0..60).map(|i| format!("Answer {i}")).collect(),
            actions: vec![Action {
                id: ActionId::Answer(DeliveryId(1)),
                label: "Answer".into(),
                primary: true,
            }],
            ..Reply::new(Lang::En)
        };
        let rendered = render(&reply);
        assert_eq!(rendered.blocks.len(), 2);
        let id = ActionId::Answer(DeliveryId(1)).to_string();
        assert_eq!(rendered.blocks[1]["elements"][0]["action_id"], id);
        assert_eq!(rendered.blocks[1]["elements"][0]["style"], "primary");
        let file = &rendered.files[0];
        assert_eq!(file.filename, FULL_TEXT_FILE);
        assert_eq!(
            String::from_utf8(file.bytes.clone()).unwrap(),
            reply.plain_text()
        );
        assert_eq!(rendered.slack_blocks().len(), 2);
    }
}
