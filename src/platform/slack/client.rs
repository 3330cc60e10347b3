//! The Slack Web API client: pointed at `slack.api_base_url` when set (an egress proxy, or the
//! tests' fake; plain `http://` allowed there), and Slack's errors as the sender's [`SendError`].

use std::sync::Arc;
use std::time::Duration;

use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::{SlackClientHyperConnector, SlackHyperClient};

use crate::service::messenger::SendError;

/// Slack's errors meaning the message can never be delivered to that person or channel.
const UNDELIVERABLE: [&str; 9] = [
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "user_not_found",
    "user_disabled",
    "cannot_dm_bot",
    "account_inactive",
    "restricted_action",
    "messages_tab_disabled",
];
/// How long to wait when a 429 names no Retry-After.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

/// A client for `api_base_url` (e.g. `https://slack.com/api`, the default when `None`).
pub fn client(api_base_url: Option<&url::Url>) -> anyhow::Result<Arc<SlackHyperClient>> {
    let builder = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| {
            anyhow::anyhow!("cannot load the system's TLS root certificates for Slack ({e}); install ca-certificates")
        })?;
    let https = builder
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .build();
    let mut connector = SlackClientHyperConnector::from(https);
    if let Some(base) = api_base_url {
        connector = connector.with_slack_api_url(base.as_str().trim_end_matches('/'));
    }
    Ok(Arc::new(slack_morphism::SlackClient::new(connector)))
}

/// A failed call as the sender reads it: rate limits wait, dead ends stop, the rest retries.
pub fn send_error(error: &SlackClientError) -> SendError {
    match error {
        SlackClientError::RateLimitError(limit) => SendError::RateLimited {
            retry_after: limit.retry_after.unwrap_or(DEFAULT_RETRY_AFTER),
        },
        SlackClientError::ApiError(api) if UNDELIVERABLE.contains(&api.code.as_str()) => {
            SendError::Undeliverable(api.code.clone())
        }
        other => SendError::Failed(other.to_string()),
    }
}
