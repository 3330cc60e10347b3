//! The optional written summary above a recap (`recap … summary`): off unless the operator
//! configured an OpenAI-compatible endpoint and the team's admin turned it on. The request holds
//! exactly the condensed lines of the recap the reader is shown ([`select`]); the reply is
//! checked sentence by sentence ([`check`]) and cached by the hash of its inputs; a slow,
//! failing or unchecked reply leaves the recap alone with a one-line notice.
//!
//! [`select`]: crate::domain::summary::select
//! [`check`]: crate::domain::summary::check

mod client;
mod flow;
mod opt_in;
pub mod render;
pub mod request;

use std::sync::Arc;

pub use client::{CallError, Completion, Endpoint};
pub use flow::{SummaryPart, numerals};
pub use render::{Writer, section};
pub use request::{body as request_body, input_hash};

use crate::config::SummarySettings;

/// The configured endpoint (if any). The per-team hourly count is kept in the database
/// ([`Store::count_summary_request`]), shared by every replica.
///
/// [`Store::count_summary_request`]: crate::store::Store::count_summary_request
#[derive(Clone, Default)]
pub struct Summaries {
    /// The endpoint and its bounds; `None` when the operator configured none.
    pub endpoint: Option<Arc<Endpoint>>,
}

impl Summaries {
    /// Summaries as `settings` configure them (off without `summary.base_url`).
    pub fn from_settings(settings: &SummarySettings) -> Summaries {
        Summaries {
            endpoint: Endpoint::from_settings(settings).map(Arc::new),
        }
    }
}

impl std::fmt::Debug for Summaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Summaries")
            .field("endpoint", &self.endpoint.as_ref().map(|e| e.shown()))
            .finish()
    }
}
