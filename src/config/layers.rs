//! Reads the configuration layers — defaults, file, secrets file, environment — into one map of
//! `section.key` to value, remembering where each value came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Value;

use super::values::{coerce_env, kind_name, same_kind};
use super::{ConfigError, DEFAULT_TOML, SECRET_KEYS, Source};

/// What to load besides the built-in defaults.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The configuration file (`--config PATH`, else `HOEGO_CONFIG`).
    pub config_file: Option<PathBuf>,
    /// The secrets file (`HOEGO_SECRETS_FILE`).
    pub secrets_file: Option<PathBuf>,
    /// The environment, as `(name, value)` pairs; only `HOEGO_<SECTION>__<KEY>` names are read.
    pub env: Vec<(String, String)>,
}

impl LoadOptions {
    /// Options from the process environment, with an explicit `--config` taking precedence.
    pub fn from_process(config_flag: Option<PathBuf>) -> Self {
        let env: Vec<(String, String)> = std::env::vars().collect();
        let lookup = |name: &str| {
            env.iter()
                .find(|(k, v)| k == name && !v.is_empty())
                .map(|(_, v)| PathBuf::from(v))
        };
        LoadOptions {
            config_file: config_flag.or_else(|| lookup("HOEGO_CONFIG")),
            secrets_file: lookup("HOEGO_SECRETS_FILE"),
            env,
        }
    }
}

/// Every configuration value with the layer it came from.
#[derive(Debug, Clone)]
pub struct Layers {
    values: BTreeMap<String, (Value, Source)>,
}

impl Layers {
    /// Loads defaults, then the file, the secrets file and the environment, checking every key.
    pub fn load(options: &LoadOptions) -> Result<Layers, ConfigError> {
        let defaults = toml::from_str::<toml::Table>(DEFAULT_TOML).expect("default.toml is valid");
        let mut layers = Layers {
            values: BTreeMap::new(),
        };
        for (key, value) in flatten(&defaults) {
            layers.values.insert(key, (value, Source::Default));
        }
        if let Some(path) = &options.config_file {
            let source = Source::File(path.clone());
            for (key, value) in read_file(path, &source)? {
                layers.set(key, value, source.clone(), false)?;
            }
        }
        if let Some(path) = &options.secrets_file {
            let source = Source::SecretsFile(path.clone());
            for (key, value) in read_file(path, &source)? {
                layers.set(key, value, source.clone(), true)?;
            }
        }
        for (name, raw) in &options.env {
            if let Some(key) = env_key(name) {
                layers.set_from_env(key, name, raw)?;
            }
        }
        Ok(layers)
    }

    /// The value of `key` and where it came from. Panics on a key missing from the defaults,
    /// which is a programming error caught by tests.
    pub fn get(&self, key: &str) -> (&Value, &Source) {
        let (value, source) = self
            .values
            .get(key)
            .unwrap_or_else(|| panic!("`{key}` is missing from config/default.toml"));
        (value, source)
    }

    /// Every key in order, with its value and source.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value, &Source)> {
        self.values.iter().map(|(k, (v, s))| (k.as_str(), v, s))
    }

    fn set(
        &mut self,
        key: String,
        value: Value,
        source: Source,
        secrets_only: bool,
    ) -> Result<(), ConfigError> {
        let Some((default, _)) = self.values.get(&key) else {
            return Err(self.unknown(key, source));
        };
        let is_secret = SECRET_KEYS.contains(&key.as_str());
        if secrets_only && !is_secret {
            return Err(bad(
                &key,
                source,
                "only secrets belong in the secrets file",
                "move it to the configuration file",
            ));
        }
        if is_secret && !secrets_only && value.as_str().is_some_and(|s| !s.is_empty()) {
            let env = format!("HOEGO_{}", key.to_uppercase().replace('.', "__"));
            return Err(bad(
                &key,
                source,
                "secrets are not read from the configuration file",
                &format!(
                    "the environment variable {env} or the secrets file named by HOEGO_SECRETS_FILE"
                ),
            ));
        }
        if !same_kind(default, &value) {
            let problem = format!(
                "expected {}, found {}",
                kind_name(default),
                kind_name(&value)
            );
            return Err(bad(&key, source, &problem, kind_name(default)));
        }
        self.values.insert(key, (value, source));
        Ok(())
    }

    fn set_from_env(&mut self, key: String, name: &str, raw: &str) -> Result<(), ConfigError> {
        let source = Source::Env(name.to_string());
        let Some((default, _)) = self.values.get(&key) else {
            return Err(self.unknown(key, source));
        };
        let value = coerce_env(default, raw).map_err(|accepted| {
            let problem = if SECRET_KEYS.contains(&key.as_str()) {
                "the value has the wrong form".to_string()
            } else {
                format!("{raw:?} is not {accepted}")
            };
            bad(&key, source.clone(), &problem, &accepted)
        })?;
        self.values.insert(key, (value, source));
        Ok(())
    }

    fn unknown(&self, key: String, source: Source) -> ConfigError {
        let nearest = self
            .values
            .keys()
            .min_by_key(|known| strsim_distance(known, &key))
            .filter(|known| strsim_distance(known, &key) <= 3);
        let hint = nearest
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        ConfigError::UnknownKey {
            key,
            origin: source,
            hint,
        }
    }
}

fn bad(key: &str, source: Source, problem: &str, accepted: &str) -> ConfigError {
    ConfigError::BadValue {
        key: key.to_string(),
        origin: source,
        problem: problem.to_string(),
        accepted: accepted.to_string(),
    }
}

/// `HOEGO_DATABASE__URL` → `database.url`; other names are not configuration keys.
fn env_key(name: &str) -> Option<String> {
    let rest = name.strip_prefix("HOEGO_")?;
    let (section, key) = rest.split_once("__")?;
    Some(format!("{}.{}", section.to_lowercase(), key.to_lowercase()))
}

fn read_file(path: &Path, source: &Source) -> Result<Vec<(String, Value)>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
        origin: source.clone(),
        problem: e.to_string(),
    })?;
    let table = toml::from_str::<toml::Table>(&text).map_err(|e| ConfigError::Unreadable {
        origin: source.clone(),
        problem: describe_toml_error(&text, &e),
    })?;
    let mut pairs = Vec::new();
    for (section, inner) in &table {
        match inner.as_table() {
            Some(inner) => pairs.extend(flatten_section(section, inner)),
            None => pairs.push((section.clone(), inner.clone())),
        }
    }
    Ok(pairs)
}

fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let line = error
        .span()
        .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
    let message = error.message().trim();
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message.to_string(),
    }
}

fn flatten(table: &toml::Table) -> Vec<(String, Value)> {
    table
        .iter()
        .filter_map(|(section, inner)| inner.as_table().map(|t| flatten_section(section, t)))
        .flatten()
        .collect()
}

fn flatten_section(section: &str, table: &toml::Table) -> Vec<(String, Value)> {
    table
        .iter()
        .map(|(key, value)| (format!("{section}.{key}"), value.clone()))
        .collect()
}

/// Levenshtein distance, for "did you mean" hints.
pub(crate) fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}
