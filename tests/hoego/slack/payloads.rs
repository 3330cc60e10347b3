//! What Slack sends over Socket Mode (or POSTs in Events API mode): slash commands, button
//! presses, modal submissions and DM message events, built as Slack builds them.

use serde_json::{Value, json};

use super::fake::TEAM;

/// A person in the fake workspace.
pub struct Person {
    pub id: &'static str,
    pub name: &'static str,
}

pub const ALICE: Person = Person {
    id: "UALICE",
    name: "alice",
};
pub const BOB: Person = Person {
    id: "UBOB",
    name: "bob",
};
/// The channel commands are typed in.
pub const CHANNEL: &str = "C0RETRO";

/// `/hoego <text>` typed by `who` in [`CHANNEL`].
pub fn command(who: &Person, text: &str, trigger: &str, response_url: &str) -> Value {
    json!({
        "token": "verification-token",
        "team_id": TEAM,
        "team_domain": "fake",
        "channel_id": CHANNEL,
        "channel_name": "retro",
        "user_id": who.id,
        "user_name": who.name,
        "command": "/hoego",
        "text": text,
        "api_app_id": "A0HOEGO",
        "response_url": response_url,
        "trigger_id": trigger,
    })
}

/// `who` pressed the button `action_id` on a message in `channel`.
pub fn press(
    who: &Person,
    channel: &str,
    action_id: &str,
    trigger: &str,
    response_url: &str,
) -> Value {
    json!({
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "fake"},
        "user": {"id": who.id, "username": who.name, "team_id": TEAM},
        "api_app_id": "A0HOEGO",
        "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": channel,
                      "is_ephemeral": false},
        "trigger_id": trigger,
        "channel": {"id": channel, "name": "directmessage"},
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b1",
                     "value": action_id, "action_ts": "1700000001.000001",
                     "text": {"type": "plain_text", "text": "Answer"}}],
    })
}

/// `who` submitted the modal `opened` (a `views.open` body) with `values` typed per block.
pub fn submission(who: &Person, opened: &Value, values: &[(&str, &str)]) -> Value {
    let mut view = opened["view"].clone();
    let mut state = serde_json::Map::new();
    for (block, text) in values {
        state.insert(
            block.to_string(),
            json!({"text": {"type": "plain_text_input", "value": text}}),
        );
    }
    view["id"] = json!("V0SUBMIT");
    view["team_id"] = json!(TEAM);
    view["hash"] = json!("h1");
    view["state"] = json!({ "values": state });
    // Slack gives each submission a trigger of its own.
    static SUBMISSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = SUBMISSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    json!({
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "fake"},
        "user": {"id": who.id, "username": who.name, "team_id": TEAM},
        "api_app_id": "A0HOEGO",
        "trigger_id": format!("{n}.submit"),
        "view": view,
    })
}

/// `who` wrote `text` to the bot in their DM; `event_id` as Slack numbers it.
pub fn direct_message(who: &Person, text: &str, event_id: &str) -> Value {
    json!({
        "token": "verification-token",
        "team_id": TEAM,
        "api_app_id": "A0HOEGO",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1700000000,
        "event": {"type": "message", "channel": format!("D{}", who.id), "channel_type": "im",
                  "user": who.id, "text": text, "ts": "1700000000.000100"},
    })
}
