//! Files members attach to a command, as Discord's CDN serves them: each at its own URL
//! (no bot token needed, as on `cdn.discordapp.com`), counted when fetched; an unknown one is 404.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Shared;

/// The attached files: their bytes by id, and how often each was fetched.
#[derive(Debug, Default)]
pub struct Attachments {
    files: HashMap<String, Vec<u8>>,
    pub fetched: HashMap<String, usize>,
}

impl Attachments {
    /// Keeps `bytes` as attachment `id`.
    pub fn add(&mut self, id: &str, bytes: Vec<u8>) {
        self.files.insert(id.to_string(), bytes);
    }
}

/// An Attachment object as an interaction's `resolved.attachments` holds it.
pub fn attachment(id: &str, filename: &str, url: &str, size: usize) -> Value {
    json!({
        "id": id, "filename": filename, "size": size, "url": url, "proxy_url": url,
        "content_type": "text/plain; charset=utf-8", "ephemeral": true,
    })
}

/// `GET /attachments/{id}/{filename}`.
pub(super) async fn serve(
    State(shared): State<Arc<Shared>>,
    Path((id, _name)): Path<(String, String)>,
) -> Response {
    let mut attachments = shared.attachments.lock().unwrap();
    *attachments.fetched.entry(id.clone()).or_default() += 1;
    match attachments.files.get(&id) {
        Some(bytes) => (StatusCode::OK, bytes.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
