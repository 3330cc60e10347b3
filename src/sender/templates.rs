//! Parsed templates by stored version: a batch of prompts usually asks one template, and its
//! TOML need not be parsed for every member.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::domain::ids::TemplateVersionId;
use crate::domain::template::Template;
use crate::service::prompts;
use crate::store::ClaimedDelivery;

/// Versions kept before the cache starts afresh.
const LIMIT: usize = 1_000;

/// Template versions already parsed (versions never change once stored).
#[derive(Debug, Default)]
pub struct TemplateCache {
    parsed: Mutex<HashMap<TemplateVersionId, Result<Arc<Template>, String>>>,
}

impl TemplateCache {
    /// The template a delivery asks, parsed once per version.
    pub fn get(&self, delivery: &ClaimedDelivery) -> Result<Arc<Template>, String> {
        let mut parsed = self
            .parsed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = parsed.get(&delivery.template_id) {
            return found.clone();
        }
        if parsed.len() >= LIMIT {
            parsed.clear();
        }
        let fresh = prompts::template_of(delivery).map(Arc::new);
        parsed.insert(delivery.template_id, fresh.clone());
        fresh
    }
}
