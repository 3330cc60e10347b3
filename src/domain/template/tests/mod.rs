//! Tests for templates: the built-ins, loading files (and refusing broken ones), and the library.

mod built_ins;
mod capsule_questions;
mod files;
mod grid_visibility;
mod library;
mod milestone_questions;
mod recall_questions;
mod text_limits;
