//! Typed settings, each value parsed once from the layers with its key and source at hand.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::ConfigError;
use super::read::Reader;
use crate::domain::lang::Lang;
use crate::domain::zone::ZoneName;

pub use super::database_url::DatabaseUrl;

/// All of hoego's settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where answers are kept.
    pub database: DatabaseSettings,
    /// How logs look.
    pub log: LogSettings,
    /// The health and metrics endpoints.
    pub http: HttpSettings,
    /// Team defaults.
    pub team: TeamSettings,
    /// The scheduler loop and per-schedule defaults.
    pub scheduler: SchedulerSettings,
    /// The delivery sender.
    pub sender: SenderSettings,
    /// Discord, when configured.
    pub discord: DiscordSettings,
    /// Slack, when configured.
    pub slack: SlackSettings,
    /// Importing notes and backups.
    pub import: ImportSettings,
    /// What one member or team may ask of the process.
    pub limits: LimitSettings,
}

/// What one member or team may ask of the process.
#[derive(Debug, Clone, Copy)]
pub struct LimitSettings {
    /// Fewest anonymous answerers for anonymous answers to be shown (2 or more).
    pub anonymity_threshold: usize,
    /// Recap and export requests per member and minute.
    pub recaps_per_minute: usize,
    /// Recaps built at once.
    pub recaps_at_once: usize,
    /// Schedules per team.
    pub schedules_per_team: usize,
    /// Shortest gap between two prompts of one schedule, in minutes.
    pub shortest_cron_minutes: u32,
    /// Rounds a team may start with run-now in an hour.
    pub run_now_per_hour: usize,
    /// Participants per schedule.
    pub participants_per_schedule: usize,
}

/// Limits on imported files.
#[derive(Debug, Clone, Copy)]
pub struct ImportSettings {
    /// The largest file `hoego import` reads, in bytes.
    pub max_file_bytes: u64,
    /// The largest file a member may import from chat (`/hoego import`), in bytes.
    pub chat_max_bytes: u64,
}

/// The database connection.
#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// The backend and its location.
    pub url: DatabaseUrl,
    /// Most pooled connections.
    pub max_connections: u32,
    /// How long to wait for a connection.
    pub connect_timeout: Duration,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// Logging.
#[derive(Debug, Clone)]
pub struct LogSettings {
    /// Output format.
    pub format: LogFormat,
    /// Filter directives (RUST_LOG wins when set).
    pub filter: String,
}

/// Health and metrics endpoints.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Whether to serve them at all.
    pub enabled: bool,
    /// Where to listen.
    pub bind: SocketAddr,
}

/// Defaults for a team and its members.
#[derive(Debug, Clone)]
pub struct TeamSettings {
    /// Time zone for members without one.
    pub time_zone: ZoneName,
    /// Language for members whose platform gives no locale.
    pub language: Lang,
    /// Extra template files.
    pub templates_dir: Option<PathBuf>,
    /// The console team's name; `None` for the catalog's ("Local team", "우리 팀").
    pub console_name: Option<String>,
}

/// Scheduler loop and per-schedule defaults.
#[derive(Debug, Clone)]
pub struct SchedulerSettings {
    /// Time between ticks (before jitter).
    pub tick_interval: Duration,
    /// How late a missed prompt may still be sent.
    pub grace_period: Duration,
    /// How long a round stays open.
    pub answer_window: Duration,
    /// Where in the window the reminder goes out, in percent; 0 for none.
    pub reminder_at_percent: u8,
}

/// Delivery sending.
#[derive(Debug, Clone)]
pub struct SenderSettings {
    /// Most sends per second; 0 for no limit.
    pub rate_per_second: u32,
    /// Attempts before a delivery is marked failed.
    pub max_attempts: u32,
    /// How long a claim lasts.
    pub lease: Duration,
}

/// Discord connection.
#[derive(Debug, Clone)]
pub struct DiscordSettings {
    /// Bot token; `None` when Discord is not configured.
    pub token: Option<SecretString>,
    /// An alternative API base (a proxy or a test fake).
    pub api_base_url: Option<Url>,
    /// Guilds to register commands in at once.
    pub guild_ids: Vec<u64>,
    /// Whether the privileged Server Members intent is enabled.
    pub members_intent: bool,
    /// Total shards; 0 lets Discord recommend the number (automatic sharding).
    pub shard_count: u32,
    /// The shards this process runs, (first, last); `None` for all of them.
    pub shard_range: Option<(u32, u32)>,
}

/// Slack connection.
#[derive(Debug, Clone)]
pub struct SlackSettings {
    /// Bot token; `None` when Slack is not configured.
    pub bot_token: Option<SecretString>,
    /// App-level token for Socket Mode.
    pub app_token: Option<SecretString>,
    /// Signing secret for the HTTP Events API.
    pub signing_secret: Option<SecretString>,
    /// An alternative Web API base.
    pub api_base_url: Option<Url>,
    /// Where the HTTP Events API listens, if at all.
    pub http_bind: Option<SocketAddr>,
    /// Users allowed to change schedules besides workspace admins.
    pub admin_user_ids: Vec<String>,
}

impl Settings {
    /// Parses every key from the layers.
    pub fn from_layers(layers: &super::Layers) -> Result<Settings, ConfigError> {
        let r = Reader::new(layers);
        Ok(Settings {
            database: DatabaseSettings {
                url: r.parse("database.url", DatabaseUrl::parse)?,
                max_connections: r.int("database.max_connections", 1, 1000)? as u32,
                connect_timeout: Duration::from_secs(r.int(
                    "database.connect_timeout_secs",
                    1,
                    600,
                )?),
            },
            log: LogSettings {
                format: r.choice(
                    "log.format",
                    &[("pretty", LogFormat::Pretty), ("json", LogFormat::Json)],
                )?,
                filter: r.string("log.filter")?,
            },
            http: HttpSettings {
                enabled: r.bool("http.enabled")?,
                bind: r.socket_addr("http.bind")?,
            },
            team: team_settings(&r)?,
            scheduler: scheduler_settings(&r)?,
            sender: SenderSettings {
                rate_per_second: r.int("sender.rate_per_second", 0, 10_000)? as u32,
                max_attempts: r.int("sender.max_attempts", 1, 100)? as u32,
                lease: Duration::from_secs(r.int("sender.lease_secs", 5, 3600)?),
            },
            discord: DiscordSettings {
                token: r.secret("discord.token")?,
                api_base_url: r.optional_url("discord.api_base_url")?,
                guild_ids: r.id_list("discord.guild_ids")?,
                members_intent: r.bool("discord.members_intent")?,
                shard_count: r.int("discord.shard_count", 0, 10_000)? as u32,
                shard_range: r.shard_range(
                    "discord.shard_ids",
                    r.int("discord.shard_count", 0, 10_000)? as u32,
                )?,
            },
            slack: SlackSettings {
                bot_token: r.secret("slack.bot_token")?,
                app_token: r.secret("slack.app_token")?,
                signing_secret: r.secret("slack.signing_secret")?,
                api_base_url: r.optional_url("slack.api_base_url")?,
                http_bind: r.optional_socket_addr("slack.http_bind")?,
                admin_user_ids: r.string_list("slack.admin_user_ids")?,
            },
            import: ImportSettings {
                max_file_bytes: r.int("import.max_file_kib", 1, 16 * 1024 * 1024)? * 1024,
                chat_max_bytes: r.int("import.chat_max_kib", 1, 8 * 1024)? * 1024,
            },
            limits: limit_settings(&r)?,
        })
    }
}

fn team_settings(r: &Reader) -> Result<TeamSettings, ConfigError> {
    let dir = r.string("team.templates_dir")?;
    Ok(TeamSettings {
        time_zone: r.parse("team.time_zone", |s| {
            ZoneName::parse(s).map_err(|e| {
                (
                    e.to_string(),
                    "an IANA time zone such as Asia/Seoul or UTC".into(),
                )
            })
        })?,
        language: r.choice("team.language", &[("en", Lang::En), ("ko", Lang::Ko)])?,
        templates_dir: (!dir.is_empty()).then(|| PathBuf::from(dir)),
        console_name: Some(r.string("team.console_name")?)
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty()),
    })
}

fn scheduler_settings(r: &Reader) -> Result<SchedulerSettings, ConfigError> {
    Ok(SchedulerSettings {
        tick_interval: Duration::from_secs(r.int("scheduler.tick_interval_secs", 1, 3600)?),
        grace_period: Duration::from_secs(
            r.int("scheduler.grace_period_hours", 0, 24 * 30)? * 3600,
        ),
        answer_window: Duration::from_secs(
            r.int("scheduler.answer_window_hours", 1, 24 * 90)? * 3600,
        ),
        reminder_at_percent: r.int("scheduler.reminder_at_percent", 0, 99)? as u8,
    })
}

fn limit_settings(r: &Reader) -> Result<LimitSettings, ConfigError> {
    Ok(LimitSettings {
        anonymity_threshold: r.int("limits.anonymity_threshold", 2, 1000)? as usize,
        recaps_per_minute: r.int("limits.recaps_per_minute", 1, 10_000)? as usize,
        recaps_at_once: r.int("limits.recaps_at_once", 1, 64)? as usize,
        schedules_per_team: r.int("limits.schedules_per_team", 1, 10_000)? as usize,
        shortest_cron_minutes: r.int("limits.shortest_cron_minutes", 1, 24 * 60)? as u32,
        run_now_per_hour: r.int("limits.run_now_per_hour", 1, 10_000)? as usize,
        participants_per_schedule: r.int("limits.participants_per_schedule", 1, 1_000_000)?
            as usize,
    })
}
