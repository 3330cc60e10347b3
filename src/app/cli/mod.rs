//! The `hoego` command line: parses arguments, loads configuration, runs one command through
//! [`startup`], and reports how it went. Exit codes: 0 success, 1 runtime failure, 2 bad usage or
//! bad configuration.

mod args;
mod check_config;
mod doctor;
mod import;
mod preview;
mod recap;
mod setup;

use std::process::ExitCode;

use clap::Parser;

pub use self::args::{
    Cli, CliCommand, ConsoleArgs, DoctorArgs, DoctorFormat, ExportArgs, ImportArgs, RecapArgs,
    RecapFormat, ScheduleCli, SetupCli, SlackSetupArgs,
};
use super::{Failure, startup, telemetry};
use crate::config::{self, LoadOptions, Settings};
use crate::platform::console::{self, ConsoleOptions};
use crate::service::clock::{Clock, SystemClock};

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Runtime(e) => eprintln!("hoego: {e:#}"),
                other => eprintln!("hoego: {other}"),
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// `log.filter`'s default, which `hoego console` quietens to warnings.
const DEFAULT_LOG_FILTER: &str = super::telemetry::DEFAULT_FILTER;

fn run(cli: Cli) -> Result<(), Failure> {
    let (mut settings, layers) = config::load(&LoadOptions::from_process(cli.config.clone()))?;
    match &cli.command {
        CliCommand::CheckConfig => {
            print!("{}", check_config::describe(&layers));
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
            let now = SystemClock.now();
            let text = preview::render(cron, &zone, after.as_deref(), *count, now)
                .map_err(Failure::Usage)?;
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
            | CliCommand::Import(_)
            | CliCommand::Export(_)
    ) && settings.log.filter == DEFAULT_LOG_FILTER
    {
        // The terminal is the conversation (or the recap's, manifest's or report's output):
        // only warnings and errors go to stderr.
        settings.log.filter = "warn".into();
    }
    telemetry::init(&settings.log);
    let runtime = tokio::runtime::Runtime::new().map_err(anyhow::Error::from)?;
    runtime.block_on(dispatch(cli.command, settings))
}

async fn dispatch(command: CliCommand, settings: Settings) -> Result<(), Failure> {
    match command {
        CliCommand::Run => startup::run(settings).await,
        CliCommand::Migrate => startup::migrate(&settings).await,
        CliCommand::Console(args) => {
            let options = console_options(args, &settings);
            startup::console(settings, options).await
        }
        CliCommand::Recap(args) => recap::recap(&settings, &args).await,
        CliCommand::Setup(command) => setup::setup(&settings, &command).await,
        CliCommand::Doctor(args) => doctor::doctor(&settings, &args).await,
        CliCommand::Import(args) => import::import(&settings, &args).await,
        CliCommand::Export(args) => import::export(&settings, &args).await,
        CliCommand::CheckConfig | CliCommand::Schedule(_) => Ok(()),
    }
}

/// `hoego console`'s options: the name given, else `$USER`, else `me`.
fn console_options(args: ConsoleArgs, settings: &Settings) -> ConsoleOptions {
    let user = args
        .user
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "me".into());
    ConsoleOptions {
        user,
        team_name: console::team_name(
            settings.team.console_name.as_deref(),
            args.lang.unwrap_or(settings.team.language),
        ),
        lang: args.lang,
        out_dir: args.out,
        interactive: startup::interactive(),
    }
}
