//! Importing a team's or a member's past: hoego's own export document, a folder of Markdown
//! notes, or a CSV from a check-in tool, each read whole into a [`Dataset`] (or refused with
//! the file and place named) before anything is written. The store writes a dataset in one
//! transaction, keyed so that importing the same data twice adds nothing.

pub mod csv;
pub mod dataset;
pub mod document;
pub mod headings;
pub mod markdown;
pub mod notes;
mod plans;
pub mod problem;
mod records;
pub mod validate;
mod validate_plans;
pub mod when;
mod words;

pub use dataset::Dataset;
pub use document::{Document, DocumentKind, parse_document};
pub use problem::{ImportError, Place, Problem};
