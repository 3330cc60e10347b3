//! The `hoego` command line: parses arguments, loads configuration, and runs one command.
//! Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad configuration.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{self, ConfigError, LoadOptions, Settings};
use crate::domain::lang::Lang;
use crate::startup;

/// hoego (회고): asks your team retrospective questions on a schedule and compiles recaps.
#[derive(Debug, Parser)]
#[command(name = "hoego", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (TOML); overrides the built-in defaults. Also HOEGO_CONFIG.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Run the bot on Discord or Slack (configure a token first; see `hoego check-config`).
    Run,
    /// Apply database migrations (safe to run again).
    Migrate,
    /// Print the effective configuration with where each value came from; secrets are masked.
    CheckConfig,
    /// Schedules: try a crontab expression before using it.
    #[command(subcommand)]
    Schedule(ScheduleCli),
    /// Try hoego in the terminal: a local team with you as its one member, no chat account
    /// needed. Reads a script from standard input when it is not a terminal.
    Console(ConsoleArgs),
    /// Write a recap of a period to standard output: the team's shared answers, or one
    /// member's own with --member; Markdown ready to publish, or JSON.
    Recap(RecapArgs),
    /// Start on a platform: the Slack app manifest, or the Discord invite link.
    #[command(subcommand)]
    Setup(crate::setup::SetupCli),
    /// Check a configured deployment (database, token, scopes or permissions, channels,
    /// clock) and say what to do about each failure; exit 1 if any fails.
    Doctor(crate::doctor::DoctorArgs),
}

/// Options of `hoego recap`.
#[derive(Debug, Clone, clap::Args)]
pub struct RecapArgs {
    /// week, month, quarter, year, 2026, 2026-Q3, 2026-11, 2026-W21 or 2026-03-01..2026-06-30.
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// A member's id: their own recap (every answer of theirs, private ones included).
    #[arg(long, value_name = "ID")]
    pub member: Option<i64>,
    /// The team's id; may be left out when the database holds one team.
    #[arg(long, value_name = "ID")]
    pub team: Option<i64>,
    /// The language to write in; default: the member's, else the team's.
    #[arg(long, value_name = "en|ko")]
    pub lang: Option<Lang>,
    /// Markdown (with front matter) or JSON.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: RecapFormat,
    /// Also write the charts (scale trend, participation) as PNG files into this directory.
    #[arg(long, value_name = "DIR")]
    pub charts: Option<PathBuf>,
}

/// What `hoego recap` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecapFormat {
    /// A Markdown document with front matter.
    Markdown,
    /// The recap model as JSON.
    Json,
}

/// `hoego schedule ...`.
#[derive(Debug, Subcommand)]
pub enum ScheduleCli {
    /// Print the next occurrences of a 5-field crontab expression in a time zone.
    Preview {
        /// The expression, e.g. "0 17 * * FRI" (minute hour day-of-month month day-of-week).
        cron: String,
        /// IANA time zone, e.g. Asia/Seoul; default: team.time_zone.
        #[arg(long)]
        tz: Option<String>,
        /// Start after this date (midnight in the zone) or RFC 3339 time; default: now.
        #[arg(long)]
        after: Option<String>,
        /// How many occurrences.
        #[arg(long, default_value_t = 5)]
        count: usize,
    },
}

/// Options of `hoego console`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConsoleArgs {
    /// Speak English (`en`) or Korean (`ko`); the choice is kept as your language setting.
    #[arg(long, value_name = "en|ko")]
    pub lang: Option<Lang>,
    /// Your name in the local team (another name is another member); defaults to $USER.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Directory that exports and other files are written to.
    #[arg(long, value_name = "DIR", default_value = "hoego-out")]
    pub out: PathBuf,
}

/// Why a command failed, which decides the exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// Bad configuration: exit code 2.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Something failed while running: exit code 1.
    #[error(transparent)]
    Runtime(#[from] anyhow::Error),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::Config(_) => 2,
            CliError::Runtime(_) => 1,
        }
    }
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match &error {
                CliError::Runtime(e) => eprintln!("hoego: {e:#}"),
                other => eprintln!("hoego: {other}"),
            }
            ExitCode::from(error.exit_code())
        }
    }
}

/// `log.filter`'s default, which `hoego console` quietens to warnings.
const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn";

fn run(cli: Cli) -> Result<(), CliError> {
    let (mut settings, layers) = config::load(&LoadOptions::from_process(cli.config.clone()))?;
    match &cli.command {
        CliCommand::CheckConfig => {
            print!("{}", crate::startup::describe_config(&layers));
            return Ok(());
        }
        CliCommand::Schedule(ScheduleCli::Preview {
            cron,
            tz,
            after,
            count,
        }) => {
            let zone = tz
                .clone()
                .unwrap_or_else(|| settings.team.time_zone.to_string());
            let text = crate::cli_preview::render(
                cron,
                &zone,
                after.as_deref(),
                *count,
                chrono::Utc::now(),
            )
            .map_err(CliError::Usage)?;
            print!("{text}");
            return Ok(());
        }
        _ => {}
    }
    if matches!(
        cli.command,
        CliCommand::Console(_)
            | CliCommand::Recap(_)
            | CliCommand::Setup(_)
            | CliCommand::Doctor(_)
    ) && settings.log.filter == DEFAULT_LOG_FILTER
    {
        // The terminal is the conversation (or the recap's output): only warnings and errors
        // go to stderr.
        settings.log.filter = "warn".into();
    }
    crate::telemetry::init(&settings.log);
    let runtime = tokio::runtime::Runtime::new().map_err(anyhow::Error::from)?;
    runtime.block_on(dispatch(cli.command, settings))
}

async fn dispatch(command: CliCommand, settings: Settings) -> Result<(), CliError> {
    match command {
        CliCommand::Run => startup::run(settings).await,
        CliCommand::Migrate => startup::migrate(&settings).await,
        CliCommand::Console(args) => startup::console(settings, args).await,
        CliCommand::Recap(args) => crate::cli_recap::recap(&settings, &args).await,
        CliCommand::Setup(command) => crate::setup::setup(&settings, &command).await,
        CliCommand::Doctor(args) => crate::doctor::doctor(&settings, &args).await,
        CliCommand::CheckConfig | CliCommand::Schedule(_) => Ok(()),
    }
}
