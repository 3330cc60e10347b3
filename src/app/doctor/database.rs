//! The doctor's database line: reachable (without creating or migrating anything), and migrated
//! to this binary's schema; and, read from it, the channels each platform's schedules post in.

use std::collections::BTreeMap;

use crate::config::{DatabaseSettings, DatabaseUrl, mask_url};
use crate::domain::state::Platform;
use crate::platform::check::{ChannelUse, Check, error_chain};
use crate::store::{MigrationStatus, Store, StoreError};

/// The line's name.
const NAME: &str = "database";

/// The database line, and the store when it can be read.
pub async fn check(settings: &DatabaseSettings) -> (Check, Option<Store>) {
    let shown = mask_url(settings.url.expose());
    if let Some(path) = missing_sqlite_file(&settings.url) {
        let detail = format!("no SQLite database at {path}");
        let fix = "run `hoego migrate` (it creates the file), or point database.url (HOEGO_DATABASE__URL) at the existing one";
        return (Check::fail(NAME, detail, fix), None);
    }
    let opened = match Store::probe(settings).await {
        Ok(()) => Store::connect_existing(settings).await,
        Err(error) => Err(error),
    };
    let store = match opened {
        Ok(store) => store,
        Err(error) => return (unreachable(&settings.url, &shown, &error), None),
    };
    let line = match store.migration_status().await {
        Ok(status) => migrated(&shown, &status),
        Err(error) => Check::fail(
            NAME,
            format!(
                "{shown} answers, but its migrations cannot be read: {}",
                error_chain(&error)
            ),
            "run `hoego migrate`, then `hoego doctor` again",
        ),
    };
    (line, Some(store))
}

/// The channels `platform`'s schedules post in, each with its schedules.
pub async fn channels(store: &Store, platform: Platform) -> Result<Vec<ChannelUse>, Check> {
    let rows = store.schedule_channels(platform).await.map_err(|error| {
        Check::fail(
            format!("{platform} channels"),
            format!("cannot read the schedules: {}", error_chain(&error)),
            "run `hoego migrate`, then `hoego doctor` again",
        )
    })?;
    let mut grouped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        let schedules = grouped.entry(row.channel_id).or_default();
        if !schedules.contains(&row.schedule) {
            schedules.push(row.schedule);
        }
    }
    Ok(grouped
        .into_iter()
        .map(|(channel_id, schedules)| ChannelUse {
            channel_id,
            schedules,
        })
        .collect())
}

/// The path of a SQLite URL whose file does not exist.
fn missing_sqlite_file(url: &DatabaseUrl) -> Option<String> {
    let DatabaseUrl::Sqlite { url } = url else {
        return None;
    };
    let path = url.trim_start_matches("sqlite://").split('?').next()?;
    let in_memory = path.is_empty() || path.contains(":memory:");
    (!in_memory && !std::path::Path::new(path).exists()).then(|| path.to_string())
}

fn unreachable(url: &DatabaseUrl, shown: &str, error: &StoreError) -> Check {
    let fix = if url.is_postgres() {
        "start PostgreSQL, or point database.url (HOEGO_DATABASE__URL) at the right server, user and database"
    } else {
        "check database.url (HOEGO_DATABASE__URL) and that this user may read and write the SQLite file"
    };
    Check::fail(
        NAME,
        format!("cannot open {shown}: {}", error_chain(error)),
        fix,
    )
}

fn migrated(shown: &str, status: &MigrationStatus) -> Check {
    if !status.unknown.is_empty() {
        let versions: Vec<String> = status.unknown.iter().map(i64::to_string).collect();
        return Check::fail(
            NAME,
            format!(
                "{shown} has migrations this hoego does not know ({}): a newer hoego migrated it",
                versions.join(", ")
            ),
            "run the newer hoego, or restore a backup taken before the upgrade",
        );
    }
    if !status.pending.is_empty() {
        return Check::fail(
            NAME,
            format!(
                "{shown}: {} of {} migrations applied; pending {}",
                status.applied,
                status.known,
                status.pending.join(", ")
            ),
            "run `hoego migrate` (`hoego run` also migrates when it starts)",
        );
    }
    Check::ok(
        NAME,
        format!(
            "{shown}: reachable, all {} migrations applied",
            status.known
        ),
    )
}
