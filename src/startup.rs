//! Wiring only: opens the store, starts the HTTP endpoints and the platform, and waits for a
//! stop signal.

use std::io::IsTerminal;
use std::sync::Arc;

use anyhow::Context;
use toml::Value;

use crate::background::{Background, Steps};
use crate::cli::{CliError, ConsoleArgs};
use crate::clock::SystemClock;
use crate::config::{Layers, SECRET_KEYS, Settings, Source, mask_url};
use crate::domain::template::TemplateLibrary;
use crate::domain::zone::ZoneName;
use crate::http::{HttpServer, Readiness};
use crate::platform::console::io::Stdout;
use crate::platform::console::{AfterLine, Console, ConsoleOptions, system_zone};
use crate::platform::discord::DiscordBot;
use crate::platform::slack::SlackBot;
use crate::service::digest::DigestPoster;
use crate::service::messenger::Messenger;
use crate::service::{Defaults, Service};
use crate::store::Store;

/// What `hoego run` says when no chat platform is configured.
pub const NO_PLATFORM_HELP: &str = "no chat platform is configured.
  Discord: set HOEGO_DISCORD__TOKEN to your bot token.
  Slack:   set HOEGO_SLACK__BOT_TOKEN (xoxb-...) and HOEGO_SLACK__APP_TOKEN (xapp-...) for Socket Mode.
  Or try hoego without a chat account: `hoego console`.
See `hoego check-config` for every setting.";

/// `hoego migrate`: applies migrations and reports the backend.
pub async fn migrate(settings: &Settings) -> Result<(), CliError> {
    let store = Store::open(&settings.database)
        .await
        .with_context(|| format!("cannot migrate the database at {}", settings.database.url))?;
    store.close().await;
    println!("migrations applied to {}", settings.database.url);
    Ok(())
}

/// The use cases on `store`, with the configured templates and defaults.
pub fn service(settings: &Settings, store: Store) -> Result<Service, CliError> {
    let templates = TemplateLibrary::load(settings.team.templates_dir.as_deref())
        .map_err(|e| CliError::Usage(format!("team.templates_dir: {e}")))?;
    Ok(Service {
        store,
        templates: Arc::new(templates),
        clock: Arc::new(SystemClock),
        defaults: Defaults {
            time_zone: settings.team.time_zone,
            language: settings.team.language,
            answer_window: settings.scheduler.answer_window,
            grace_period: settings.scheduler.grace_period,
            reminder_at_percent: settings.scheduler.reminder_at_percent,
        },
    })
}

/// `hoego console`: the local team in this terminal (or driven by a script on stdin).
pub async fn console(settings: Settings, args: ConsoleArgs) -> Result<(), CliError> {
    let store = Store::open(&settings.database)
        .await
        .with_context(|| format!("cannot open the database at {}", settings.database.url))?;
    let mut service = service(&settings, store.clone())?;
    if settings.team.time_zone == ZoneName::UTC
        && let Some(zone) = system_zone()
    {
        // A new local team asks at this computer's local times unless configured otherwise.
        service.defaults.time_zone = zone;
    }
    let user = args
        .user
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "me".into());
    let options = ConsoleOptions {
        user,
        lang: args.lang,
        out_dir: args.out,
        interactive: std::io::stdin().is_terminal(),
    };
    let interactive = options.interactive;
    let clock = service.clock.clone();
    let digest_service = service.clone();
    let mut console = Console::new(service, options, Arc::new(Stdout));
    let messenger = console.messenger();
    let digests = DigestPoster::new(digest_service, messenger.clone());
    let (scheduler, sender) = (&settings.scheduler, &settings.sender);
    let background = if interactive {
        Some(Background::spawn(
            store.clone(),
            clock,
            messenger,
            scheduler,
            sender,
            Some(Arc::new(digests)),
        ))
    } else {
        let steps =
            Steps::new(store.clone(), clock, messenger, scheduler, sender).with_digests(digests);
        console = console.with_after_line(Arc::new(ScriptSteps(steps)));
        None
    };
    console
        .run(tokio::io::BufReader::new(tokio::io::stdin()))
        .await;
    if let Some(background) = background {
        background.stop().await;
    }
    store.close().await;
    Ok(())
}

/// A scripted console runs the scheduler and sender once after each line.
struct ScriptSteps(Steps);

#[async_trait::async_trait]
impl AfterLine for ScriptSteps {
    async fn after_line(&self) {
        self.0.run_once().await;
    }
}

/// `hoego run`: the bot on Discord or Slack.
pub async fn run(settings: Settings) -> Result<(), CliError> {
    if !settings.has_platform() {
        return Err(CliError::Usage(NO_PLATFORM_HELP.into()));
    }
    let store = Store::open(&settings.database)
        .await
        .with_context(|| format!("cannot open the database at {}", settings.database.url))?;
    let mut readiness = Readiness::default();
    let http = if settings.http.enabled {
        let server = HttpServer::bind(settings.http.bind, store.clone())
            .await
            .with_context(|| format!("cannot listen on http.bind = {}", settings.http.bind))?;
        tracing::info!(addr = %server.local_addr().context("bound address")?, "health and metrics endpoints up");
        readiness = server.readiness();
        Some(tokio::spawn(server.serve(shutdown_signal())))
    } else {
        None
    };
    let outcome = match (settings.discord.token.is_some(), settings.slack.bot_token.is_some()) {
        (true, true) => Err(CliError::Usage(
            "both discord.token and slack.bot_token are set; run one hoego per platform (each with its own database)".into(),
        )),
        (true, false) => run_discord(&settings, store.clone(), &readiness).await,
        (false, _) => run_slack(&settings, store.clone(), &readiness).await,
    };
    if let Some(http) = http {
        http.abort();
    }
    store.close().await;
    outcome
}

/// The Discord bot with the scheduler and sender, until Ctrl-C/SIGTERM or a fatal client error.
/// `/readyz` requires the gateway connection as well as the database.
async fn run_discord(
    settings: &Settings,
    store: Store,
    readiness: &Readiness,
) -> Result<(), CliError> {
    let service = service(settings, store.clone())?;
    let digest_service = service.clone();
    let mut bot = DiscordBot::start(&settings.discord, service)
        .await
        .context("cannot start the Discord bot")?;
    readiness.watch("discord", bot.connection());
    let background = background(settings, store, digest_service, bot.messenger());
    tracing::info!("Discord bot started");
    let outcome = tokio::select! {
        () = shutdown_signal() => Ok(()),
        stopped = bot.stopped() => stopped,
    };
    background.stop().await;
    bot.stop().await;
    Ok(outcome?)
}

/// The Slack bot with the scheduler and sender, until Ctrl-C/SIGTERM. `/readyz` requires a
/// Socket Mode connection (when one is used) as well as the database.
async fn run_slack(
    settings: &Settings,
    store: Store,
    readiness: &Readiness,
) -> Result<(), CliError> {
    let service = service(settings, store.clone())?;
    let digest_service = service.clone();
    let bot = SlackBot::start(&settings.slack, service)
        .await
        .context("cannot start the Slack bot")?;
    readiness.watch("slack", bot.connection());
    let background = background(settings, store, digest_service, bot.messenger());
    tracing::info!("Slack bot started");
    shutdown_signal().await;
    background.stop().await;
    bot.stop().await;
    Ok(())
}

/// The scheduler and sender posting through a platform's `messenger`, with digests when rounds
/// close.
fn background(
    settings: &Settings,
    store: Store,
    service: Service,
    messenger: Arc<dyn Messenger>,
) -> Background {
    let clock = service.clock.clone();
    let digests = DigestPoster::new(service, messenger.clone());
    Background::spawn(
        store,
        clock,
        messenger,
        &settings.scheduler,
        &settings.sender,
        Some(Arc::new(digests)),
    )
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The effective configuration, one `key = value  # source` line each, secrets masked.
pub fn describe_config(layers: &Layers) -> String {
    let mut out = String::new();
    for (key, value, source) in layers.iter() {
        let shown = if SECRET_KEYS.contains(&key) {
            match value.as_str() {
                Some("") | None => "\"\"  (not set)".to_string(),
                Some(_) => "\"********\"".to_string(),
            }
        } else if key == "database.url" {
            Value::String(mask_url(value.as_str().unwrap_or_default())).to_string()
        } else {
            value.to_string()
        };
        let from = match source {
            Source::Default => String::new(),
            other => format!("  # from {other}"),
        };
        out.push_str(&format!("{key} = {shown}{from}\n"));
    }
    out
}
