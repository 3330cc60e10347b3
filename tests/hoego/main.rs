//! hoego's integration tests: one binary, one module per area.

mod support;

mod answer_store;
mod answering;
mod cli;
mod config_layers;
mod console;
mod console_schedule;
mod console_session;
mod discord;
mod docs_examples;
mod doctor;
mod follow_ups;
mod golden;
mod hostile;
mod http_endpoints;
mod import;
mod mandalart;
mod memory_platform;
mod migrations;
mod milestone_answers;
mod milestones;
mod personal;
mod privacy;
mod privacy_property;
mod read_only;
mod recap_cli;
mod recap_post;
mod recap_privacy;
mod recaps;
mod replicas;
mod resolutions;
mod scheduling;
mod slack;
mod store_conformance;
