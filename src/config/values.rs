//! Value kinds: checking a file's value against the default's kind, and reading environment
//! strings as the kind the default has.

use toml::Value;

/// The forms a list takes in the environment.
const LIST_FORMS: &str = "a list: comma-separated (U1,U2 or 42,43), or as TOML or JSON ([\"U1\", \"U2\"], [42], [] for none)";

/// A list from the environment: `[…]` read as a TOML (or JSON) array of strings and numbers,
/// anything else as comma-separated items; `None` when a bracketed list does not parse.
fn list(raw: &str) -> Option<Value> {
    if !raw.starts_with('[') {
        let items = raw
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.to_string()));
        return Some(Value::Array(items.collect()));
    }
    let table: toml::Table = toml::from_str(&format!("list = {raw}")).ok()?;
    let Value::Array(items) = table.get("list")? else {
        return None;
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Some(Value::String(s.trim().to_string())),
            Value::Integer(n) => Some(Value::String(n.to_string())),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Array)
}

/// Whether `value` has the same TOML kind as `default`.
pub(super) fn same_kind(default: &Value, value: &Value) -> bool {
    std::mem::discriminant(default) == std::mem::discriminant(value)
}

/// The kind of a value, as said to a person.
pub(super) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list (in the environment: comma-separated, or [\"U1\", \"U2\"])",
        Value::Table(_) => "a section",
    }
}

/// Reads an environment string as the kind of `default`; on failure returns what is accepted.
pub(super) fn coerce_env(default: &Value, raw: &str) -> Result<Value, String> {
    let raw = raw.trim();
    match default {
        Value::Integer(_) => raw
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| kind_name(default).to_string()),
        Value::Boolean(_) => match raw.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(Value::Boolean(true)),
            "false" | "0" | "no" => Ok(Value::Boolean(false)),
            _ => Err(kind_name(default).to_string()),
        },
        Value::Array(_) => list(raw).ok_or_else(|| LIST_FORMS.to_string()),
        _ => Ok(Value::String(raw.to_string())),
    }
}
