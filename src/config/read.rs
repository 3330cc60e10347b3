//! Typed reads of single keys, turning every failure into a [`ConfigError`] that names the key,
//! its source and what is accepted.

use std::net::SocketAddr;

use secrecy::SecretString;
use toml::Value;
use url::Url;

use super::{ConfigError, Layers};

/// Reads typed values out of [`Layers`].
pub(super) struct Reader<'a> {
    layers: &'a Layers,
}

impl<'a> Reader<'a> {
    pub(super) fn new(layers: &'a Layers) -> Self {
        Reader { layers }
    }

    pub(super) fn fail(&self, key: &str, problem: String, accepted: &str) -> ConfigError {
        let (_, source) = self.layers.get(key);
        ConfigError::BadValue {
            key: key.to_string(),
            origin: source.clone(),
            problem,
            accepted: accepted.to_string(),
        }
    }

    pub(super) fn string(&self, key: &str) -> Result<String, ConfigError> {
        match self.layers.get(key).0 {
            Value::String(s) => Ok(s.clone()),
            other => Err(self.fail(key, format!("found {other}"), "a string")),
        }
    }

    pub(super) fn int(&self, key: &str, min: i64, max: i64) -> Result<u64, ConfigError> {
        let accepted = format!("a whole number from {min} to {max}");
        match self.layers.get(key).0 {
            Value::Integer(n) if (min..=max).contains(n) => Ok(*n as u64),
            other => Err(self.fail(key, format!("{other} is out of range"), &accepted)),
        }
    }

    pub(super) fn bool(&self, key: &str) -> Result<bool, ConfigError> {
        match self.layers.get(key).0 {
            Value::Boolean(b) => Ok(*b),
            other => Err(self.fail(key, format!("found {other}"), "true or false")),
        }
    }

    /// One of a fixed set of words.
    pub(super) fn choice<T: Copy>(
        &self,
        key: &str,
        options: &[(&str, T)],
    ) -> Result<T, ConfigError> {
        let raw = self.string(key)?;
        let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
        options
            .iter()
            .find(|(word, _)| word.eq_ignore_ascii_case(raw.trim()))
            .map(|(_, value)| *value)
            .ok_or_else(|| {
                self.fail(
                    key,
                    format!("{raw:?} is not an option"),
                    &words.join(" or "),
                )
            })
    }

    /// A string parsed by `parse`, which returns (problem, accepted) on failure.
    pub(super) fn parse<T>(
        &self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, (String, String)>,
    ) -> Result<T, ConfigError> {
        let raw = self.string(key)?;
        parse(&raw).map_err(|(problem, accepted)| self.fail(key, problem, &accepted))
    }

    pub(super) fn socket_addr(&self, key: &str) -> Result<SocketAddr, ConfigError> {
        self.parse(key, |s| {
            s.trim().parse().map_err(|_| {
                (
                    format!("{s:?} is not an address"),
                    "IP:PORT such as 127.0.0.1:9187".into(),
                )
            })
        })
    }

    pub(super) fn optional_socket_addr(
        &self,
        key: &str,
    ) -> Result<Option<SocketAddr>, ConfigError> {
        if self.string(key)?.trim().is_empty() {
            return Ok(None);
        }
        self.socket_addr(key).map(Some)
    }

    pub(super) fn optional_url(&self, key: &str) -> Result<Option<Url>, ConfigError> {
        let raw = self.string(key)?;
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let accepted = "an http:// or https:// URL such as http://127.0.0.1:8080";
        match Url::parse(raw.trim()) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Some(url)),
            Ok(url) => Err(self.fail(
                key,
                format!("scheme {:?} is not supported", url.scheme()),
                accepted,
            )),
            Err(e) => Err(self.fail(key, format!("{raw:?} is not a URL ({e})"), accepted)),
        }
    }

    /// A secret: `None` when empty. The value itself never appears in an error.
    pub(super) fn secret(&self, key: &str) -> Result<Option<SecretString>, ConfigError> {
        let raw = self.string(key)?;
        let trimmed = raw.trim();
        Ok((!trimmed.is_empty()).then(|| SecretString::from(trimmed.to_string())))
    }

    pub(super) fn string_list(&self, key: &str) -> Result<Vec<String>, ConfigError> {
        match self.layers.get(key).0 {
            Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.trim().to_string()),
                    Value::Integer(n) => Ok(n.to_string()),
                    other => {
                        Err(self.fail(key, format!("item {other} is not text"), "a list of ids"))
                    }
                })
                .collect(),
            other => Err(self.fail(key, format!("found {other}"), "a list")),
        }
    }

    pub(super) fn id_list(&self, key: &str) -> Result<Vec<u64>, ConfigError> {
        self.string_list(key)?
            .into_iter()
            .map(|s| {
                s.parse::<u64>().map_err(|_| {
                    self.fail(
                        key,
                        format!("{s:?} is not a numeric id"),
                        "numeric ids such as 123456789012345678, as 42,43 or [42, 43] ([] for none)",
                    )
                })
            })
            .collect()
    }

    /// The shard ids this process runs, as (first, last): `None` for all of them; otherwise
    /// consecutive ids below `count` (which must then be set).
    pub(super) fn shard_range(
        &self,
        key: &str,
        count: u32,
    ) -> Result<Option<(u32, u32)>, ConfigError> {
        let mut ids = self.id_list(key)?;
        if ids.is_empty() {
            return Ok(None);
        }
        ids.sort_unstable();
        ids.dedup();
        let (first, last) = (ids[0], ids[ids.len() - 1]);
        let consecutive = (last - first + 1) as usize == ids.len();
        if count == 0 || last >= u64::from(count) || !consecutive {
            return Err(self.fail(
                key,
                format!("{ids:?} is not a run of consecutive shard ids below shard_count = {count}"),
                "consecutive ids below discord.shard_count, e.g. [0, 1] with shard_count = 4; [] for all",
            ));
        }
        Ok(Some((first as u32, last as u32)))
    }
}
