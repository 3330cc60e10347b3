//! The Web API methods hoego calls, answered the way Slack answers them (every body has `ok`),
//! plus the upload URL files go to and the response URLs commands and presses answer through.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{BOT_USER, Call, Shared, TEAM, workspace};

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
    if let Some(refusal) = workspace::refusal(&shared, &method, auth.as_deref(), &body) {
        record(&shared, &method, body, auth.clone(), 200);
        return workspace::headers(
            &shared,
            auth.as_deref(),
            axum::Json(refusal).into_response(),
        );
    }
    let failure = {
        let mut failures = shared.failures.lock().unwrap();
        let at = failures.iter().position(|f| f.method == method);
        at.and_then(|i| failures.remove(i))
    };
    let (status, answer) = match failure {
        Some(failure) => {
            let status = failure.status;
            let mut response = (
                StatusCode::from_u16(status).unwrap(),
                axum::Json(json!({"ok": false, "error": failure.error})),
            )
                .into_response();
            if let Some(seconds) = failure.retry_after {
                response
                    .headers_mut()
                    .insert("retry-after", seconds.to_string().parse().unwrap());
            }
            record(&shared, &method, body, auth.clone(), status);
            return workspace::headers(&shared, auth.as_deref(), response);
        }
        None => (200, answer(&shared, &method, &body)),
    };
    record(&shared, &method, body, auth.clone(), status);
    workspace::headers(&shared, auth.as_deref(), axum::Json(answer).into_response())
}

fn record(shared: &Shared, method: &str, body: Value, auth: Option<String>, status: u16) {
    shared.record(Call {
        method: method.to_string(),
        body,
        auth,
        status,
        at: Instant::now(),
    });
}

fn answer(shared: &Shared, method: &str, body: &Value) -> Value {
    let n = shared.next();
    match method {
        "auth.test" => json!({"ok": true, "url": "https://fake.slack.test/", "team": "Fake",
                              "user": "hoego", "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B0HOEGO"}),
        "apps.connections.open" => {
            json!({"ok": true, "url": format!("ws://{}/socket", shared.base().trim_start_matches("http://"))})
        }
        "chat.postMessage" => {
            let ts = format!("1700000000.{n:06}");
            json!({"ok": true, "channel": body["channel"], "ts": ts,
                   "message": {"ts": ts, "text": body["text"]}})
        }
        "chat.postEphemeral" => json!({"ok": true, "message_ts": format!("1700000000.{n:06}")}),
        "conversations.open" => {
            let users = match &body["users"] {
                Value::Array(list) => list
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.as_str().unwrap_or("someone").to_string(),
            };
            json!({"ok": true, "channel": {"id": format!("D{users}")}})
        }
        "views.open" => {
            let mut view = body["view"].clone();
            view["id"] = json!(format!("V{n}"));
            view["team_id"] = json!(TEAM);
            view["hash"] = json!(format!("h{n}"));
            view["state"] = json!({"values": {}});
            json!({"ok": true, "view": view})
        }
        "users.info" => {
            let id = body["user"].as_str().unwrap_or_default().to_string();
            let mut user = json!({"id": id, "team_id": TEAM, "name": id, "real_name": format!("{id} name"),
                                  "locale": "en-US", "tz": "Asia/Seoul", "is_admin": false, "is_owner": false});
            if let Some(extra) = shared.users.lock().unwrap().get(&id) {
                for (key, value) in extra.as_object().into_iter().flatten() {
                    user[key] = value.clone();
                }
            }
            json!({"ok": true, "user": user})
        }
        "files.getUploadURLExternal" => json!({"ok": true, "file_id": format!("F{n}"),
            "upload_url": format!("{}/upload/F{n}", shared.base())}),
        "files.completeUploadExternal" => {
            let files: Vec<Value> = body["files"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| json!({"id": f["id"], "title": f["title"]}))
                .collect();
            json!({"ok": true, "files": files})
        }
        "conversations.info" => workspace::conversation_info(shared, body),
        _ => json!({"ok": true}),
    }
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
    record(&shared, "upload", json!({"file": file}), None, 200);
    (StatusCode::OK, "OK - 1").into_response()
}

pub async fn response_url(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut body = parse_body(&headers, &body);
    body["response_url_id"] = json!(id);
    record(&shared, "response_url", body, None, 200);
    axum::Json(json!({"ok": true})).into_response()
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
