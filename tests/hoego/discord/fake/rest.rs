//! The fake REST API: every request recorded; an injected error answered first; then, as
//! Discord: the bot token (401), the rate limits (429), and the routes hoego calls, each
//! checking what Discord checks and answering with what serenity requires. A request refused
//! by a rule (not an injected error, not a 429) is also kept as a violation.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::errors::{self, Refusal};
use super::gateway::gateway_url;
use super::{APP_ID, BOT_ID, Recorded, Shared, commands, multipart, ratelimit, servers};

/// Discord's largest upload for a bot without boosts, all files of a request together.
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// An answer: a status and a body (none for 204).
type Answer = Result<(StatusCode, Option<Value>), Refusal>;

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
        "nonce": body.get("nonce").cloned().unwrap_or(Value::Null),
    })
}

pub(super) async fn rest(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or_default().to_string();
    let headers = request.headers().clone();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), 1 << 26)
        .await
        .unwrap_or_default();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let body = multipart::body(content_type, &bytes);
    shared.observe(&method, &path, &body).await;
    let mut out = HeaderMap::new();
    let injected = injected(&shared, &method, &path);
    let answer = match injected.clone() {
        Some(refusal) => Err(refusal),
        None => match servers::unauthorized(&shared, &path) {
            Some((status, body)) => Err(Refusal {
                status,
                body: body.unwrap_or(Value::Null),
            }),
            None => answer(&shared, &method, &path, &query, &headers, &body, &mut out),
        },
    };
    let (status, value) = match answer {
        Ok(ok) => ok,
        Err(refusal) => (refusal.status, Some(refusal.body)),
    };
    let recorded = Recorded {
        method: method.to_string(),
        path,
        body,
        status: status.as_u16(),
        answer: value.clone().unwrap_or(Value::Null),
        at: Instant::now(),
    };
    let violation = injected.is_none() && status.is_client_error() && status.as_u16() != 429;
    shared.record(recorded, violation);
    let mut response = match value {
        Some(value) => (status, out, axum::Json(value)).into_response(),
        None => (status, out).into_response(),
    };
    servers::date_header(&shared, &mut response);
    response
}

fn injected(shared: &Shared, method: &Method, path: &str) -> Option<Refusal> {
    let mut failures = shared.failures.lock().unwrap();
    let index = failures
        .iter()
        .position(|f| f.method == method && path.contains(&f.path_contains))?;
    let failure = failures.remove(index)?;
    Some(Refusal {
        status: StatusCode::from_u16(failure.status).unwrap(),
        body: failure.body,
    })
}

fn answer(
    shared: &Shared,
    method: &Method,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    body: &Value,
    out: &mut HeaderMap,
) -> Answer {
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let open = matches!(parts.as_slice(), ["gateway"]) || ratelimit::exempt(&parts);
    if !open && !authorized(shared, headers) {
        return Err(errors::unauthorized());
    }
    shared
        .limits
        .lock()
        .unwrap()
        .admit(method.as_str(), &parts, out)?;
    let files = multipart::files(body);
    let uploaded: u64 = body["_files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["size"].as_u64())
        .sum();
    if uploaded as usize > UPLOAD_LIMIT {
        return Err(too_large());
    }
    if let Some((status, value)) = servers::answer(shared, method.as_str(), &parts, body) {
        return match status.is_success() {
            true => Ok((status, value)),
            false => Err(Refusal {
                status,
                body: value.unwrap_or(Value::Null),
            }),
        };
    }
    route(shared, method.as_str(), &parts, query, body, files)
}

fn authorized(shared: &Shared, headers: &HeaderMap) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    given == format!("Bot {}", shared.token)
}

fn too_large() -> Refusal {
    Refusal {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        body: json!({"message": "Request entity too large", "code": 40005}),
    }
}

fn ok(value: Value) -> Answer {
    Ok((StatusCode::OK, Some(value)))
}

fn route(
    shared: &Shared,
    method: &str,
    parts: &[&str],
    query: &str,
    body: &Value,
    files: usize,
) -> Answer {
    match (method, parts) {
        ("GET", ["gateway"]) => ok(json!({"url": gateway_url(shared)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": gateway_url(shared), "shards": shared.recommended.load(Ordering::SeqCst).max(1),
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        })),
        (
            "PUT",
            ["applications", app, "commands"] | ["applications", app, "guilds", _, "commands"],
        ) => register(shared, app, body),
        ("GET", ["guilds", _, "members"]) => members(shared, query),
        ("POST", ["interactions", id, token, "callback"]) => {
            let mut interactions = shared.interactions.lock().unwrap();
            interactions.respond(id, token, body, files)?;
            Ok((StatusCode::NO_CONTENT, None))
        }
        ("POST", ["webhooks", app, token]) if *app == APP_ID => {
            shared
                .interactions
                .lock()
                .unwrap()
                .follow_up(token, body, files)?;
            ok(message(&next_id(shared), "5000", body))
        }
        ("PATCH", ["webhooks", app, token, "messages", "@original"]) if *app == APP_ID => {
            shared
                .interactions
                .lock()
                .unwrap()
                .edit_original(token, body, files)?;
            ok(message(&next_id(shared), "5000", body))
        }
        ("POST", ["users", "@me", "channels"]) => {
            ok(shared.channels.lock().unwrap().open_dm(body)?)
        }
        ("POST", ["channels", channel, "messages"]) => {
            let id = next_id(shared);
            let mut channels = shared.channels.lock().unwrap();
            ok(channels.post(channel, body, files, || message(&id, channel, body))?)
        }
        ("GET", ["guilds", guild, "threads", "active"]) => {
            ok(shared.channels.lock().unwrap().active_threads(guild))
        }
        ("GET", ["channels", channel, "messages"]) => {
            ok(shared.channels.lock().unwrap().recent(channel, query)?)
        }
        ("POST", ["channels", channel, "threads"]) => {
            let id = next_id(shared);
            let thread = shared
                .channels
                .lock()
                .unwrap()
                .open_thread(channel, id.clone(), body)?;
            servers::thread_opened(shared, &id, channel);
            ok(thread)
        }
        _ => Err(errors::not_found()),
    }
}

/// Overwrites the command list after checking Discord's command schema.
fn register(shared: &Shared, app: &str, body: &Value) -> Answer {
    if app != APP_ID {
        return Err(Refusal {
            status: StatusCode::NOT_FOUND,
            body: json!({"message": "Unknown Application", "code": 10002}),
        });
    }
    commands::check(body)?;
    let registered: Vec<Value> = body
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
    ok(Value::Array(registered))
}

/// `GET /guilds/{id}/members?limit=&after=`: only for an application with the privileged
/// Server Members intent enabled; `limit` 1–1000.
fn members(shared: &Shared, query: &str) -> Answer {
    if !shared.members_intent_enabled.load(Ordering::SeqCst) {
        return Err(errors::missing_access());
    }
    let field = |key: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let limit = field("limit").unwrap_or(1);
    if !(1..=1000).contains(&limit) {
        let mut errors = errors::FormErrors::default();
        errors.other(
            &errors::path(&["limit"]),
            "NUMBER_TYPE_MAX",
            "int value should be less than or equal to 1000.".into(),
        );
        return Err(errors.into_result().unwrap_err());
    }
    let after = field("after").unwrap_or(0);
    let page: Vec<Value> = shared
        .members
        .lock()
        .unwrap()
        .iter()
        .filter(|m| {
            m["user"]["id"]
                .as_str()
                .and_then(|id| id.parse::<u64>().ok())
                .is_some_and(|id| id > after)
        })
        .take(limit as usize)
        .cloned()
        .collect();
    ok(Value::Array(page))
}
