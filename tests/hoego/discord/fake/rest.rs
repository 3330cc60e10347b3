//! The fake REST API: every request recorded, an injected error or the enforced rate limit
//! answered first, then the few routes hoego calls, each answered with what serenity requires.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::gateway::gateway_url;
use super::{APP_ID, BOT_ID, Recorded, Shared};

fn next_id(shared: &Shared) -> String {
    shared.next_id.fetch_add(1, Ordering::SeqCst).to_string()
}

/// A Message object with every field serenity requires.
pub fn message(id: &str, channel_id: &str, body: &Value) -> Value {
    json!({
        "id": id, "channel_id": channel_id,
        "author": {"id": BOT_ID, "username": "hoego", "bot": true},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-29T00:00:00.000000+00:00",
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0,
        "components": body.get("components").cloned().unwrap_or(json!([])),
        "flags": body.get("flags").cloned().unwrap_or(json!(0)),
    })
}

pub(super) async fn rest(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), 1 << 24)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let (status, answer) = answer(&shared, &method, &path, &body);
    shared.requests.lock().unwrap().push(Recorded {
        method: method.to_string(),
        path,
        body,
        status: status.as_u16(),
        at: Instant::now(),
    });
    shared.changed.notify_waiters();
    match answer {
        Some(value) if status == StatusCode::TOO_MANY_REQUESTS => {
            let retry = value["retry_after"].as_f64().unwrap_or(1.0).to_string();
            (status, [("retry-after", retry)], axum::Json(value)).into_response()
        }
        Some(value) => (status, axum::Json(value)).into_response(),
        None => status.into_response(),
    }
}

fn over_limit(shared: &Shared) -> bool {
    let limit = shared.per_second.load(Ordering::SeqCst);
    if limit == 0 {
        return false;
    }
    let now = Instant::now();
    let mut window = shared.window.lock().unwrap();
    while window
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
    {
        window.pop_front();
    }
    if window.len() as u64 >= limit {
        shared.rate_limited.fetch_add(1, Ordering::SeqCst);
        return true;
    }
    window.push_back(now);
    false
}

fn injected(shared: &Shared, method: &Method, path: &str) -> Option<(StatusCode, Value)> {
    let mut failures = shared.failures.lock().unwrap();
    let index = failures
        .iter()
        .position(|f| f.method == method && path.contains(&f.path_contains))?;
    let failure = failures.remove(index)?;
    Some((StatusCode::from_u16(failure.status).unwrap(), failure.body))
}

fn answer(
    shared: &Shared,
    method: &Method,
    path: &str,
    body: &Value,
) -> (StatusCode, Option<Value>) {
    if let Some((status, body)) = injected(shared, method, path) {
        return (status, Some(body));
    }
    if over_limit(shared) {
        let body = json!({"message": "You are being rate limited.", "retry_after": 0.05, "global": false, "code": 0});
        return (StatusCode::TOO_MANY_REQUESTS, Some(body));
    }
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let ok = |v: Value| (StatusCode::OK, Some(v));
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": gateway_url(shared)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": gateway_url(shared), "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        })),
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": APP_ID, "name": "hoego", "description": "", "bot_public": true,
            "bot_require_code_grant": false, "verify_key": "k"
        })),
        (
            "PUT",
            ["applications", app, "commands"] | ["applications", app, "guilds", _, "commands"],
        ) => {
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut c| {
                    c["id"] = json!(next_id(shared));
                    c["application_id"] = json!(app);
                    c["version"] = json!("1");
                    if c.get("type").is_none() {
                        c["type"] = json!(1);
                    }
                    c
                })
                .collect();
            ok(Value::Array(commands))
        }
        ("POST", ["interactions", _, _, "callback"]) => (StatusCode::NO_CONTENT, None),
        ("POST", ["webhooks", _, _]) | ("PATCH", ["webhooks", _, _, "messages", _]) => {
            ok(message(&next_id(shared), "5000", body))
        }
        ("POST", ["users", "@me", "channels"]) => {
            let recipient = body["recipient_id"].as_str().unwrap_or("0").to_string();
            let channel = format!("7{recipient}");
            ok(
                json!({"id": channel, "type": 1, "recipients": [{"id": recipient, "username": "member"}]}),
            )
        }
        ("POST", ["channels", channel, "messages"]) => ok(message(&next_id(shared), channel, body)),
        ("POST", ["channels", channel, "threads"]) => ok(json!({
            "id": next_id(shared), "type": 11, "parent_id": channel, "guild_id": "8000",
            "name": body["name"].clone(),
        })),
        _ => (
            StatusCode::NOT_FOUND,
            Some(json!({"message": "404: Not Found", "code": 0})),
        ),
    }
}
