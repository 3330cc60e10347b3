//! Configuration: built-in defaults, then an optional file, then the environment, turned into
//! typed [`Settings`]. Every bad value is reported with its key, where it came from and what is
//! accepted.

mod database_url;
mod error;
mod layers;
mod read;
mod reference;
mod settings;
mod summary;
mod values;

pub use database_url::mask as mask_url;
pub use error::{ConfigError, Source};
pub use layers::{Layers, LoadOptions};
pub use reference::reference_table;
pub use settings::{
    DatabaseSettings, DatabaseUrl, DiscordSettings, HttpSettings, ImportSettings, LogFormat,
    LogSettings, SchedulerSettings, SenderSettings, Settings, SlackSettings, SummarySettings,
    TeamSettings,
};

/// The built-in defaults: every key hoego knows, with a comment each.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

/// Keys whose values are secrets: read only from the environment or the secrets file, and
/// never printed.
pub const SECRET_KEYS: [&str; 5] = [
    "discord.token",
    "summary.api_key",
    "slack.bot_token",
    "slack.app_token",
    "slack.signing_secret",
];

/// Loads the settings from the defaults, the optional files and the given environment.
pub fn load(options: &LoadOptions) -> Result<(Settings, Layers), ConfigError> {
    let layers = Layers::load(options)?;
    let settings = Settings::from_layers(&layers)?;
    Ok((settings, layers))
}
