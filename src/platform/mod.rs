//! Chat platform adapters (Discord, Slack, console). They speak to [`crate::service`] only,
//! never to the store.

pub mod console;
pub mod discord;
pub mod fit;
pub mod slack;
