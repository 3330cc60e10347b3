//! The configuration reference table in the README, generated from `config/default.toml` so the
//! two cannot drift apart (a test compares them).

use super::{DEFAULT_TOML, SECRET_KEYS};

/// A Markdown table: key, environment variable, default, and the comment above the key.
pub fn reference_table() -> String {
    let mut out = String::from(
        "| key | environment variable | default | what it does |\n|---|---|---|---|\n",
    );
    let mut section = String::new();
    let mut comment = Vec::new();
    for line in DEFAULT_TOML.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
            comment.clear();
        } else if let Some(text) = line.strip_prefix('#') {
            comment.push(text.trim().to_string());
        } else if let Some((key, default)) = line.split_once(" = ") {
            let full = format!("{section}.{key}");
            let env = format!("HOEGO_{}__{}", section.to_uppercase(), key.to_uppercase());
            let default = if SECRET_KEYS.contains(&full.as_str()) {
                "(secret)".to_string()
            } else {
                format!("`{default}`")
            };
            let what = comment.join(" ").replace('|', "\\|");
            out.push_str(&format!("| `{full}` | `{env}` | {default} | {what} |\n"));
            comment.clear();
        } else {
            comment.clear();
        }
    }
    out
}
