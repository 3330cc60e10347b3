//! The command line's arguments, as clap reads them. The doc comments are the `--help` texts.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::domain::lang::Lang;

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
    Setup(SetupCli),
    /// Check a configured deployment (database, token, scopes or permissions, channels,
    /// clock) and say what to do about each failure; exit 1 if any fails.
    Doctor(DoctorArgs),
    /// Import past notes or a backup: a hoego export (.json, a member's or a team's), a folder
    /// of Markdown notes (or one note), or a CSV of answers; all or nothing.
    Import(ImportArgs),
    /// Write everything of a team (schedules, members, rounds, answers with history,
    /// resolutions) as one versioned JSON document that `hoego import` restores.
    Export(ExportArgs),
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
    /// At most this many condensed lines per question in each period of the recap.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub lines: u16,
    /// After the post, every answer whole in an appendix (Markdown).
    #[arg(long)]
    pub full: bool,
    /// Also write the charts (each scale question's trend; participation when it shows gaps or
    /// a fall) as PNG files into this directory, embedded in the Markdown.
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

/// `hoego setup ...`.
#[derive(Debug, Subcommand)]
pub enum SetupCli {
    /// Print a Slack app manifest to paste into "Create an app → From a manifest".
    Slack(SlackSetupArgs),
    /// Print the link that adds the bot of HOEGO_DISCORD__TOKEN to a server with the
    /// permissions hoego needs.
    Discord,
}

/// Options of `hoego setup slack`.
#[derive(Debug, Clone, clap::Args)]
pub struct SlackSetupArgs {
    /// Write the manifest to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Members will not DM the bot commands: leaves out the message.im event (im:history stays:
    /// hoego reads its own prompts back with it).
    #[arg(long)]
    pub no_dm: bool,
    /// Use the HTTP Events API at this public URL (e.g. https://hoego.example.com/slack/events)
    /// instead of Socket Mode.
    #[arg(long, value_name = "URL")]
    pub events_url: Option<String>,
}

/// Options of `hoego doctor`.
#[derive(Debug, Clone, clap::Args)]
pub struct DoctorArgs {
    /// One line per check for people, or one JSON document for automation.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DoctorFormat,
}

/// How `hoego doctor` writes its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DoctorFormat {
    /// `ok`/`FAIL`/`skip`, the check, what was found and what to do.
    Text,
    /// `{"ok": …, "failed": …, "checks": [{"name", "status", "detail", "fix"}]}`.
    Json,
}

/// Options of `hoego import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// A hoego export (.json), a CSV (.csv), one Markdown note (.md), or a folder of notes
    /// (with an optional hoego-import.toml mapping other headings to questions).
    #[arg(value_name = "FILE|DIR")]
    pub path: PathBuf,
    /// The team's id; default: the export's own team, else the only team (or a new local one).
    #[arg(long, value_name = "ID")]
    pub team: Option<i64>,
    /// Whose notes these are (a member's id); a member export is given to them.
    #[arg(long, value_name = "ID")]
    pub member: Option<i64>,
    /// The template notes answer (default: weekly).
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,
    /// Check everything and print what would be added, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The language of the summary and of refusals; default: team.language.
    #[arg(long, value_name = "en|ko")]
    pub lang: Option<Lang>,
}

/// Options of `hoego export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The team's id.
    #[arg(long, value_name = "ID")]
    pub team: i64,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}
