//! Use cases: each platform turns its input into a platform-neutral [`command::Command`] and
//! renders the reply it gets back, so behaviour is written once, here.

pub mod command;
pub mod i18n;
