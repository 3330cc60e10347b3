//! A fake OpenAI-compatible chat-completions server on 127.0.0.1: it answers from a script (a
//! reply citing the request's own items, a given content, a 429 with its `Retry-After`, a slow
//! answer, a bare status), records every request body and its `Authorization` header, and
//! counts requests.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use hoego::config::SummarySettings;
use hoego::service::summary::Summaries;
use serde_json::{Value, json};

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Sentences citing the request's own items: one for the span, one per period, in the
    /// request's language, with no number.
    Cited,
    /// This message content, as is.
    Content(String),
    /// 429 with `Retry-After: secs`.
    TooMany(f64),
    /// [`Answer::Cited`] after this long.
    Slow(Duration),
    /// One sentence for the span citing the request's first anonymous item.
    CitesAnonymous,
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub body: Value,
    pub raw: String,
    pub authorization: Option<String>,
}

#[derive(Default)]
struct Script {
    queue: Mutex<VecDeque<Answer>>,
    seen: Mutex<Vec<Seen>>,
    usage: Mutex<(u64, u64)>,
}

/// The running fake.
#[derive(Clone)]
pub struct FakeModel {
    pub base_url: String,
    script: Arc<Script>,
}

impl FakeModel {
    /// Starts the fake on a free loopback port; answers [`Answer::Cited`] when the script is empty.
    pub async fn start() -> FakeModel {
        let script = Arc::new(Script::default());
        *script.usage.lock().unwrap() = (1234, 56);
        let app = Router::new()
            .route("/v1/chat/completions", post(complete))
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeModel {
            base_url: format!("http://{addr}/v1"),
            script,
        }
    }

    /// Answers the next requests with these, in order.
    pub fn then(&self, answers: impl IntoIterator<Item = Answer>) {
        self.script.queue.lock().unwrap().extend(answers);
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.script.seen.lock().unwrap().clone()
    }

    /// How many requests came.
    pub fn requests(&self) -> usize {
        self.script.seen.lock().unwrap().len()
    }

    /// The settings of an endpoint pointing here.
    pub fn settings(&self, timeout: Duration) -> SummarySettings {
        SummarySettings {
            base_url: Some(self.base_url.parse().unwrap()),
            model: "fake-model".into(),
            api_key: Some("sk-test-key".to_string().into()),
            timeout,
            max_request_chars: 12_000,
            per_team_per_hour: 100,
        }
    }

    /// Summaries asking this fake.
    pub fn summaries(&self) -> Summaries {
        Summaries::from_settings(&self.settings(Duration::from_secs(5)))
    }
}

async fn complete(State(script): State<Arc<Script>>, headers: HeaderMap, body: Bytes) -> Response {
    let raw = String::from_utf8_lossy(&body).to_string();
    let body: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    script.seen.lock().unwrap().push(Seen {
        body: body.clone(),
        raw,
        authorization,
    });
    let answer = script
        .queue
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Answer::Cited);
    let content = match answer {
        Answer::Cited => cited(&body),
        Answer::Content(content) => content,
        Answer::TooMany(secs) => {
            let mut response = (StatusCode::TOO_MANY_REQUESTS, "slow down").into_response();
            let value = secs.to_string().parse().unwrap();
            response.headers_mut().insert("retry-after", value);
            return response;
        }
        Answer::Slow(wait) => {
            tokio::time::sleep(wait).await;
            cited(&body)
        }
        Answer::CitesAnonymous => {
            let id = anonymous_item(&body);
            json!({"span": [{"text": "Many asked for fewer meetings.", "cites": [id]}]}).to_string()
        }
    };
    let (prompt, completion) = *script.usage.lock().unwrap();
    let reply = json!({
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion},
    });
    axum::Json(reply).into_response()
}

/// The items of a request: (id, period).
pub fn items(body: &Value) -> Vec<(String, Option<u64>)> {
    let user = body["messages"][1]["content"].as_str().unwrap_or("{}");
    let input: Value = serde_json::from_str(user).unwrap_or(Value::Null);
    input["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            let id = item["id"].as_str().unwrap_or_default().to_string();
            (id, item["period"].as_u64())
        })
        .collect()
}

/// The id of the request's first anonymous item.
fn anonymous_item(body: &Value) -> String {
    let user = body["messages"][1]["content"].as_str().unwrap_or("{}");
    let input: Value = serde_json::from_str(user).unwrap_or(Value::Null);
    let items = input["items"].as_array().cloned().unwrap_or_default();
    let item = items.iter().find(|item| item["anonymous"] == true);
    item.and_then(|item| item["id"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// A reply citing the request's first item for the span and each period's first item.
fn cited(body: &Value) -> String {
    let user = body["messages"][1]["content"].as_str().unwrap_or("{}");
    let input: Value = serde_json::from_str(user).unwrap_or(Value::Null);
    let korean = input["lang"] == "ko";
    let (span, period) = if korean {
        (
            "돌아보면 한 해가 답변에 적힌 대로 흘러갔어요.",
            "이 시기에는 답변에 적힌 일들이 이어졌어요.",
        )
    } else {
        (
            "Looking back, the span went as the answers tell.",
            "This stretch was about what its answers say.",
        )
    };
    let items = items(body);
    let mut periods = Vec::new();
    for p in input["periods"].as_array().into_iter().flatten() {
        let n = p["period"].as_u64().unwrap();
        if let Some((id, _)) = items.iter().find(|(_, at)| *at == Some(n)) {
            periods.push(json!({"period": n, "sentences": [{"text": period, "cites": [id]}]}));
        }
    }
    let first = items.first().map(|(id, _)| id.clone()).unwrap_or_default();
    json!({"span": [{"text": span, "cites": [first]}], "periods": periods}).to_string()
}
