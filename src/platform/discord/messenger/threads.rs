//! A round's thread in a schedule's channel: kept once known, looked for among the server's
//! active threads first (an earlier process may have opened it: a restart must not open a
//! second thread for the same round), opened on first use otherwise.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::json;

use super::{DiscordMessenger, PUBLIC_THREAD, THREAD_NAME, answer, id_of};
use crate::service::messenger::{Pace, SendError};

/// The server of each channel, once asked.
#[derive(Default)]
pub(super) struct Guilds(Mutex<HashMap<String, String>>);

impl DiscordMessenger {
    /// The thread titled `title` in `channel`, kept once known: one an earlier process opened
    /// (among the server's active threads), else opened now. A look-up that fails for another
    /// reason than a rate limit opens a new thread rather than hold the prompt back.
    pub(super) async fn thread(
        &self,
        channel: &str,
        title: &str,
        pace: &dyn Pace,
    ) -> Result<String, SendError> {
        let key = (channel.to_string(), title.to_string());
        if let Some(thread) = self.threads.lock().expect("threads").get(&key) {
            return Ok(thread.clone());
        }
        let opened = match self.threads_named(channel, title, pace).await {
            Ok(named) => named.into_iter().next(),
            Err(limited @ SendError::RateLimited { .. }) => return Err(limited),
            Err(error) => {
                tracing::warn!(%error, channel, "cannot look for the round's thread; opening one");
                None
            }
        };
        if let Some(thread) = opened {
            let mut threads = self.threads.lock().expect("threads");
            return Ok(threads.entry(key).or_insert(thread).clone());
        }
        pace.request(None).await;
        let name: String = title.chars().take(THREAD_NAME).collect();
        let body = json!({ "name": name, "type": PUBLIC_THREAD, "auto_archive_duration": 1440 });
        let thread = id_of(
            &self
                .post(&format!("/channels/{channel}/threads"), &body)
                .await?,
        )?;
        self.threads
            .lock()
            .expect("threads")
            .insert(key, thread.clone());
        Ok(thread)
    }

    /// The active threads of `channel` named `title`, newest first: a thread an earlier process
    /// opened for the round.
    pub(super) async fn threads_named(
        &self,
        channel: &str,
        title: &str,
        pace: &dyn Pace,
    ) -> Result<Vec<String>, SendError> {
        let guild = self.guild_of(channel, pace).await?;
        pace.request(None).await;
        let active = answer(self.get(&format!("/guilds/{guild}/threads/active"))).await?;
        let name: String = title.chars().take(THREAD_NAME).collect();
        let mut named: Vec<(u64, String)> = active["threads"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| t["parent_id"] == channel && t["name"] == name.as_str())
            .filter_map(|t| t["id"].as_str().map(str::to_string))
            .map(|id| (id.parse().unwrap_or(0), id))
            .collect();
        named.sort_unstable_by(|a, b| b.cmp(a));
        Ok(named.into_iter().map(|(_, id)| id).collect())
    }

    /// The server `channel` is in (asked once per channel).
    async fn guild_of(&self, channel: &str, pace: &dyn Pace) -> Result<String, SendError> {
        if let Some(guild) = self.guilds.0.lock().expect("guilds").get(channel) {
            return Ok(guild.clone());
        }
        pace.request(None).await;
        let described = answer(self.get(&format!("/channels/{channel}"))).await?;
        let guild = described["guild_id"]
            .as_str()
            .ok_or_else(|| SendError::Failed(format!("channel {channel} is in no server")))?
            .to_string();
        let mut guilds = self.guilds.0.lock().expect("guilds");
        guilds.insert(channel.to_string(), guild.clone());
        Ok(guild)
    }
}
