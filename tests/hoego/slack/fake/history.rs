//! What was posted, kept per conversation and read back as Slack reads it:
//! `conversations.history` (the conversation's top-level messages, newest first, a thread's
//! first message with its `reply_count`) and `conversations.replies` (a thread's first message,
//! then its replies, oldest first, in pages with a cursor). Both want a conversation id (a user
//! id is `channel_not_found`), answer `invalid_arguments` when a required argument is missing
//! or `limit` is not a number, `thread_not_found` for an unknown thread, and return a message's
//! `metadata` only when asked with `include_all_metadata=true`. A posted message's metadata must
//! have an `event_type` and an object `event_payload` (`invalid_metadata_format`).

use serde_json::{Value, json};

use super::{BOT_USER, FakeSlack, Shared};

/// `conversations.history`'s limit when none is given, and its largest.
const HISTORY_DEFAULT: usize = 100;
const HISTORY_MAX: usize = 999;
/// `conversations.replies`'s limit when none is given, and its largest.
const REPLIES_DEFAULT: usize = 1000;
const REPLIES_MAX: usize = 1000;

/// Slack's checks of a message's `metadata`: `None` when there is none or it is well formed.
pub(super) fn metadata_problem(body: &Value) -> Option<Value> {
    let metadata = body.get("metadata")?;
    let metadata = match metadata {
        Value::String(encoded) => serde_json::from_str(encoded).unwrap_or(Value::Null),
        other => other.clone(),
    };
    let event_type = metadata["event_type"].as_str().unwrap_or_default();
    let named = !event_type.is_empty() && event_type.len() <= 255;
    (!named || !metadata["event_payload"].is_object())
        .then(|| json!({"ok": false, "error": "invalid_metadata_format"}))
}

/// Keeps a message posted in `channel` at `ts` (a reply when the body names `thread_ts`).
pub(super) fn keep(shared: &Shared, channel: &str, ts: &str, body: &Value) {
    let mut message = json!({"type": "message", "ts": ts, "user": BOT_USER, "bot_id": "B0HOEGO",
                             "text": body["text"], "blocks": body["blocks"]});
    if let Some(metadata) = body.get("metadata") {
        message["metadata"] = match metadata {
            Value::String(encoded) => serde_json::from_str(encoded).unwrap_or(Value::Null),
            other => other.clone(),
        };
    }
    if let Some(root) = body["thread_ts"].as_str() {
        message["thread_ts"] = json!(root);
    }
    let mut kept = shared.messages.lock().unwrap();
    kept.entry(channel.to_string()).or_default().push(message);
}

/// `conversations.history`.
pub(super) fn history(shared: &Shared, body: &Value) -> Value {
    let channel = match conversation(shared, body) {
        Ok(channel) => channel,
        Err(refused) => return refused,
    };
    let Ok(limit) = limit(body, HISTORY_DEFAULT, HISTORY_MAX) else {
        return refusal("invalid_arguments");
    };
    let kept = shared.messages.lock().unwrap();
    let all = kept.get(&channel).map(Vec::as_slice).unwrap_or(&[]);
    let top: Vec<&Value> = all.iter().filter(|m| m["thread_ts"].is_null()).collect();
    let shown: Vec<Value> = top
        .iter()
        .rev()
        .take(limit)
        .map(|m| shown(m, all, body))
        .collect();
    json!({"ok": true, "messages": shown, "has_more": top.len() > limit})
}

/// `conversations.replies`.
pub(super) fn replies(shared: &Shared, body: &Value) -> Value {
    let channel = match conversation(shared, body) {
        Ok(channel) => channel,
        Err(refused) => return refused,
    };
    let Some(root) = body["ts"].as_str().filter(|ts| !ts.is_empty()) else {
        return refusal("invalid_arguments");
    };
    let Ok(limit) = limit(body, REPLIES_DEFAULT, REPLIES_MAX) else {
        return refusal("invalid_arguments");
    };
    let skip = match body["cursor"].as_str() {
        None | Some("") => 0,
        Some(cursor) => match cursor.strip_prefix("next:").and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => return refusal("invalid_cursor"),
        },
    };
    let kept = shared.messages.lock().unwrap();
    let all = kept.get(&channel).map(Vec::as_slice).unwrap_or(&[]);
    let Some(parent) = all.iter().find(|m| m["ts"] == root) else {
        return refusal("thread_not_found");
    };
    let thread = std::iter::once(parent).chain(all.iter().filter(|m| m["thread_ts"] == root));
    let thread: Vec<&Value> = thread.collect();
    let page: Vec<Value> = thread
        .iter()
        .skip(skip)
        .take(limit)
        .map(|m| shown(m, all, body))
        .collect();
    let more = thread.len() > skip + limit;
    let next = if more {
        format!("next:{}", skip + limit)
    } else {
        String::new()
    };
    json!({"ok": true, "messages": page, "has_more": more,
           "response_metadata": {"next_cursor": next}})
}

/// The conversation named by `channel`: a public channel, an opened DM or a channel the test
/// declared; `channel_not_found` for anything else (a user id included).
fn conversation(shared: &Shared, body: &Value) -> Result<String, Value> {
    let Some(asked) = body["channel"].as_str().filter(|c| !c.is_empty()) else {
        return Err(refusal("invalid_arguments"));
    };
    let opened = shared.dms.lock().unwrap().contains(asked);
    let declared = shared.workspace.lock().unwrap().declares(asked);
    if asked.starts_with('C') || opened || declared {
        return Ok(asked.to_string());
    }
    Err(refusal("channel_not_found"))
}

fn limit(body: &Value, default: usize, max: usize) -> Result<usize, ()> {
    match body["limit"].as_str() {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .map(|n| n.clamp(1, max))
            .map_err(|_| ()),
    }
}

/// A kept message as Slack shows it: with `reply_count` on a thread's first message, and its
/// metadata only when asked for.
fn shown(message: &Value, all: &[Value], body: &Value) -> Value {
    let mut shown = message.clone();
    let replies = all
        .iter()
        .filter(|m| m["thread_ts"] == message["ts"])
        .count();
    if replies > 0 {
        shown["thread_ts"] = message["ts"].clone();
        shown["reply_count"] = json!(replies);
    }
    if body["include_all_metadata"].as_str() != Some("true")
        && let Some(fields) = shown.as_object_mut()
    {
        fields.remove("metadata");
    }
    shown
}

fn refusal(error: &str) -> Value {
    json!({"ok": false, "error": error})
}

#[allow(
    dead_code,
    reason = "unused by benches/slack.rs, which shares this fake"
)]
impl FakeSlack {
    /// The messages posted in `channel` (replies included), oldest first, as kept.
    pub fn messages_in(&self, channel: &str) -> Vec<Value> {
        let kept = self.shared.messages.lock().unwrap();
        kept.get(channel).cloned().unwrap_or_default()
    }
}
