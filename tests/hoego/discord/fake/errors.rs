//! Discord's error answers, with the status, `code` and `message` Discord sends: a refused
//! request is answered exactly as the real API answers it, so the client's error handling is
//! exercised on the real shapes.

use axum::http::StatusCode;
use serde_json::{Value, json};

/// A refused request: the status and Discord's JSON error body.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: StatusCode,
    pub body: Value,
}

impl Refusal {
    fn new(status: StatusCode, code: u32, message: &str) -> Refusal {
        Refusal {
            status,
            body: json!({"message": message, "code": code}),
        }
    }
}

/// 401 for a missing or wrong `Authorization: Bot <token>`.
pub fn unauthorized() -> Refusal {
    Refusal::new(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized")
}

/// 404 10003: a channel that does not exist (or that the bot cannot see).
pub fn unknown_channel() -> Refusal {
    Refusal::new(StatusCode::NOT_FOUND, 10003, "Unknown Channel")
}

/// 404 10008: editing a message that does not exist.
pub fn unknown_message() -> Refusal {
    Refusal::new(StatusCode::NOT_FOUND, 10008, "Unknown Message")
}

/// 404 10015: a webhook (an interaction token) that does not exist or was not acknowledged.
pub fn unknown_webhook() -> Refusal {
    Refusal::new(StatusCode::NOT_FOUND, 10015, "Unknown Webhook")
}

/// 401 50027: an interaction token past its 15 minutes.
pub fn invalid_webhook_token() -> Refusal {
    Refusal::new(StatusCode::UNAUTHORIZED, 50027, "Invalid Webhook Token")
}

/// 404 10062: an interaction answered after its 3 seconds, or never dispatched.
pub fn unknown_interaction() -> Refusal {
    Refusal::new(StatusCode::NOT_FOUND, 10062, "Unknown interaction")
}

/// 400 40060: a second initial response to one interaction.
pub fn already_acknowledged() -> Refusal {
    Refusal::new(
        StatusCode::BAD_REQUEST,
        40060,
        "Interaction has already been acknowledged.",
    )
}

/// 400 50006: a message with nothing in it.
pub fn empty_message() -> Refusal {
    Refusal::new(
        StatusCode::BAD_REQUEST,
        50006,
        "Cannot send an empty message",
    )
}

/// 403 50001: a call needing access the bot lacks (e.g. listing members without the
/// privileged Server Members intent).
pub fn missing_access() -> Refusal {
    Refusal::new(StatusCode::FORBIDDEN, 50001, "Missing Access")
}

/// 404 with code 0, as Discord answers a route it does not have.
pub fn not_found() -> Refusal {
    Refusal::new(StatusCode::NOT_FOUND, 0, "404: Not Found")
}

/// 429: the body and the headers Discord sends with it.
pub fn rate_limited(retry_after: f64, global: bool) -> Refusal {
    Refusal {
        status: StatusCode::TOO_MANY_REQUESTS,
        body: json!({
            "message": "You are being rate limited.",
            "retry_after": (retry_after * 1000.0).ceil() / 1000.0,
            "global": global,
        }),
    }
}

/// Field errors gathered while checking a request body, each at its JSON path, answered as
/// Discord's 400 50035 "Invalid Form Body" with the errors nested by path.
#[derive(Debug, Default)]
pub struct FormErrors(Vec<(Vec<String>, &'static str, String)>);

impl FormErrors {
    /// A value outside `min..=max` characters or items (`BASE_TYPE_BAD_LENGTH`).
    pub fn bad_length(&mut self, path: &[String], min: usize, max: usize) {
        let message = format!("Must be between {min} and {max} in length.");
        self.0
            .push((path.to_vec(), "BASE_TYPE_BAD_LENGTH", message));
    }

    /// A value over `max` characters (`BASE_TYPE_MAX_LENGTH`).
    pub fn too_long(&mut self, path: &[String], max: usize) {
        let message = format!("Must be {max} or fewer in length.");
        self.0
            .push((path.to_vec(), "BASE_TYPE_MAX_LENGTH", message));
    }

    /// Any other error, with Discord's error code word and message.
    pub fn other(&mut self, path: &[String], code: &'static str, message: String) {
        self.0.push((path.to_vec(), code, message));
    }

    /// Checks that `text` has `min..=max` characters (counted as Discord counts: characters).
    pub fn length(&mut self, path: &[String], text: Option<&str>, min: usize, max: usize) {
        let count = text.map_or(0, |t| t.chars().count());
        if count < min || count > max {
            if min == 0 {
                self.too_long(path, max);
            } else {
                self.bad_length(path, min, max);
            }
        }
    }

    /// `Ok` when nothing was wrong, else the 400 50035 answer.
    pub fn into_result(self) -> Result<(), Refusal> {
        if self.0.is_empty() {
            return Ok(());
        }
        let mut errors = json!({});
        for (path, code, message) in self.0 {
            let mut at = &mut errors;
            for key in &path {
                at = at
                    .as_object_mut()
                    .expect("an object")
                    .entry(key.clone())
                    .or_insert_with(|| json!({}));
            }
            let list = at
                .as_object_mut()
                .expect("an object")
                .entry("_errors")
                .or_insert_with(|| json!([]));
            list.as_array_mut()
                .expect("a list")
                .push(json!({"code": code, "message": message}));
        }
        Err(Refusal {
            status: StatusCode::BAD_REQUEST,
            body: json!({"message": "Invalid Form Body", "code": 50035, "errors": errors}),
        })
    }
}

/// A JSON path from its parts: `path(&["data", "components", "0"])`.
pub fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// `base` with `more` appended.
pub fn join(base: &[String], more: &[&str]) -> Vec<String> {
    let mut joined = base.to_vec();
    joined.extend(more.iter().map(|p| p.to_string()));
    joined
}
