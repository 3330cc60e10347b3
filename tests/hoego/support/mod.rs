//! Test support: a fresh database per test on each backend, a recording platform, and a world
//! with a hand-moved clock, so tests read like the scenario they check.

pub mod binary;
pub mod chat;
pub mod db;
pub mod golden;
pub mod language;
pub mod locks;
pub mod many_charts;
pub mod messenger;
pub mod platforms;
pub mod process;
pub mod raw;
pub mod readyz;
pub mod schema;
pub mod stall;
pub mod team;
pub mod world;
pub mod writes;
pub mod year;
pub mod year_store;
pub mod year_words;

pub use db::Backend;
