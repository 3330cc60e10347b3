//! Logging: human-readable or JSON lines, filtered by `log.filter` or `RUST_LOG`. The filter
//! decides at each call site whether a span or event exists at all, so what it leaves out costs
//! nothing: not recorded, not formatted.

use tracing_subscriber::EnvFilter;

/// `log.filter`'s default: hoego's own information, and only warnings and errors from the
/// libraries (serenity marks every HTTP request and gateway event as an INFO span, and would
/// have each request body formatted for nothing).
pub const DEFAULT_FILTER: &str = "warn,hoego=info";

use crate::config::{LogFormat, LogSettings};

/// Installs the global subscriber; a second call (as in tests) leaves the first in place.
pub fn init(settings: &LogSettings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match settings.format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

#[cfg(test)]
mod tests {
    use tracing::Level;
    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    #[test]
    fn the_default_filter_leaves_library_internals_out_and_keeps_hoegos_own_information() {
        let filter = EnvFilter::try_new(DEFAULT_FILTER).unwrap();
        let subscriber = tracing_subscriber::registry().with(filter);
        tracing::subscriber::with_default(subscriber, || {
            assert!(!tracing::enabled!(target: "serenity::http::client", Level::INFO));
            assert!(!tracing::enabled!(target: "serenity::gateway::shard", Level::INFO));
            assert!(!tracing::enabled!(target: "poise::dispatch", Level::INFO));
            assert!(!tracing::enabled!(target: "slack_morphism::socket_mode", Level::INFO));
            assert!(!tracing::enabled!(target: "hyper_util::client", Level::INFO));
            assert!(!tracing::enabled!(target: "h2::codec", Level::INFO));
            assert!(!tracing::enabled!(target: "sqlx::query", Level::INFO));
            assert!(!tracing::enabled!(target: "tungstenite::protocol", Level::INFO));
            assert!(tracing::enabled!(target: "serenity::gateway::shard", Level::WARN));
            assert!(tracing::enabled!(target: "hoego::service::dispatch", Level::INFO));
            assert!(!tracing::enabled!(target: "hoego::service::dispatch", Level::DEBUG));
        });
    }

    #[test]
    fn the_shipped_configuration_names_the_same_default_filter() {
        let shipped = include_str!("../../config/default.toml");
        assert!(shipped.contains(&format!("filter = \"{DEFAULT_FILTER}\"")));
    }
}
