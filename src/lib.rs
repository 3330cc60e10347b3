//! hoego (회고, "looking back"): a self-hosted reflection bot that asks a team's members
//! retrospective questions on a schedule, keeps every answer, and compiles recaps.
//!
//! Layers: [`domain`] (pure) ← [`service`] (use cases) ← [`platform`] adapters; [`store`] holds
//! all SQL; [`startup`] wires them together.

pub mod background;
pub mod cli;
mod cli_preview;
mod cli_recap;
pub mod clock;
pub mod config;
pub mod doctor;
pub mod domain;
pub mod http;
pub mod platform;
pub mod scheduler;
pub mod sender;
pub mod service;
pub mod setup;
pub mod startup;
pub mod store;
pub mod telemetry;
