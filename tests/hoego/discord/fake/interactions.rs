//! Interactions as Discord holds them: each dispatched interaction must get its one initial
//! response within 3 seconds (later, or for an id never dispatched: 404 10062; a second one:
//! 400 40060); follow-ups and edits of the original response need that response first (404
//! 10015 / 10008) and stop after the token's 15 minutes (401 50027). Every response body is
//! checked like a message or a modal.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::errors::{self, FormErrors, Refusal};
use super::limits;

/// How long Discord waits for the initial response.
pub const DEADLINE: Duration = Duration::from_secs(3);
/// How long an interaction token may be used for follow-ups and edits.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// One dispatched interaction.
#[derive(Debug, Clone)]
struct Tracked {
    id: String,
    kind: u64,
    dispatched: Instant,
    /// The initial response's type, once given.
    response: Option<u64>,
}

/// The interactions the fake has dispatched.
#[derive(Debug)]
pub struct Interactions {
    by_token: HashMap<String, Tracked>,
    /// The initial-response deadline (3 s unless a test shortens it).
    pub deadline: Duration,
    /// How long tokens live (15 min unless a test shortens it).
    pub token_lifetime: Duration,
}

impl Default for Interactions {
    fn default() -> Self {
        Interactions {
            by_token: HashMap::new(),
            deadline: DEADLINE,
            token_lifetime: TOKEN_LIFETIME,
        }
    }
}

impl Interactions {
    /// Remembers an interaction being dispatched now.
    pub fn dispatched(&mut self, data: &Value) {
        let (Some(id), Some(token)) = (data["id"].as_str(), data["token"].as_str()) else {
            return;
        };
        let tracked = Tracked {
            id: id.to_string(),
            kind: data["type"].as_u64().unwrap_or(0),
            dispatched: Instant::now(),
            response: None,
        };
        self.by_token.insert(token.to_string(), tracked);
    }

    /// `POST /interactions/{id}/{token}/callback`: the initial response.
    pub fn respond(
        &mut self,
        id: &str,
        token: &str,
        body: &Value,
        files: usize,
    ) -> Result<(), Refusal> {
        let deadline = self.deadline;
        let Some(tracked) = self.by_token.get_mut(token).filter(|t| t.id == id) else {
            return Err(errors::unknown_interaction());
        };
        if tracked.response.is_some() {
            return Err(errors::already_acknowledged());
        }
        if tracked.dispatched.elapsed() > deadline {
            return Err(errors::unknown_interaction());
        }
        let kind = body["type"].as_u64().unwrap_or(0);
        check_response(kind, tracked.kind, body, files)?;
        tracked.response = Some(kind);
        Ok(())
    }

    /// `POST /webhooks/{app}/{token}`: a follow-up message.
    pub fn follow_up(&self, token: &str, body: &Value, files: usize) -> Result<(), Refusal> {
        let tracked = self.live(token)?;
        if tracked.response.is_none() {
            return Err(errors::unknown_webhook());
        }
        check_message(body, &[], files)
    }

    /// `PATCH /webhooks/{app}/{token}/messages/@original`: editing the initial response.
    pub fn edit_original(&self, token: &str, body: &Value, files: usize) -> Result<(), Refusal> {
        let tracked = self.live(token)?;
        match tracked.response {
            Some(4..=7) => check_edit(body, files),
            Some(_) => Err(errors::unknown_message()),
            None => Err(errors::unknown_webhook()),
        }
    }

    fn live(&self, token: &str) -> Result<&Tracked, Refusal> {
        let tracked = self
            .by_token
            .get(token)
            .ok_or_else(errors::unknown_webhook)?;
        if tracked.dispatched.elapsed() > self.token_lifetime {
            return Err(errors::invalid_webhook_token());
        }
        Ok(tracked)
    }
}

/// A response body by its type: 4 and 7 carry a message, 5 and 6 defer, 8 answers an
/// autocomplete, 9 opens a modal (never in answer to a modal submit).
fn check_response(kind: u64, interaction: u64, body: &Value, files: usize) -> Result<(), Refusal> {
    let data = &body["data"];
    let mut errors = FormErrors::default();
    match kind {
        4 | 7 => {
            if kind == 4 && limits::is_empty(data, files) {
                return Err(errors::empty_message());
            }
            limits::message(data, &errors::path(&["data"]), &mut errors, files);
        }
        5 | 6 => {}
        8 if interaction == 4 => limits::choices(data, &mut errors),
        9 if interaction != 5 => limits::modal(data, &mut errors),
        _ => errors.other(
            &errors::path(&["type"]),
            "INTERACTION_RESPONSE_TYPE_INVALID",
            format!(
                "Interaction response type {kind} is not valid for interaction type {interaction}"
            ),
        ),
    }
    errors.into_result()
}

fn check_message(body: &Value, base: &[String], files: usize) -> Result<(), Refusal> {
    if limits::is_empty(body, files) {
        return Err(errors::empty_message());
    }
    let mut errors = FormErrors::default();
    limits::message(body, base, &mut errors, files);
    errors.into_result()
}

/// An edit may leave out what it does not change.
fn check_edit(body: &Value, files: usize) -> Result<(), Refusal> {
    let mut errors = FormErrors::default();
    limits::message(body, &[], &mut errors, files);
    errors.into_result()
}
