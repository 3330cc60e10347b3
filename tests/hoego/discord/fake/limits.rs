//! What Discord checks in a message and in a modal before it accepts them: content length,
//! components (rows, buttons, labels, custom ids), embeds, the nonce, files; a modal's title,
//! its one to five text inputs and each input's label, custom id, lengths and value.

use serde_json::Value;

use super::errors::{FormErrors, join, path};

/// Discord's longest message content.
pub const CONTENT: usize = 2000;
/// Most action rows in a message, and most components in one row.
const ROWS: usize = 5;
const PER_ROW: usize = 5;
/// A button's longest label, and any component's longest custom id.
const BUTTON_LABEL: usize = 80;
const CUSTOM_ID: usize = 100;
/// Embeds: how many, and their texts.
const EMBEDS: usize = 10;
const EMBED_TITLE: usize = 256;
const EMBED_DESCRIPTION: usize = 4096;
const EMBED_TOTAL: usize = 6000;
/// The longest nonce.
const NONCE: usize = 25;
/// Files per message.
const FILES: usize = 10;
/// A modal's longest title, and a text input's label, placeholder and value.
const MODAL_TITLE: usize = 45;
const INPUT_LABEL: usize = 45;
const PLACEHOLDER: usize = 100;
const INPUT_VALUE: usize = 4000;

/// Checks a message body (a channel message, a follow-up, an interaction's message response,
/// an edit) at `base` (`[]` for a message, `["data"]` inside a callback).
pub fn message(body: &Value, base: &[String], errors: &mut FormErrors, files: usize) {
    if let Some(content) = body.get("content").and_then(Value::as_str) {
        errors.length(&join(base, &["content"]), Some(content), 0, CONTENT);
    }
    components(body, base, errors);
    embeds(body, base, errors);
    if let Some(nonce) = body.get("nonce").and_then(Value::as_str) {
        errors.length(&join(base, &["nonce"]), Some(nonce), 0, NONCE);
    }
    if files > FILES {
        errors.bad_length(&join(base, &["attachments"]), 0, FILES);
    }
    mentions(body, base, errors);
}

/// Whether a message body has anything to show (content, components, embeds or files).
pub fn is_empty(body: &Value, files: usize) -> bool {
    let filled = |key: &str| match body.get(key) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        _ => false,
    };
    files == 0
        && !filled("content")
        && !filled("components")
        && !filled("embeds")
        && !filled("sticker_ids")
}

fn components(body: &Value, base: &[String], errors: &mut FormErrors) {
    let Some(rows) = body.get("components").and_then(Value::as_array) else {
        return;
    };
    if rows.len() > ROWS {
        errors.bad_length(&join(base, &["components"]), 0, ROWS);
    }
    for (r, row) in rows.iter().enumerate() {
        let at = join(base, &["components", &r.to_string()]);
        let inner = row["components"].as_array().cloned().unwrap_or_default();
        if row["type"] != 1 || inner.is_empty() || inner.len() > PER_ROW {
            errors.bad_length(&join(&at, &["components"]), 1, PER_ROW);
        }
        for (c, component) in inner.iter().enumerate() {
            let at = join(&at, &["components", &c.to_string()]);
            if component["type"] == 2 {
                button(component, &at, errors);
            }
        }
    }
}

fn button(button: &Value, at: &[String], errors: &mut FormErrors) {
    let style = button["style"].as_u64().unwrap_or(0);
    if !(1..=6).contains(&style) {
        errors.other(
            &join(at, &["style"]),
            "BASE_TYPE_CHOICES",
            "Value must be one of (1, 2, 3, 4, 5, 6).".into(),
        );
    }
    if let Some(label) = button["label"].as_str() {
        errors.length(&join(at, &["label"]), Some(label), 0, BUTTON_LABEL);
    }
    let custom_id = button["custom_id"].as_str();
    match style {
        5 => {
            if button["url"].as_str().is_none() {
                errors.other(
                    &join(at, &["url"]),
                    "BASE_TYPE_REQUIRED",
                    "This field is required".into(),
                );
            }
        }
        6 => {}
        _ => errors.length(&join(at, &["custom_id"]), custom_id, 1, CUSTOM_ID),
    }
}

fn embeds(body: &Value, base: &[String], errors: &mut FormErrors) {
    let Some(embeds) = body.get("embeds").and_then(Value::as_array) else {
        return;
    };
    if embeds.len() > EMBEDS {
        errors.bad_length(&join(base, &["embeds"]), 0, EMBEDS);
    }
    let mut total = 0;
    for (e, embed) in embeds.iter().enumerate() {
        let at = join(base, &["embeds", &e.to_string()]);
        let title = embed["title"].as_str();
        let description = embed["description"].as_str();
        errors.length(&join(&at, &["title"]), title, 0, EMBED_TITLE);
        errors.length(
            &join(&at, &["description"]),
            description,
            0,
            EMBED_DESCRIPTION,
        );
        total += title.map_or(0, |t| t.chars().count());
        total += description.map_or(0, |d| d.chars().count());
    }
    if total > EMBED_TOTAL {
        errors.other(
            &join(base, &["embeds"]),
            "MESSAGE_EMBED_LIMIT_EXCEEDED",
            format!("Embed size exceeds maximum size of {EMBED_TOTAL}"),
        );
    }
}

/// `allowed_mentions` may not both parse users and list them.
fn mentions(body: &Value, base: &[String], errors: &mut FormErrors) {
    let allowed = &body["allowed_mentions"];
    let parses = |kind: &str| {
        allowed["parse"]
            .as_array()
            .is_some_and(|p| p.iter().any(|v| v == kind))
    };
    let lists = |kind: &str| allowed[kind].as_array().is_some_and(|l| !l.is_empty());
    for kind in ["users", "roles"] {
        if parses(kind) && lists(kind) {
            errors.other(
                &join(base, &["allowed_mentions", "parse"]),
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                format!("parse:[\"{kind}\"] and {kind}: [ids...] are mutually exclusive."),
            );
        }
    }
}

/// Checks a modal (an interaction callback of type 9's `data`).
pub fn modal(data: &Value, errors: &mut FormErrors) {
    let base = path(&["data"]);
    errors.length(
        &join(&base, &["title"]),
        data["title"].as_str(),
        1,
        MODAL_TITLE,
    );
    errors.length(
        &join(&base, &["custom_id"]),
        data["custom_id"].as_str(),
        1,
        CUSTOM_ID,
    );
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    if rows.is_empty() || rows.len() > ROWS {
        errors.bad_length(&join(&base, &["components"]), 1, ROWS);
    }
    for (r, row) in rows.iter().enumerate() {
        let at = join(&base, &["components", &r.to_string(), "components"]);
        let inner = row["components"].as_array().cloned().unwrap_or_default();
        if row["type"] != 1 || inner.len() != 1 {
            errors.bad_length(&at, 1, 1);
        }
        for (c, input) in inner.iter().enumerate() {
            text_input(input, &join(&at, &[&c.to_string()]), errors);
        }
    }
}

fn text_input(input: &Value, at: &[String], errors: &mut FormErrors) {
    if input["type"] != 4 {
        errors.other(
            &join(at, &["type"]),
            "UNION_TYPE_CHOICES",
            "Value of field \"type\" must be one of (4,).".into(),
        );
        return;
    }
    errors.length(
        &join(at, &["label"]),
        input["label"].as_str(),
        1,
        INPUT_LABEL,
    );
    errors.length(
        &join(at, &["custom_id"]),
        input["custom_id"].as_str(),
        1,
        CUSTOM_ID,
    );
    let style = input["style"].as_u64().unwrap_or(0);
    if !(1..=2).contains(&style) {
        errors.other(
            &join(at, &["style"]),
            "BASE_TYPE_CHOICES",
            "Value must be one of (1, 2).".into(),
        );
    }
    let min = input["min_length"].as_u64();
    let max = input["max_length"].as_u64();
    if min.is_some_and(|m| m > INPUT_VALUE as u64) {
        errors.other(
            &join(at, &["min_length"]),
            "NUMBER_TYPE_MAX",
            format!("int value should be less than or equal to {INPUT_VALUE}."),
        );
    }
    if max.is_some_and(|m| m == 0 || m > INPUT_VALUE as u64) {
        errors.other(
            &join(at, &["max_length"]),
            "NUMBER_TYPE_MAX",
            format!("int value should be less than or equal to {INPUT_VALUE}."),
        );
    }
    let placeholder = input["placeholder"].as_str();
    errors.length(&join(at, &["placeholder"]), placeholder, 0, PLACEHOLDER);
    errors.length(
        &join(at, &["value"]),
        input["value"].as_str(),
        0,
        INPUT_VALUE,
    );
}

/// Checks an autocomplete answer (callback type 8): at most 25 choices, each name 1–100
/// characters and a string value of at most 100.
pub fn choices(data: &Value, errors: &mut FormErrors) {
    let choices = data["choices"].as_array().cloned().unwrap_or_default();
    if choices.len() > 25 {
        errors.bad_length(&path(&["data", "choices"]), 0, 25);
    }
    for (i, choice) in choices.iter().enumerate() {
        let at = path(&["data", "choices", &i.to_string()]);
        errors.length(&join(&at, &["name"]), choice["name"].as_str(), 1, 100);
        if let Some(value) = choice["value"].as_str() {
            errors.length(&join(&at, &["value"]), Some(value), 0, 100);
        }
    }
}
