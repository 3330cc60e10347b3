//! The OpenAI-compatible chat-completions endpoint: one POST to `{base_url}/chat/completions`
//! with the key as a Bearer token, retried after a 429 when its `Retry-After` still fits before
//! the deadline; the message's content and the token counts come back.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::time::Instant;
use url::Url;

use crate::config::SummarySettings;

/// Most attempts of one request (the first and the retries after 429s).
const ATTEMPTS: u32 = 3;
/// The wait after a 429 that gives no usable `Retry-After`.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

/// Where summaries are asked for, and the bounds on asking.
pub struct Endpoint {
    /// The API base (`…/v1`).
    pub base_url: Url,
    /// The model name.
    pub model: String,
    key: Option<SecretString>,
    /// How long a recap waits for its summary, retries included.
    pub timeout: Duration,
    /// Most characters of answer text in one request.
    pub max_request_chars: usize,
    /// Summaries one team may have written in an hour.
    pub per_team_per_hour: usize,
    http: reqwest::Client,
}

/// What the model answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The message's content.
    pub content: String,
    /// Tokens of the request, as the endpoint counted them (0 when it did not say).
    pub prompt_tokens: u64,
    /// Tokens of the reply.
    pub completion_tokens: u64,
}

/// Why no completion came back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The deadline passed.
    #[error("no answer before the deadline")]
    Timeout,
    /// 429s, and the wait asked for does not fit before the deadline (or the attempts ran out).
    #[error("rate limited")]
    RateLimited,
    /// Another HTTP status.
    #[error("HTTP status {0}")]
    Status(u16),
    /// The connection failed.
    #[error("transport: {0}")]
    Transport(String),
    /// A 200 whose body is not a chat completion.
    #[error("not a chat completion: {0}")]
    NotCompletion(String),
}

impl Endpoint {
    /// The endpoint `settings` name; `None` when summaries are off.
    pub fn from_settings(settings: &SummarySettings) -> Option<Endpoint> {
        let base_url = settings.base_url.clone()?;
        Some(Endpoint {
            base_url,
            model: settings.model.clone(),
            key: settings.api_key.clone(),
            timeout: settings.timeout,
            max_request_chars: settings.max_request_chars,
            per_team_per_hour: settings.per_team_per_hour,
            http: reqwest::Client::new(),
        })
    }

    /// The endpoint as people are shown it: scheme, host, port and path, never a user, a
    /// password or a query.
    pub fn shown(&self) -> String {
        let mut url = self.base_url.clone();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_query(None);
        url.set_fragment(None);
        url.to_string().trim_end_matches('/').to_string()
    }

    fn completions_url(&self) -> String {
        format!(
            "{}/chat/completions",
            self.base_url.as_str().trim_end_matches('/')
        )
    }

    /// Sends `body`, retrying after 429s while the wait fits before `deadline`.
    pub async fn complete(&self, body: &Value, deadline: Instant) -> Result<Completion, CallError> {
        let bytes = serde_json::to_vec(body).expect("a JSON value serializes");
        for attempt in 1..=ATTEMPTS {
            let mut request = self
                .http
                .post(self.completions_url())
                .header("content-type", "application/json")
                .body(bytes.clone());
            if let Some(key) = &self.key {
                request = request.bearer_auth(key.expose_secret());
            }
            let sent = tokio::time::timeout_at(deadline, request.send()).await;
            let response = sent
                .map_err(|_| CallError::Timeout)?
                .map_err(|e| CallError::Transport(e.without_url().to_string()))?;
            let status = response.status().as_u16();
            if status == 429 {
                metrics::counter!("hoego_summary_rate_limited_total").increment(1);
                let wait = retry_after(response.headers()).unwrap_or(DEFAULT_RETRY_AFTER);
                if attempt == ATTEMPTS || Instant::now() + wait >= deadline {
                    return Err(CallError::RateLimited);
                }
                tokio::time::sleep(wait).await;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(CallError::Status(status));
            }
            let read = tokio::time::timeout_at(deadline, response.bytes()).await;
            let body = read
                .map_err(|_| CallError::Timeout)?
                .map_err(|e| CallError::Transport(e.without_url().to_string()))?;
            return completion(&body);
        }
        Err(CallError::RateLimited)
    }
}

/// `Retry-After` as seconds (fractions allowed) or as an HTTP date, at most an hour.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?;
    wait_for(value, chrono::Utc::now())
}

/// The wait a `Retry-After` value asks for at `now`: seconds, or until an HTTP date (none for a
/// date already past).
fn wait_for(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let value = value.trim();
    let secs = match value.parse::<f64>() {
        Ok(secs) => secs,
        Err(_) => {
            let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            (at.to_utc() - now).num_milliseconds().max(0) as f64 / 1000.0
        }
    };
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(3600.0)))
}

/// The content and usage of a chat-completion response body.
fn completion(body: &[u8]) -> Result<Completion, CallError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| CallError::NotCompletion(e.to_string()))?;
    let content = value
        .pointer("/choices/0/message/content")
        .and_then(Value::as_str)
        .ok_or_else(|| CallError::NotCompletion("no choices[0].message.content".into()))?;
    let tokens = |name: &str| {
        value
            .pointer(&format!("/usage/{name}"))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    Ok(Completion {
        content: content.to_string(),
        prompt_tokens: tokens("prompt_tokens"),
        completion_tokens: tokens("completion_tokens"),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::{TimeZone, Utc};

    use super::wait_for;

    #[test]
    fn retry_after_is_read_as_seconds_or_as_an_http_date() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 8, 49, 7).unwrap();
        assert_eq!(wait_for("2", now), Some(Duration::from_secs(2)));
        assert_eq!(wait_for(" 0.5 ", now), Some(Duration::from_millis(500)));
        let date = "Mon, 07 Dec 2026 08:49:37 GMT";
        assert_eq!(wait_for(date, now), Some(Duration::from_secs(30)));
        let past = "Mon, 07 Dec 2026 08:00:00 GMT";
        assert_eq!(wait_for(past, now), Some(Duration::ZERO));
        assert_eq!(
            wait_for("Tue, 07 Dec 2027 08:49:37 GMT", now),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(wait_for("soon", now), None);
        assert_eq!(wait_for("-3", now), None);
    }
}
