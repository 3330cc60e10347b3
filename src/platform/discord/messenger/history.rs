//! Finding a prompt an earlier attempt already posted in a member's DM: Discord's nonce
//! deduplicates a resend only for a few minutes, so a takeover reads the DM's latest messages and
//! looks for the prompt by its buttons (their custom ids carry the delivery), which Discord keeps
//! for as long as the message. Thread prompts are not looked up: after a restart their thread is
//! not known without opening a new one.

use serde_json::Value;

use super::{DiscordMessenger, answer, id_of, nonce};
use crate::platform::discord::render;
use crate::service::messenger::{Destination, Outgoing, Pace, SendError, Sent};

/// How many of the DM's latest messages are read (Discord allows up to 100).
const RECENT: usize = 50;

impl DiscordMessenger {
    /// The message posted for `message` in the member's DM, if there is one.
    pub(super) async fn find_in_dm(
        &self,
        message: &Outgoing,
        pace: &dyn Pace,
    ) -> Result<Option<Sent>, SendError> {
        if !matches!(message.to, Destination::Direct { .. }) {
            return Ok(None);
        }
        let key = nonce(&message.idempotency_key);
        let (create, _) = render::channel_message(&message.reply, &key, message.mention.as_deref());
        let body = serde_json::to_value(&create)
            .map_err(|e| SendError::Failed(format!("cannot encode the message: {e}")))?;
        let Some(marker) = custom_ids(&body).into_iter().next() else {
            return Ok(None);
        };
        let channel = self.channel_for(&message.to, pace).await?;
        pace.request(None).await;
        let path = format!("/channels/{channel}/messages?limit={RECENT}");
        let recent = answer(self.get(&path)).await?;
        let found = recent
            .as_array()
            .into_iter()
            .flatten()
            .find(|posted| custom_ids(posted).contains(&marker));
        found
            .map(|posted| {
                Ok(Sent {
                    channel_id: channel.clone(),
                    message_id: id_of(posted)?,
                })
            })
            .transpose()
    }

    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}/api/v10{path}", self.base))
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
    }
}

/// The custom ids of a message's buttons, in order.
fn custom_ids(message: &Value) -> Vec<String> {
    let rows = message["components"].as_array().into_iter().flatten();
    rows.flat_map(|row| row["components"].as_array().into_iter().flatten())
        .filter_map(|component| component["custom_id"].as_str().map(str::to_string))
        .collect()
}
