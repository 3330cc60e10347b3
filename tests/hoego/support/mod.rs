//! Test support: a fresh database per test on each backend, and helpers that read like the
//! scenario.

pub mod chat;
pub mod db;

pub use db::Backend;
