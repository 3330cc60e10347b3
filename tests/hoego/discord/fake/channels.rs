//! Channels and their messages: the guild's text channels, DM channels (opened with
//! `POST /users/@me/channels`, or existing from before as a test declares), threads; a message
//! to any other channel is 404 10003. A message is checked against Discord's limits, and a
//! retried send with the same `nonce` and `enforce_nonce` within a few minutes gets the first
//! message back instead of a second post. A channel's recent messages can be read back
//! (`GET /channels/{id}/messages`, pages with `before`), without their nonces, as Discord keeps
//! none; the threads opened are listed as the guild's active threads.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::errors::{self, FormErrors, Refusal};
use super::limits;

/// The guild's text channels the tests use (a schedule's channel, a digest channel).
pub const GUILD_CHANNELS: [&str; 2] = ["5000", "5100"];
/// The guild they are in.
const GUILD: &str = "8000";
/// How long Discord remembers an enforced nonce ("a few minutes").
const NONCE_MEMORY: Duration = Duration::from_secs(5 * 60);

/// The channels that exist and the messages posted.
#[derive(Debug, Default)]
pub struct Channels {
    known: HashSet<String>,
    dms: HashSet<String>,
    nonces: HashMap<(String, String), (Value, Instant)>,
    /// How long an enforced nonce is remembered (Discord: "a few minutes").
    pub nonce_memory: Option<Duration>,
    /// Messages actually created, by channel (a deduplicated retry adds none).
    pub created: HashMap<String, usize>,
    /// The messages of each channel, oldest first.
    posted: HashMap<String, Vec<Value>>,
    /// The threads opened, oldest first.
    threads: Vec<Value>,
}

/// The DM channel id of a user in this fake.
pub fn dm_channel(user: &str) -> String {
    format!("7{user}")
}

impl Channels {
    /// The guild's channels, no DMs yet.
    pub fn new() -> Channels {
        Channels {
            known: GUILD_CHANNELS.iter().map(|c| c.to_string()).collect(),
            ..Channels::default()
        }
    }

    /// Declares a text channel of the guild.
    pub fn add_guild_channel(&mut self, channel: &str) {
        self.known.insert(channel.to_string());
    }

    /// Declares the DM channel with `user` as existing (opened in an earlier run).
    pub fn existing_dm(&mut self, user: &str) {
        let channel = dm_channel(user);
        self.dms.insert(channel.clone());
        self.known.insert(channel);
    }

    /// `POST /users/@me/channels`: the DM channel with the recipient.
    pub fn open_dm(&mut self, body: &Value) -> Result<Value, Refusal> {
        let Some(recipient) = body["recipient_id"].as_str().filter(|r| !r.is_empty()) else {
            let mut errors = FormErrors::default();
            errors.other(
                &errors::path(&["recipient_id"]),
                "BASE_TYPE_REQUIRED",
                "This field is required".into(),
            );
            return Err(errors.into_result().unwrap_err());
        };
        self.existing_dm(recipient);
        Ok(json!({"id": dm_channel(recipient), "type": 1,
                  "recipients": [{"id": recipient, "username": "member"}]}))
    }

    /// `POST /channels/{id}/threads`: a public thread in a guild channel.
    pub fn open_thread(
        &mut self,
        channel: &str,
        id: String,
        body: &Value,
    ) -> Result<Value, Refusal> {
        if !self.known.contains(channel) {
            return Err(errors::unknown_channel());
        }
        let mut errors = FormErrors::default();
        errors.length(&errors::path(&["name"]), body["name"].as_str(), 1, 100);
        errors.into_result()?;
        self.known.insert(id.clone());
        let thread = json!({"id": id, "type": 11, "parent_id": channel, "guild_id": GUILD,
                            "name": body["name"].clone()});
        self.threads.push(thread.clone());
        Ok(thread)
    }

    /// `POST /channels/{id}/messages`: the created message, or the one an enforced nonce
    /// already created.
    pub fn post(
        &mut self,
        channel: &str,
        body: &Value,
        files: usize,
        create: impl FnOnce() -> Value,
    ) -> Result<Value, Refusal> {
        if !self.known.contains(channel) {
            return Err(errors::unknown_channel());
        }
        if limits::is_empty(body, files) {
            return Err(errors::empty_message());
        }
        let mut errors = FormErrors::default();
        limits::message(body, &[], &mut errors, files);
        errors.into_result()?;
        let nonce = body["nonce"].as_str().map(str::to_string);
        let enforced = body["enforce_nonce"].as_bool().unwrap_or(false);
        let key = nonce.filter(|_| enforced).map(|n| (channel.to_string(), n));
        let memory = self.nonce_memory.unwrap_or(NONCE_MEMORY);
        if let Some((message, at)) = key.as_ref().and_then(|k| self.nonces.get(k))
            && at.elapsed() < memory
        {
            return Ok(message.clone());
        }
        let message = create();
        *self.created.entry(channel.to_string()).or_default() += 1;
        let mut kept = message.clone();
        if let Some(fields) = kept.as_object_mut() {
            fields.remove("nonce");
        }
        self.posted
            .entry(channel.to_string())
            .or_default()
            .push(kept);
        if let Some(key) = key {
            self.nonces.insert(key, (message.clone(), Instant::now()));
        }
        Ok(message)
    }
}

impl Channels {
    /// `GET /guilds/{id}/threads/active`: the threads opened in `guild`, newest first (none
    /// is archived in a test's time).
    pub fn active_threads(&self, guild: &str) -> Value {
        let threads: Vec<Value> = self
            .threads
            .iter()
            .rev()
            .filter(|t| t["guild_id"] == guild)
            .cloned()
            .collect();
        json!({"threads": threads, "members": []})
    }

    /// `GET /channels/{id}` for a guild channel or thread of this fake's own (the servers the
    /// tests declare describe theirs); `None` for any other.
    pub fn describe(&self, channel: &str) -> Option<Value> {
        if let Some(thread) = self.threads.iter().find(|t| t["id"] == channel) {
            return Some(thread.clone());
        }
        GUILD_CHANNELS.contains(&channel).then(|| {
            json!({"id": channel, "type": 0, "guild_id": GUILD, "name": "retro", "position": 0,
                   "nsfw": false, "permission_overwrites": []})
        })
    }

    /// `GET /channels/{id}/messages?limit=&before=`: the channel's latest messages (older than
    /// the message `before` when given), newest first (`limit` 1–100, 50 when not given).
    pub fn recent(&self, channel: &str, query: &str) -> Result<Value, Refusal> {
        if !self.known.contains(channel) {
            return Err(errors::unknown_channel());
        }
        let field = |key: &str| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        };
        let limit = field("limit").map_or(Ok(50), str::parse::<usize>);
        let limit = match limit {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                let mut errors = FormErrors::default();
                errors.other(
                    &errors::path(&["limit"]),
                    "NUMBER_TYPE_MAX",
                    "int value should be between 1 and 100.".into(),
                );
                return Err(errors.into_result().unwrap_err());
            }
        };
        let messages = self.posted.get(channel).map(Vec::as_slice).unwrap_or(&[]);
        let older = |m: &&Value| match field("before") {
            Some(before) => snowflake(&m["id"]) < snowflake(&Value::from(before)),
            None => true,
        };
        Ok(Value::Array(
            messages
                .iter()
                .rev()
                .filter(older)
                .take(limit)
                .cloned()
                .collect(),
        ))
    }
}

/// A snowflake id as a number (ids compare by age).
fn snowflake(id: &Value) -> u64 {
    id.as_str().and_then(|s| s.parse().ok()).unwrap_or(0)
}
