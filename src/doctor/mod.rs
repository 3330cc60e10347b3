//! `hoego doctor`: checks a configured deployment before its members meet its failures and
//! prints one line per check with what to do: the database (reachable, migrated), then the
//! configured platform's own checks (`platform::discord::doctor`, `platform::slack::doctor`),
//! which get the channels the schedules post in. It changes nothing. Exit 0 when every check
//! passes, 1 otherwise; `--format json` for automation.

mod database;

use serde::Serialize;

use crate::cli::CliError;
use crate::config::Settings;
use crate::domain::state::Platform;
use crate::platform::check::{Check, Status};
use crate::platform::{discord, slack};

/// Options of `hoego doctor`.
#[derive(Debug, Clone, clap::Args)]
pub struct DoctorArgs {
    /// One line per check for people, or one JSON document for automation.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DoctorFormat,
}

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DoctorFormat {
    /// `ok`/`FAIL`/`skip`, the check, what was found and what to do.
    Text,
    /// `{"ok": …, "failed": …, "checks": [{"name", "status", "detail", "fix"}]}`.
    Json,
}

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

/// `hoego doctor`: prints the report; a failed check makes the exit code 1.
pub async fn doctor(settings: &Settings, args: &DoctorArgs) -> Result<(), CliError> {
    let report = examine(settings).await;
    match args.format {
        DoctorFormat::Text => print!("{}", report.text()),
        DoctorFormat::Json => print!("{}", report.json()),
    }
    if report.ok {
        return Ok(());
    }
    let noun = if report.failed == 1 {
        "check"
    } else {
        "checks"
    };
    Err(CliError::Runtime(anyhow::anyhow!(
        "{} {noun} failed; each FAIL line says what to do",
        report.failed
    )))
}

/// Runs every check that applies to `settings`.
pub async fn examine(settings: &Settings) -> Report {
    let (line, store) = database::check(&settings.database).await;
    let mut checks = vec![line];
    let platforms = configured(settings, &mut checks);
    for platform in platforms {
        let channels = match &store {
            Some(store) => match database::channels(store, platform).await {
                Ok(channels) => channels,
                Err(check) => {
                    checks.push(check);
                    Vec::new()
                }
            },
            None => {
                let name = format!("{platform} channels");
                checks.push(Check::skip(
                    name,
                    "not checked: the database cannot be read",
                ));
                Vec::new()
            }
        };
        let found = match platform {
            Platform::Discord => discord::doctor::check(&settings.discord, &channels).await,
            Platform::Slack => slack::doctor::check(&settings.slack, &channels).await,
            Platform::Console => Vec::new(),
        };
        checks.extend(found);
    }
    if let Some(store) = store {
        store.close().await;
    }
    Report::new(checks)
}

/// The platforms with a token, with a failing line when there is none or, as `hoego run`
/// refuses, both.
fn configured(settings: &Settings, checks: &mut Vec<Check>) -> Vec<Platform> {
    let mut platforms = Vec::new();
    if settings.discord.token.is_some() {
        platforms.push(Platform::Discord);
    }
    if settings.slack.bot_token.is_some() {
        platforms.push(Platform::Slack);
    }
    match platforms.len() {
        0 => checks.push(Check::fail(
            "platform",
            "no chat platform is configured",
            "set HOEGO_DISCORD__TOKEN (Discord) or HOEGO_SLACK__BOT_TOKEN and HOEGO_SLACK__APP_TOKEN (Slack); `hoego setup discord|slack` starts you off",
        )),
        2 => checks.push(Check::fail(
            "platform",
            "both discord.token and slack.bot_token are set, and `hoego run` refuses that",
            "run one hoego per platform, each with its own configuration and database",
        )),
        _ => {}
    }
    platforms
}
