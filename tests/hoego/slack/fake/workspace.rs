//! The fake workspace's rules, as Slack applies them: the scopes the app was granted (by default
//! exactly those of hoego's manifest) checked against what each Web API method requires (from
//! Slack's method reference, written here independently of hoego's table) with Slack's
//! `missing_scope` answer; app-level and bot tokens kept to their own methods; refused tokens;
//! channels with a name, public or private, and the bot in them or not (`conversations.info`,
//! `not_in_channel`). Every answer to a bot token carries `X-OAuth-Scopes`, and every answer a
//! `Date` header, set off by some seconds when the test skews the fake's clock.

use std::collections::{BTreeSet, HashMap, HashSet};

use axum::response::Response;
use serde_json::{Value, json};

use super::{Call, FakeSlack, Shared};

/// Slack's method reference: the scope a bot token needs for each method hoego may call
/// (`conversations.info` needs `groups:read` instead for a private channel; reading a
/// conversation's messages needs `channels:history`, `groups:history` for a private channel,
/// `im:history` for a DM).
const REQUIRED: [(&str, Option<&str>); 13] = [
    ("auth.test", None),
    ("views.open", None),
    ("chat.postMessage", Some("chat:write")),
    ("chat.postEphemeral", Some("chat:write")),
    ("conversations.open", Some("im:write")),
    ("conversations.info", Some("channels:read")),
    ("conversations.members", Some("channels:read")),
    ("users.info", Some("users:read")),
    ("files.getUploadURLExternal", Some("files:write")),
    ("files.completeUploadExternal", Some("files:write")),
    ("apps.connections.open", Some("connections:write")),
    ("conversations.history", Some("channels:history")),
    ("conversations.replies", Some("channels:history")),
];

/// The workspace's state.
pub struct Workspace {
    granted: BTreeSet<String>,
    refused_tokens: HashSet<String>,
    clock_skew_secs: i64,
    channels: HashMap<String, Channel>,
    scope_refusals: Vec<(String, String)>,
}

struct Channel {
    name: String,
    private: bool,
    member: bool,
    /// The people in it (`conversations.members`).
    people: Vec<String>,
}

impl Default for Workspace {
    /// The app installed from hoego's manifest: exactly its scopes granted.
    fn default() -> Self {
        let granted = hoego::platform::slack::scopes::bot_scopes(true);
        Workspace {
            granted: granted.into_iter().map(str::to_string).collect(),
            refused_tokens: HashSet::new(),
            clock_skew_secs: 0,
            channels: HashMap::new(),
            scope_refusals: Vec::new(),
        }
    }
}

#[allow(
    dead_code,
    reason = "unused by benches/slack.rs, which shares this fake"
)]
impl FakeSlack {
    /// Grants the bot token exactly `scopes` (as after reinstalling the app with them).
    pub fn grant_scopes(&self, scopes: &[&str]) {
        let mut workspace = self.shared.workspace.lock().unwrap();
        workspace.granted = scopes.iter().map(|s| s.to_string()).collect();
    }

    /// Takes `scope` away from the bot token.
    pub fn revoke_scope(&self, scope: &str) {
        self.shared.workspace.lock().unwrap().granted.remove(scope);
    }

    /// Answers every call made with `token` with `invalid_auth`.
    pub fn refuse_token(&self, token: &str) {
        let mut workspace = self.shared.workspace.lock().unwrap();
        workspace.refused_tokens.insert(token.into());
    }

    /// Sets the fake's clock (its `Date` header) `seconds` off the real one.
    pub fn skew_clock(&self, seconds: i64) {
        self.shared.workspace.lock().unwrap().clock_skew_secs = seconds;
    }

    /// A channel `#name`, public or private, with the bot in it or not.
    pub fn add_channel(&self, id: &str, name: &str, private: bool, member: bool) {
        let channel = Channel {
            name: name.into(),
            private,
            member,
            people: Vec::new(),
        };
        let mut workspace = self.shared.workspace.lock().unwrap();
        workspace.channels.insert(id.into(), channel);
    }

    /// The people in the known channel `id`, as `conversations.members` lists them.
    pub fn set_channel_people(&self, id: &str, people: &[&str]) {
        let mut workspace = self.shared.workspace.lock().unwrap();
        let channel = workspace.channels.get_mut(id).expect("a known channel");
        channel.people = people.iter().map(|p| p.to_string()).collect();
    }

    /// Every (method, scope) the fake refused with `missing_scope`, in order.
    pub fn scope_refusals(&self) -> Vec<(String, String)> {
        self.shared.workspace.lock().unwrap().scope_refusals.clone()
    }

    /// The scope Slack requires of the token for `call` (for its channel), if any.
    pub fn scope_needed(&self, call: &Call) -> Option<&'static str> {
        let workspace = self.shared.workspace.lock().unwrap();
        workspace.needed(&call.method, &call.body)
    }
}

/// Slack's error answer to a call it refuses, if it refuses this one.
pub(super) fn refusal(
    shared: &Shared,
    method: &str,
    auth: Option<&str>,
    body: &Value,
) -> Option<Value> {
    let token = auth
        .and_then(|a| a.strip_prefix("Bearer "))
        .unwrap_or_default();
    let mut workspace = shared.workspace.lock().unwrap();
    if workspace.refused_tokens.contains(token) {
        return Some(json!({"ok": false, "error": "invalid_auth"}));
    }
    let app_token = token.starts_with("xapp-");
    if app_token != (method == "apps.connections.open") {
        return Some(json!({"ok": false, "error": "not_allowed_token_type"}));
    }
    if let Some(needed) = workspace.needed(method, body)
        && !app_token
        && !workspace.granted.contains(needed)
    {
        workspace
            .scope_refusals
            .push((method.into(), needed.into()));
        let provided: Vec<&str> = workspace.granted.iter().map(String::as_str).collect();
        return Some(
            json!({"ok": false, "error": "missing_scope", "needed": needed,
                           "provided": provided.join(",")}),
        );
    }
    let channel = body["channel"]
        .as_str()
        .and_then(|c| workspace.channels.get(c));
    if method == "chat.postMessage" && channel.is_some_and(|c| !c.member) {
        return Some(json!({"ok": false, "error": "not_in_channel"}));
    }
    None
}

/// `conversations.info`: a known channel as Slack describes it; a private one the bot is not
/// in, or an unknown one, is `channel_not_found`.
pub(super) fn conversation_info(shared: &Shared, body: &Value) -> Value {
    let id = body["channel"].as_str().unwrap_or_default();
    let workspace = shared.workspace.lock().unwrap();
    match workspace.channels.get(id) {
        Some(c) if c.member || !c.private => json!({"ok": true, "channel": {
            "id": id, "name": c.name, "created": 1_700_000_000, "is_channel": !c.private,
            "is_group": c.private, "is_private": c.private, "is_member": c.member,
            "is_archived": false}}),
        _ => json!({"ok": false, "error": "channel_not_found"}),
    }
}

/// `conversations.members`: a known channel's people, `limit` at a time (Slack's default 100,
/// at most 1,000) with a `next_cursor` while more are left; a private channel the bot is not
/// in, or an unknown one, is `channel_not_found`.
pub(super) fn conversation_members(shared: &Shared, body: &Value) -> Value {
    let id = body["channel"].as_str().unwrap_or_default();
    let number = |v: &Value| {
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    };
    let limit = number(&body["limit"]).unwrap_or(100) as usize;
    let cursor = body["cursor"].as_str().unwrap_or_default();
    let workspace = shared.workspace.lock().unwrap();
    let Some(channel) = workspace
        .channels
        .get(id)
        .filter(|c| c.member || !c.private)
    else {
        return json!({"ok": false, "error": "channel_not_found"});
    };
    if !(1..=1000).contains(&limit) {
        return json!({"ok": false, "error": "invalid_limit"});
    }
    let start = match cursor {
        "" => 0,
        cursor => match cursor.strip_prefix("after:").and_then(|n| n.parse().ok()) {
            Some(start) => start,
            None => return json!({"ok": false, "error": "invalid_cursor"}),
        },
    };
    let page: Vec<&String> = channel.people.iter().skip(start).take(limit).collect();
    let end = start + page.len();
    let next = if end < channel.people.len() {
        format!("after:{end}")
    } else {
        String::new()
    };
    json!({"ok": true, "members": page, "response_metadata": {"next_cursor": next}})
}

/// Adds `X-OAuth-Scopes` (for a bot token) and a skewed `Date` to `response`.
pub(super) fn headers(shared: &Shared, auth: Option<&str>, mut response: Response) -> Response {
    let workspace = shared.workspace.lock().unwrap();
    let headers = response.headers_mut();
    if auth.is_some_and(|a| a.starts_with("Bearer xoxb-")) {
        let scopes: Vec<&str> = workspace.granted.iter().map(String::as_str).collect();
        headers.insert(
            "x-oauth-scopes",
            scopes.join(",").parse().expect("a header"),
        );
    }
    if workspace.clock_skew_secs != 0 {
        let at = chrono::Utc::now() + chrono::TimeDelta::seconds(workspace.clock_skew_secs);
        let value = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        headers.insert("date", value.parse().expect("a header"));
    }
    response
}

impl Workspace {
    /// Whether the test declared the channel `id`.
    pub(super) fn declares(&self, id: &str) -> bool {
        self.channels.contains_key(id)
    }

    /// The scope `method` needs, for a private channel `groups:read` in place of
    /// `channels:read`.
    fn needed(&self, method: &str, body: &Value) -> Option<&'static str> {
        let (_, scope) = REQUIRED.iter().find(|(m, _)| *m == method)?;
        let private = body["channel"]
            .as_str()
            .and_then(|c| self.channels.get(c))
            .is_some_and(|c| c.private);
        let dm = body["channel"].as_str().is_some_and(|c| c.starts_with('D'));
        match (*scope, private, dm) {
            (Some("channels:read"), true, _) => Some("groups:read"),
            (Some("channels:history"), _, true) => Some("im:history"),
            (Some("channels:history"), true, _) => Some("groups:history"),
            (scope, _, _) => scope,
        }
    }
}
