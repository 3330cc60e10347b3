//! The chat-completions request for a summary: the instructions in the reader's language (from
//! the catalogs) with the reply's form, the selected items as JSON, and the hash of all of it
//! that keys the cache.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::domain::summary::SummaryInput;
use crate::service::i18n::t;

/// The form the reply must take, shown to the model after the instructions.
const FORM: &str = r#"{"span": [{"text": "…", "cites": ["a1", "a4"]}], "periods": [{"period": 1, "sentences": [{"text": "…", "cites": ["a2"]}]}]}"#;

/// The request body for `input`, asking `model`.
pub fn body(model: &str, input: &SummaryInput) -> Value {
    let instructions = format!("{} {FORM}", t(input.lang, "summary.prompt", &[]));
    let items = serde_json::to_string(input).expect("the input serializes");
    json!({
        "model": model,
        "temperature": 0.2,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": instructions},
            {"role": "user", "content": items},
        ],
    })
}

/// The hash of what a summary is written from (the whole request, model and endpoint
/// included): equal inputs, equal hash; any changed answer, another hash.
pub fn input_hash(endpoint: &str, body: &Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(endpoint.as_bytes());
    hasher.update([0]);
    hasher.update(body.to_string().as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
