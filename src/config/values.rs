//! Value kinds: checking a file's value against the default's kind, and reading environment
//! strings as the kind the default has.

use toml::Value;

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
        Value::Array(_) => "a list (in the environment: comma-separated)",
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
        Value::Array(_) => Ok(Value::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )),
        _ => Ok(Value::String(raw.to_string())),
    }
}
