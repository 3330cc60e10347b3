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
use super::{BOT_ID, Recorded, Shared, servers};

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
    let content_type = request
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), 1 << 24)
        .await
        .unwrap_or_default();
    let body: Value = match content_type.split_once("boundary=") {
        Some((kind, boundary)) if kind.starts_with("multipart/form-data") => {
            multipart(&bytes, boundary.trim_matches('"'))
        }
        _ => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    };
    let (status, answer) = servers::unauthorized(&shared, &path)
        .unwrap_or_else(|| answer(&shared, &method, &path, &body));
    shared.requests.lock().unwrap().push(Recorded {
        method: method.to_string(),
        path,
        body,
        status: status.as_u16(),
        at: Instant::now(),
    });
    shared.changed.notify_waiters();
    let mut response = match answer {
        Some(value) if status == StatusCode::TOO_MANY_REQUESTS => {
            let retry = value["retry_after"].as_f64().unwrap_or(1.0).to_string();
            (status, [("retry-after", retry)], axum::Json(value)).into_response()
        }
        Some(value) => (status, axum::Json(value)).into_response(),
        None => status.into_response(),
    };
    servers::date_header(&shared, &mut response);
    response
}

/// A multipart upload as its `payload_json`, with the uploaded files listed under `_files`
/// (`filename`, `size`, the first bytes, and the text of a text file).
fn multipart(bytes: &[u8], boundary: &str) -> Value {
    let delimiter = format!("--{boundary}");
    let mut payload = Value::Null;
    let mut files = Vec::new();
    for part in split(bytes, delimiter.as_bytes()).into_iter().skip(1) {
        let Some(at) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..at]).to_string();
        let mut content = &part[at + 4..];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        let field = |key: &str| {
            let start = headers.find(&format!("{key}=\""))? + key.len() + 2;
            let end = headers[start..].find('"')? + start;
            Some(headers[start..end].to_string())
        };
        if field("name").as_deref() == Some("payload_json") {
            payload = serde_json::from_slice(content).unwrap_or(Value::Null);
        } else if let Some(filename) = field("filename") {
            files.push(json!({
                "name": field("name"),
                "filename": filename,
                "size": content.len(),
                "png": content.starts_with(b"\x89PNG\r\n\x1a\n"),
                "text": String::from_utf8(content.to_vec()).ok(),
            }));
        }
    }
    if !payload.is_object() {
        payload = json!({});
    }
    payload["_files"] = Value::Array(files);
    payload
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut bytes: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = find(bytes, delimiter) {
        parts.push(&bytes[..at]);
        bytes = &bytes[at + delimiter.len()..];
    }
    parts.push(bytes);
    parts
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
    if let Some(found) = servers::answer(shared, method.as_str(), &parts, body) {
        return found;
    }
    let ok = |v: Value| (StatusCode::OK, Some(v));
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": gateway_url(shared)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": gateway_url(shared), "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
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
        ("GET", ["guilds", _, "members"]) => {
            ok(Value::Array(shared.members.lock().unwrap().clone()))
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
        ("POST", ["channels", channel, "threads"]) => {
            let thread = next_id(shared);
            servers::thread_opened(shared, &thread, channel);
            ok(json!({
                "id": thread, "type": 11, "parent_id": channel, "guild_id": "8000",
                "name": body["name"].clone(),
            }))
        }
        _ => (
            StatusCode::NOT_FOUND,
            Some(json!({"message": "404: Not Found", "code": 0})),
        ),
    }
}
