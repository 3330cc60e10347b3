//! `hoego doctor`: checks a configured deployment before its members meet its failures, one
//! line per check with what to do: the database (reachable, migrated), then each configured
//! platform's own checks (its entry's [`check`](crate::platform::Entry::check)), which get the
//! channels the schedules post in. It changes nothing. The report reads as text or JSON.

mod database;

use serde::Serialize;

use crate::config::Settings;
use crate::domain::state::Platform;
use crate::platform;
use crate::platform::check::{ChannelUse, Check, Status};
use crate::store::Store;

/// Every check made, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Whether every check passed.
    pub ok: bool,
    /// How many failed.
    pub failed: usize,
    /// The checks.
    pub checks: Vec<Check>,
}

impl Report {
    fn new(checks: Vec<Check>) -> Report {
        let failed = checks.iter().filter(|c| c.failed()).count();
        Report {
            ok: failed == 0,
            failed,
            checks,
        }
    }

    /// One line per check, names aligned, then a summary line.
    pub fn text(&self) -> String {
        let width = self
            .checks
            .iter()
            .map(|c| c.name.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for check in &self.checks {
            let status = match check.status {
                Status::Ok => "ok",
                Status::Fail => "FAIL",
                Status::Skip => "skip",
            };
            let fix = check
                .fix
                .as_ref()
                .map(|f| format!(" → {}", one_line(f)))
                .unwrap_or_default();
            out.push_str(&format!(
                "{status:<4}  {:<width$}  {}{fix}\n",
                check.name,
                one_line(&check.detail)
            ));
        }
        let verdict = match self.failed {
            0 => "all passed".to_string(),
            n => format!("{n} failed"),
        };
        out.push_str(&format!("{} checks: {verdict}\n", self.checks.len()));
        out
    }

    /// The report as a JSON document.
    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| unreachable!("a report always serializes: {e}"));
        text.push('\n');
        text
    }
}

/// `text` on one line, whatever a library's error text holds.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs every check that applies to `settings`.
pub async fn examine(settings: &Settings) -> Report {
    let (line, store) = database::check(&settings.database).await;
    let mut checks = vec![line];
    let platforms = platform::configured(settings);
    match platforms.len() {
        0 => checks.push(Check::fail(
            "platform",
            "no chat platform is configured",
            SET_A_TOKEN,
        )),
        1 => {}
        _ => checks.push(Check::fail(
            "platform",
            "more than one platform is configured, and `hoego run` refuses that",
            "run one hoego per platform, each with its own configuration and database",
        )),
    }
    for entry in platforms {
        let channels = channels(store.as_ref(), entry.name, &mut checks).await;
        checks.extend((entry.check)(settings, &channels).await);
    }
    if let Some(store) = store {
        store.close().await;
    }
    Report::new(checks)
}

/// What to do when no platform is configured.
const SET_A_TOKEN: &str = "set HOEGO_DISCORD__TOKEN (Discord) or HOEGO_SLACK__BOT_TOKEN and HOEGO_SLACK__APP_TOKEN (Slack); `hoego setup discord|slack` starts you off";

/// The channels the schedules of the platform named `name` post in; a skipped or failed line
/// when the database cannot tell.
async fn channels(store: Option<&Store>, name: &str, checks: &mut Vec<Check>) -> Vec<ChannelUse> {
    let line = format!("{name} channels");
    let (Some(store), Ok(platform)) = (store, name.parse::<Platform>()) else {
        checks.push(Check::skip(
            line,
            "not checked: the database cannot be read",
        ));
        return Vec::new();
    };
    match database::channels(store, platform).await {
        Ok(channels) => channels,
        Err(check) => {
            checks.push(check);
            Vec::new()
        }
    }
}
