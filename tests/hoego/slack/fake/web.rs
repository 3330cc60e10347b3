//! The Web API methods hoego calls, answered the way Slack answers them (every body has `ok`):
//! an injected error first; then the token (`not_authed`, `invalid_auth`, and the app-level token
//! only for `apps.connections.open`: `not_allowed_token_type`), the rate limits (429
//! `ratelimited`), then each method with Slack's checks: blocks (`invalid_blocks`), text over
//! 40,000 characters (`msg_too_long`), an empty message (`no_text`), unknown channels
//! (`channel_not_found`), views and trigger ids, at most 14 files shared by one
//! `files.completeUploadExternal` (`internal_error`). Also the upload URL files go to and the
//! response URLs (five uses within 30 minutes) commands and presses answer through.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::blocks::{self, Problems};
use super::{BOT_USER, Call, Shared, TEAM, history, views, workspace};

/// A response URL's lifetime and uses.
const RESPONSE_URL_LIFETIME: Duration = Duration::from_secs(30 * 60);
const RESPONSE_URL_USES: usize = 5;

pub async fn method(
    State(shared): State<Arc<Shared>>,
    Path(method): Path<String>,
    http_method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let body = if http_method == Method::GET {
        fields(query.unwrap_or_default().as_bytes())
    } else {
        parse_body(&headers, &body)
    };
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    shared.observe(&method, &body).await;
    if let Some(response) = injected(&shared, &method, &body, &auth) {
        return workspace::headers(&shared, auth.as_deref(), response);
    }
    let (status, answer, retry) = answer(&shared, &method, &body, auth.as_deref());
    let refused = status == 200 && answer["ok"] == false;
    shared.record(call(&method, body, auth.clone(), status, &answer), refused);
    let mut response = (StatusCode::from_u16(status).unwrap(), axum::Json(answer)).into_response();
    if let Some(seconds) = retry {
        response
            .headers_mut()
            .insert("retry-after", seconds.to_string().parse().unwrap());
    }
    workspace::headers(&shared, auth.as_deref(), response)
}

fn injected(
    shared: &Shared,
    method: &str,
    body: &Value,
    auth: &Option<String>,
) -> Option<Response> {
    let failure = {
        let mut failures = shared.failures.lock().unwrap();
        let at = failures.iter().position(|f| f.method == method);
        at.and_then(|i| failures.remove(i))
    }?;
    let answer = json!({"ok": false, "error": failure.error});
    let status = failure.status;
    shared.record(
        call(method, body.clone(), auth.clone(), status, &answer),
        false,
    );
    let mut response = (StatusCode::from_u16(status).unwrap(), axum::Json(answer)).into_response();
    if let Some(seconds) = failure.retry_after {
        response
            .headers_mut()
            .insert("retry-after", seconds.to_string().parse().unwrap());
    }
    Some(response)
}

fn call(method: &str, body: Value, auth: Option<String>, status: u16, answer: &Value) -> Call {
    Call {
        method: method.to_string(),
        body,
        auth,
        status,
        answer: answer.clone(),
        at: Instant::now(),
    }
}

fn refusal(error: &str) -> Value {
    json!({"ok": false, "error": error})
}

/// The status, the answer and a Retry-After for a call.
fn answer(
    shared: &Shared,
    method: &str,
    body: &Value,
    auth: Option<&str>,
) -> (u16, Value, Option<u64>) {
    if let Err(error) = authorized(shared, method, auth) {
        return (200, refusal(error), None);
    }
    if let Some(refused) = workspace::refusal(shared, method, auth, body) {
        return (200, refused, None);
    }
    // A post to a member's id lands in (and is limited as) the DM with them.
    let asked = body["channel"].as_str();
    let channel = asked.map(|c| shared.channel(c).unwrap_or_else(|| c.to_string()));
    if let Err(seconds) = shared
        .limits
        .lock()
        .unwrap()
        .admit(method, channel.as_deref())
    {
        return (429, refusal("ratelimited"), Some(seconds));
    }
    (200, reply(shared, method, body), None)
}

/// The token a method needs: the app-level token for `apps.connections.open`, the bot token
/// for everything else.
fn authorized(shared: &Shared, method: &str, auth: Option<&str>) -> Result<(), &'static str> {
    let Some(token) = auth.and_then(|a| a.strip_prefix("Bearer ")) else {
        return Err("not_authed");
    };
    let app_method = method == "apps.connections.open";
    match (token == shared.bot_token, token == shared.app_token) {
        (true, _) if app_method => Err("not_allowed_token_type"),
        (_, true) if !app_method => Err("not_allowed_token_type"),
        (false, false) => Err("invalid_auth"),
        _ => Ok(()),
    }
}

fn reply(shared: &Shared, method: &str, body: &Value) -> Value {
    let n = shared.next();
    match method {
        "auth.test" => {
            let renamed = shared.renamed.lock().unwrap().clone();
            let team = renamed.unwrap_or_else(|| super::WORKSPACE_NAME.to_string());
            json!({"ok": true, "url": "https://fake.slack.test/", "team": team, "user": "hoego",
                   "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B0HOEGO"})
        }
        "apps.connections.open" => {
            json!({"ok": true, "url": format!("ws://{}/socket", shared.base().trim_start_matches("http://"))})
        }
        "chat.postMessage" => post_message(shared, body, n),
        "chat.postEphemeral" => json!({"ok": true, "message_ts": format!("1700000000.{n:06}")}),
        "conversations.open" => open_conversation(shared, body),
        "views.open" => views::open(&mut shared.triggers.lock().unwrap(), body, n),
        "users.info" => user(shared, body),
        "files.getUploadURLExternal" => json!({"ok": true, "file_id": format!("F{n}"),
            "upload_url": format!("{}/upload/F{n}", shared.base())}),
        "files.completeUploadExternal" => complete_upload(body),
        "conversations.info" => workspace::conversation_info(shared, body),
        "conversations.members" => workspace::conversation_members(shared, body),
        "conversations.history" => history::history(shared, body),
        "conversations.replies" => history::replies(shared, body),
        _ => refusal("unknown_method"),
    }
}

/// Most files one `files.completeUploadExternal` shares. Slack does not document it; past it
/// Slack answers `internal_error` (python-slack-sdk#1653: 14 files work, 15 fail).
const FILES_PER_COMPLETE: usize = 14;

/// `files.completeUploadExternal`: the files shared, at most [`FILES_PER_COMPLETE`].
fn complete_upload(body: &Value) -> Value {
    let files: Vec<Value> = body["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| json!({"id": f["id"], "title": f["title"]}))
        .collect();
    if files.is_empty() {
        return refusal("invalid_arguments");
    }
    if files.len() > FILES_PER_COMPLETE {
        return refusal("internal_error");
    }
    json!({"ok": true, "files": files})
}

/// A message's checks, shared by `chat.postMessage` and response URLs: Slack's error word.
fn message_problems(body: &Value) -> Result<(), Value> {
    let text = body["text"].as_str().unwrap_or_default();
    let blocks = blocks::decoded(&body["blocks"]);
    if text.is_empty() && blocks.as_array().is_none_or(Vec::is_empty) {
        return Err(refusal("no_text"));
    }
    if text.chars().count() > blocks::MESSAGE_TEXT {
        return Err(refusal("msg_too_long"));
    }
    let mut problems = Problems::default();
    blocks::message(&blocks, &mut problems);
    if problems.0.is_empty() {
        return Ok(());
    }
    Err(
        json!({"ok": false, "error": "invalid_blocks", "errors": problems.0.clone(),
               "response_metadata": {"messages": problems.0}}),
    )
}

fn post_message(shared: &Shared, body: &Value, n: u64) -> Value {
    let asked = body["channel"].as_str().unwrap_or_default();
    let Some(channel) = shared.channel(asked) else {
        return refusal("channel_not_found");
    };
    if let Err(refused) = message_problems(body) {
        return refused;
    }
    if let Some(refused) = history::metadata_problem(body) {
        return refused;
    }
    if asked.starts_with('U') {
        // Posting to a member's id opens the app's DM with them, as `conversations.open` would.
        shared.dms.lock().unwrap().insert(channel.clone());
    }
    let ts = format!("1700000000.{n:06}");
    history::keep(shared, &channel, &ts, body);
    json!({"ok": true, "channel": channel, "ts": ts, "message": {"ts": ts, "text": body["text"]}})
}

fn open_conversation(shared: &Shared, body: &Value) -> Value {
    let users = match &body["users"] {
        Value::Array(list) => list
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        other => other.as_str().unwrap_or_default().to_string(),
    };
    if users.is_empty() {
        return refusal("users_list_not_supplied");
    }
    let channel = format!("D{users}");
    shared.dms.lock().unwrap().insert(channel.clone());
    json!({"ok": true, "channel": {"id": channel}})
}

fn user(shared: &Shared, body: &Value) -> Value {
    let id = body["user"].as_str().unwrap_or_default().to_string();
    if id.is_empty() {
        return refusal("user_not_found");
    }
    let mut user = json!({"id": id, "team_id": TEAM, "name": id, "real_name": format!("{id} name"),
                          "locale": "en-US", "tz": "Asia/Seoul", "is_admin": false, "is_owner": false});
    if let Some(extra) = shared.users.lock().unwrap().get(&id) {
        for (key, value) in extra.as_object().into_iter().flatten() {
            user[key] = value.clone();
        }
    }
    json!({"ok": true, "user": user})
}

pub async fn upload(
    State(shared): State<Arc<Shared>>,
    Path(file): Path<String>,
    body: Bytes,
) -> Response {
    shared
        .uploads
        .lock()
        .unwrap()
        .insert(file.clone(), body.to_vec());
    let answer = json!("OK - 1");
    shared.record(
        call("upload", json!({"file": file}), None, 200, &answer),
        false,
    );
    (StatusCode::OK, "OK - 1").into_response()
}

/// A response URL: a message, at most five times within 30 minutes of the command or press.
pub async fn response_url(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut body = parse_body(&headers, &body);
    body["response_url_id"] = json!(id);
    let (status, answer) = match use_response_url(&shared, &id) {
        Err(error) => (404, refusal(error)),
        Ok(()) => match message_problems(&body) {
            Ok(()) => (200, json!({"ok": true})),
            Err(refused) => (400, refused),
        },
    };
    shared.record(
        call("response_url", body, None, status, &answer),
        status != 200,
    );
    (StatusCode::from_u16(status).unwrap(), axum::Json(answer)).into_response()
}

fn use_response_url(shared: &Shared, id: &str) -> Result<(), &'static str> {
    let mut urls = shared.response_urls.lock().unwrap();
    let Some((issued, uses)) = urls.get_mut(id) else {
        return Err("invalid_url");
    };
    if issued.elapsed() > RESPONSE_URL_LIFETIME {
        return Err("expired_url");
    }
    if *uses >= RESPONSE_URL_USES {
        return Err("used_url");
    }
    *uses += 1;
    Ok(())
}

fn parse_body(headers: &HeaderMap, body: &[u8]) -> Value {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if json {
        serde_json::from_slice(body).unwrap_or(Value::Null)
    } else {
        fields(body)
    }
}

/// `a=1&b=2` as `{"a":"1","b":"2"}`.
fn fields(encoded: &[u8]) -> Value {
    let map: HashMap<String, String> = serde_urlencoded::from_bytes(encoded).unwrap_or_default();
    json!(map)
}
