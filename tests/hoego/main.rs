//! hoego's integration tests: one binary, one module per area.

mod support;

mod cli;
mod config_layers;
mod http_endpoints;
mod scheduling;
mod store_conformance;
