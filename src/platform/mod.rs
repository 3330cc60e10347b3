//! Chat platform adapters (Discord, Slack, console). They speak to [`crate::service`] only,
//! never to the store: each turns what a person did into an
//! [`Interaction`](crate::service::Interaction), renders the reply it gets back within its own
//! [`Limits`](crate::service::Limits), and sends what the background loops send through its
//! [`Messenger`].
//!
//! A platform `hoego run` can run on is a value implementing [`ChatPlatform`], started by its
//! entry in [`PLATFORMS`] when the settings configure it. The console is the terminal session of
//! `hoego console` and is started by that command.

pub mod check;
pub mod console;
pub mod discord;
pub mod fit;
pub mod slack;
pub mod submits;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_trait::async_trait;

use self::check::{ChannelUse, Check};
use crate::config::Settings;
use crate::service::Service;
use crate::service::messenger::Messenger;

/// A chat platform, connected and handling interactions on the service it was started with.
#[async_trait]
pub trait ChatPlatform: Send {
    /// What the scheduler and sender send prompts, reminders and digests through.
    fn messenger(&self) -> Arc<dyn Messenger>;

    /// Whether it is connected (`/readyz` watches it).
    fn connection(&self) -> Connection;

    /// Completes when the platform stops on its own (a fatal error such as a refused token);
    /// a platform that never does keeps this pending.
    async fn stopped(&mut self) -> anyhow::Result<()> {
        std::future::pending().await
    }

    /// Disconnects and stops handling interactions.
    async fn stop(self: Box<Self>);
}

/// A platform starting: what [`Entry::start`] returns.
pub type Starting<'a> = Pin<Box<dyn Future<Output = anyhow::Result<Box<dyn ChatPlatform>>> + 'a>>;

/// A platform's `hoego doctor` checks running: what [`Entry::check`] returns.
pub type Checking<'a> = Pin<Box<dyn Future<Output = Vec<Check>> + Send + 'a>>;

/// A platform `hoego run` can run on.
pub struct Entry {
    /// Its name, for logs, `/readyz` and messages (the platform's stored word).
    pub name: &'static str,
    /// Whether the settings configure it (its credentials are set).
    pub configured: fn(&Settings) -> bool,
    /// Connects it with the settings and starts handling interactions on the service.
    pub start: for<'a> fn(&'a Settings, Service) -> Starting<'a>,
    /// `hoego doctor`'s checks of it: credentials, rights, each channel schedules post in,
    /// the clock; one line each, saying what to do when it fails.
    pub check: for<'a> fn(&'a Settings, &'a [ChannelUse]) -> Checking<'a>,
}

/// Every platform `hoego run` can run on.
pub const PLATFORMS: &[Entry] = &[discord::ENTRY, slack::ENTRY];

/// The platforms the settings configure.
pub fn configured(settings: &Settings) -> Vec<&'static Entry> {
    PLATFORMS
        .iter()
        .filter(|entry| (entry.configured)(settings))
        .collect()
}

/// Whether a connection is up; its owner sets it (the Discord bot on READY and RESUMED, and
/// clears it when the gateway disconnects).
#[derive(Debug, Clone, Default)]
pub struct Connection(Arc<AtomicBool>);

impl Connection {
    /// Marks the connection up or down.
    pub fn set(&self, up: bool) {
        self.0.store(up, Ordering::SeqCst);
    }

    /// Whether it is up.
    pub fn is_up(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
