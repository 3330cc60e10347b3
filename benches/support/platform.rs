//! What the platform benchmarks share: the store on a benchmark's database and the service on
//! it, as `hoego run` builds them (UTC team zone, English, 48-hour windows, the system clock).

use std::sync::Arc;
use std::time::Duration;

use hoego::config::{DatabaseSettings, DatabaseUrl};
use hoego::domain::lang::Lang;
use hoego::domain::template::TemplateLibrary;
use hoego::domain::zone::ZoneName;
use hoego::service::clock::SystemClock;
use hoego::service::{Defaults, Service};
use hoego::store::Store;

/// The store on `url` (8 connections, as configured by default) and the service on it.
pub async fn store_and_service(url: &str) -> anyhow::Result<(Store, Service)> {
    let settings = DatabaseSettings {
        url: DatabaseUrl::parse(url).map_err(|(p, _)| anyhow::anyhow!(p))?,
        max_connections: 8,
        connect_timeout: Duration::from_secs(10),
    };
    let store = Store::open(&settings).await?;
    let service = Service {
        shown: Default::default(),
        store: store.clone(),
        templates: Arc::new(TemplateLibrary::built_in()),
        clock: Arc::new(SystemClock),
        defaults: Defaults {
            time_zone: ZoneName::UTC,
            language: Lang::En,
            answer_window: Duration::from_secs(48 * 3600),
            grace_period: Duration::from_secs(6 * 3600),
            reminder_at_percent: 75,
        },
        guard: Default::default(),
        memories: Default::default(),
        readers: Default::default(),
    };
    Ok((store, service))
}
