//! The binary's outer shell: the command line ([`cli`]) parses arguments and reports outcomes,
//! [`startup`] wires the layers together and runs them, [`background`] starts and stops the
//! scheduler and sender, [`http`] serves the operator's endpoints, [`telemetry`] sets up logs,
//! [`doctor`] checks a configured deployment without changing it, [`supervise`] restarts a
//! background loop that panicked, [`one_runner`] keeps a second hoego off one SQLite file.
//! The CLI calls startup; startup knows nothing of the CLI. Both speak [`Failure`].

pub mod background;
pub mod cli;
pub mod doctor;
pub mod http;
pub mod one_runner;
pub mod startup;
pub mod supervise;
pub mod telemetry;

use crate::config::ConfigError;

/// Why a command failed, which decides the process's exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad usage (exit code 2): the message says what works.
    #[error("{0}")]
    Usage(String),
    /// Bad configuration (exit code 2).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Something failed while running (exit code 1).
    #[error(transparent)]
    Runtime(#[from] anyhow::Error),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Config(_) => 2,
            Failure::Runtime(_) => 1,
        }
    }
}
