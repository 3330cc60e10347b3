//! `hoego check-config`: the effective configuration, one `key = value  # source` line each.

use toml::Value;

use crate::config::{Layers, SECRET_KEYS, Source, mask_url};

/// The effective configuration, one `key = value  # source` line each, secrets masked.
pub fn describe(layers: &Layers) -> String {
    let mut out = String::new();
    for (key, value, source) in layers.iter() {
        let shown = if SECRET_KEYS.contains(&key) {
            match value.as_str() {
                Some("") | None => "\"\"  (not set)".to_string(),
                Some(_) => "\"********\"".to_string(),
            }
        } else if key == "database.url" {
            Value::String(mask_url(value.as_str().unwrap_or_default())).to_string()
        } else {
            value.to_string()
        };
        let from = match source {
            Source::Default => String::new(),
            other => format!("  # from {other}"),
        };
        out.push_str(&format!("{key} = {shown}{from}\n"));
    }
    out
}
