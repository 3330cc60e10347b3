//! Reading a request body as Discord does: JSON, or a multipart upload whose `payload_json` is
//! the message, with the uploaded files listed under `_files` (`filename`, `size`, whether it is
//! a PNG, and the text of a text file).

use serde_json::{Value, json};

/// The body of a request with content type `content_type`.
pub fn body(content_type: &str, bytes: &[u8]) -> Value {
    match content_type.split_once("boundary=") {
        Some((kind, boundary)) if kind.starts_with("multipart/form-data") => {
            multipart(bytes, boundary.trim_matches('"'))
        }
        _ => serde_json::from_slice(bytes).unwrap_or(Value::Null),
    }
}

/// How many files a body read by [`body`] carries.
pub fn files(body: &Value) -> usize {
    body["_files"].as_array().map_or(0, Vec::len)
}

fn multipart(bytes: &[u8], boundary: &str) -> Value {
    let delimiter = format!("--{boundary}");
    let mut payload = Value::Null;
    let mut files = Vec::new();
    for part in split(bytes, delimiter.as_bytes()).into_iter().skip(1) {
        let Some(at) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..at]).to_string();
        let mut content = &part[at + 4..];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        let field = |key: &str| {
            let start = headers.find(&format!("{key}=\""))? + key.len() + 2;
            let end = headers[start..].find('"')? + start;
            Some(headers[start..end].to_string())
        };
        if field("name").as_deref() == Some("payload_json") {
            payload = serde_json::from_slice(content).unwrap_or(Value::Null);
        } else if let Some(filename) = field("filename") {
            files.push(json!({
                "name": field("name"),
                "filename": filename,
                "size": content.len(),
                "png": content.starts_with(b"\x89PNG\r\n\x1a\n"),
                "text": String::from_utf8(content.to_vec()).ok(),
            }));
        }
    }
    if !payload.is_object() {
        payload = json!({});
    }
    payload["_files"] = Value::Array(files);
    payload
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut bytes: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = find(bytes, delimiter) {
        parts.push(&bytes[..at]);
        bytes = &bytes[at + delimiter.len()..];
    }
    parts.push(bytes);
    parts
}
