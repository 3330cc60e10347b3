//! hoego (회고, "looking back"): a self-hosted reflection bot that asks a team's members
//! retrospective questions on a schedule, keeps every answer, and compiles recaps.
//!
//! Layers: [`domain`] (pure) ← [`service`] (use cases) ← [`platform`] adapters; [`store`] holds
//! all SQL; [`scheduler`] and [`sender`] are the background loops; [`app`] is the binary's outer
//! shell (the command line, and the startup that wires everything together).

pub mod app;
pub mod config;
pub mod domain;
pub mod platform;
pub mod scheduler;
pub mod sender;
pub mod service;
pub mod store;
