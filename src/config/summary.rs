//! The optional written summary's settings: the OpenAI-compatible endpoint and its bounds.

use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::ConfigError;
use super::read::Reader;

/// The OpenAI-compatible endpoint summaries are asked of, and its bounds.
#[derive(Debug, Clone)]
pub struct SummarySettings {
    /// The API base (`…/v1`); `None` when summaries are off.
    pub base_url: Option<Url>,
    /// The model name.
    pub model: String,
    /// The API key, sent as a Bearer token; `None` for a server that needs none.
    pub api_key: Option<SecretString>,
    /// How long a recap waits for its summary, retries included.
    pub timeout: Duration,
    /// Most characters of answer text in one request.
    pub max_request_chars: usize,
    /// Summaries one team may have written in an hour.
    pub per_team_per_hour: usize,
}

pub(super) fn summary_settings(r: &Reader) -> Result<SummarySettings, ConfigError> {
    let base_url = r.optional_url("summary.base_url")?;
    let model = r.string("summary.model")?.trim().to_string();
    if base_url.is_some() && model.is_empty() {
        return Err(r.fail(
            "summary.model",
            "summary.base_url is set but no model is named".into(),
            "the model name the endpoint serves, e.g. gpt-4o-mini or llama3.1:8b",
        ));
    }
    Ok(SummarySettings {
        base_url,
        model,
        api_key: r.secret("summary.api_key")?,
        timeout: Duration::from_secs(r.int("summary.timeout_secs", 1, 600)?),
        max_request_chars: r.int("summary.max_request_chars", 200, 1_000_000)? as usize,
        per_team_per_hour: r.int("summary.per_team_per_hour", 1, 100_000)? as usize,
    })
}
