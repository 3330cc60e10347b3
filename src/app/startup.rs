//! Wiring only: opens the store, builds the service, starts the HTTP endpoints and the chat
//! platform the settings configure (one of [`PLATFORMS`](crate::platform::PLATFORMS)), runs the
//! scheduler and sender around it, and waits for a stop signal.

use std::io::IsTerminal;
use std::sync::Arc;

use anyhow::Context;

use super::Failure;
use super::background::{Background, Steps};
use super::http::{HttpServer, Readiness};
use super::one_runner::{self, RunLock};
use crate::config::Settings;
use crate::domain::template::TemplateLibrary;
use crate::domain::zone::ZoneName;
use crate::platform::console::io::Stdout;
use crate::platform::console::{AfterLine, Console, ConsoleOptions, system_zone};
use crate::platform::{self, ChatPlatform, Entry};
use crate::service::clock::SystemClock;
use crate::service::digest::DigestPoster;
use crate::service::guard::{Guard, Policy};
use crate::service::messenger::Messenger;
use crate::service::quotas::Quotas;
use crate::service::{Defaults, Service};
use crate::store::Store;

/// What `hoego run` says when no chat platform is configured.
pub const NO_PLATFORM_HELP: &str = "no chat platform is configured.
  Discord: set HOEGO_DISCORD__TOKEN to your bot token.
  Slack:   set HOEGO_SLACK__BOT_TOKEN (xoxb-...) and HOEGO_SLACK__APP_TOKEN (xapp-...) for Socket Mode.
  Or try hoego without a chat account: `hoego console`.
See `hoego check-config` for every setting.";

/// `hoego migrate`: applies migrations and reports the backend.
pub async fn migrate(settings: &Settings) -> Result<(), Failure> {
    let store = Store::open(&settings.database)
        .await
        .with_context(|| format!("cannot migrate the database at {}", settings.database.url))?;
    store.close().await;
    println!("migrations applied to {}", settings.database.url);
    Ok(())
}

/// The use cases on `store`, with the configured templates and defaults and the system clock.
pub fn service(settings: &Settings, store: Store) -> Result<Service, Failure> {
    let templates = TemplateLibrary::load(settings.team.templates_dir.as_deref())
        .map_err(|e| Failure::Usage(format!("team.templates_dir: {e}")))?;
    let defaults = Defaults {
        time_zone: settings.team.time_zone,
        language: settings.team.language,
        answer_window: settings.scheduler.answer_window,
        grace_period: settings.scheduler.grace_period,
        reminder_at_percent: settings.scheduler.reminder_at_percent,
    };
    let limits = &settings.limits;
    let guard = Guard::new(Policy {
        anonymity_threshold: limits.anonymity_threshold,
        heavy_per_minute: limits.recaps_per_minute,
        heavy_at_once: limits.recaps_at_once,
        quotas: Quotas {
            schedules_per_team: limits.schedules_per_team,
            shortest_cron_minutes: limits.shortest_cron_minutes,
            run_now_per_hour: limits.run_now_per_hour,
            participants_per_schedule: limits.participants_per_schedule,
        },
        chat_import_bytes: settings.import.chat_max_bytes,
    });
    let service = Service::new(store, Arc::new(templates), Arc::new(SystemClock), defaults);
    Ok(service.with_guard(guard))
}

/// Runs `work` on the service over the configured database, and closes the database after.
pub async fn with_service<T>(
    settings: &Settings,
    work: impl AsyncFnOnce(&Service) -> T,
) -> Result<T, Failure> {
    let store = open(settings).await?;
    let result = match service(settings, store.clone()) {
        Ok(service) => Ok(work(&service).await),
        Err(failure) => Err(failure),
    };
    store.close().await;
    result
}

/// Takes the SQLite run lock (a second running hoego on one SQLite file is refused), held until
/// the returned guard is dropped; nothing on PostgreSQL.
fn lock_sqlite(settings: &Settings) -> Result<Option<RunLock>, Failure> {
    Ok(one_runner::lock(&settings.database.url).map_err(anyhow::Error::from)?)
}

async fn open(settings: &Settings) -> Result<Store, Failure> {
    let url = &settings.database.url;
    let store = Store::open(&settings.database).await;
    Ok(store.with_context(|| format!("cannot open the database at {url}"))?)
}

/// `hoego console`: the local team in this terminal (or driven by a script on stdin).
pub async fn console(settings: Settings, options: ConsoleOptions) -> Result<(), Failure> {
    let _lock = lock_sqlite(&settings)?;
    let store = open(&settings).await?;
    let mut service = service(&settings, store.clone())?;
    if settings.team.time_zone == ZoneName::UTC
        && let Some(zone) = system_zone()
    {
        // A new local team asks at this computer's local times unless configured otherwise.
        service.defaults.time_zone = zone;
    }
    let interactive = options.interactive;
    let mut console = Console::new(service.clone(), options, Arc::new(Stdout));
    let messenger = console.messenger();
    let background = if interactive {
        Some(background(&settings, service, messenger))
    } else {
        let digests = DigestPoster::new(service.clone(), messenger.clone());
        let (scheduler, sender) = (&settings.scheduler, &settings.sender);
        let steps = Steps::new(&service, messenger, scheduler, sender).with_digests(digests);
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

/// Whether standard input is a person at a terminal rather than a script.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

/// A scripted console runs the scheduler and sender once after each line.
struct ScriptSteps(Steps);

#[async_trait::async_trait]
impl AfterLine for ScriptSteps {
    async fn after_line(&self) {
        self.0.run_once().await;
    }
}

/// `hoego run`: the bot on the configured platform, until Ctrl-C/SIGTERM or a fatal platform
/// error. `/readyz` requires the platform's connection as well as the database.
pub async fn run(settings: Settings) -> Result<(), Failure> {
    let entry = the_platform(&settings)?;
    let _lock = lock_sqlite(&settings)?;
    let store = open(&settings).await?;
    let mut readiness = Readiness::default();
    let http = if settings.http.enabled {
        let server = HttpServer::bind(settings.http.bind, store.clone())
            .await
            .with_context(|| format!("cannot listen on http.bind = {}", settings.http.bind))?;
        tracing::info!(addr = %server.local_addr().context("bound address")?, "health and metrics endpoints up");
        readiness = server.readiness();
        // Not ready before the platform is even started: its connection is handed over later.
        readiness.expect(entry.name);
        Some(tokio::spawn(server.serve(shutdown_signal())))
    } else {
        None
    };
    let outcome = start_and_serve(&settings, store.clone(), entry, &readiness).await;
    if let Some(http) = http {
        http.abort();
    }
    store.close().await;
    outcome
}

/// The one platform the settings configure.
fn the_platform(settings: &Settings) -> Result<&'static Entry, Failure> {
    match platform::configured(settings).as_slice() {
        [] => Err(Failure::Usage(NO_PLATFORM_HELP.into())),
        [one] => Ok(one),
        several => {
            let names: Vec<&str> = several.iter().map(|e| e.name).collect();
            Err(Failure::Usage(format!(
                "{} are configured at once; run one hoego per platform (each with its own database)",
                names.join(" and ")
            )))
        }
    }
}

async fn start_and_serve(
    settings: &Settings,
    store: Store,
    entry: &Entry,
    readiness: &Readiness,
) -> Result<(), Failure> {
    let service = service(settings, store)?;
    let platform = (entry.start)(settings, service.clone())
        .await
        .with_context(|| format!("cannot start the {} bot", entry.name))?;
    readiness.watch(entry.name, platform.connection());
    tracing::info!(platform = entry.name, "bot started");
    let stop = shutdown_signal();
    Ok(serve_watched(platform, settings, service, stop, readiness).await?)
}

/// Runs the scheduler and sender around a started `platform` until `stop` completes or the
/// platform stops on its own, then stops them all.
pub async fn serve(
    platform: Box<dyn ChatPlatform>,
    settings: &Settings,
    service: Service,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    serve_watched(platform, settings, service, stop, &Readiness::default()).await
}

/// [`serve`], with `/readyz` also requiring that neither loop panicked lately.
pub async fn serve_watched(
    mut platform: Box<dyn ChatPlatform>,
    settings: &Settings,
    service: Service,
    stop: impl Future<Output = ()>,
    readiness: &Readiness,
) -> anyhow::Result<()> {
    let background = background(settings, service, platform.messenger());
    for (name, health) in background.health() {
        readiness.watch_loop(name, health);
    }
    let outcome = tokio::select! {
        () = stop => Ok(()),
        stopped = platform.stopped() => stopped,
    };
    background.stop().await;
    platform.stop().await;
    outcome
}

/// The scheduler and sender posting through a platform's `messenger`, with digests when rounds
/// close.
fn background(settings: &Settings, service: Service, messenger: Arc<dyn Messenger>) -> Background {
    let digests = DigestPoster::new(service.clone(), messenger.clone());
    Background::spawn(
        &service,
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
