//! Stored text decoded into typed values when a row is read: a schedule's expression and zones,
//! a member's zone, a template version's TOML (parsed once per version for everyone: the sender,
//! the answer forms, recaps, digests and exports). A value that does not decode is kept as [`Unreadable`] beside the row, so the
//! reader can report it (and skip what depends on it) without failing every other row, and never
//! reads it as something else (an unreadable zone is not "member-local").

use std::sync::Arc;

use chrono::Duration;

use crate::domain::ids::TemplateVersionId;
use crate::domain::memo::Memo;
use crate::domain::schedule::{CronSpec, ScheduleRule, Timing};
use crate::domain::template::Template;
use crate::domain::zone::ZoneName;

/// Distinct expressions or zone names kept before a memo starts afresh.
const MEMO_LIMIT: usize = 10_000;
/// Template versions kept before their memo starts afresh.
const TEMPLATE_LIMIT: usize = 1_000;

/// A stored value that cannot be decoded: which column, what it held, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{column} holds {value:?}, which cannot be read: {problem}")]
pub struct Unreadable {
    /// The column, e.g. `schedules.time_zone`.
    pub column: &'static str,
    /// The stored text.
    pub value: String,
    /// What is wrong with it.
    pub problem: String,
}

/// Decoders with their memos: a tick reads the same few expressions and zones for thousands of
/// rows, and each is parsed once per process.
#[derive(Debug)]
pub(crate) struct Decoders {
    crons: Memo<String, Result<CronSpec, String>>,
    zones: Memo<String, Result<ZoneName, String>>,
    templates: Memo<TemplateVersionId, Result<Arc<Template>, String>>,
}

impl Default for Decoders {
    fn default() -> Self {
        Decoders {
            crons: Memo::new(MEMO_LIMIT),
            zones: Memo::new(MEMO_LIMIT),
            templates: Memo::new(TEMPLATE_LIMIT),
        }
    }
}

impl Decoders {
    /// A stored crontab expression.
    pub fn cron(&self, column: &'static str, raw: &str) -> Result<CronSpec, Unreadable> {
        self.crons
            .get_or(raw.to_string(), |raw| {
                CronSpec::parse(raw).map_err(|e| e.to_string())
            })
            .map_err(|problem| unreadable(column, raw, problem))
    }

    /// A stored zone name.
    pub fn zone(&self, column: &'static str, raw: &str) -> Result<ZoneName, Unreadable> {
        self.zones
            .get_or(raw.to_string(), |raw| {
                ZoneName::parse(raw).map_err(|e| e.to_string())
            })
            .map_err(|problem| unreadable(column, raw, problem))
    }

    /// A stored template version (versions never change once stored, so the id is the key).
    pub fn template(
        &self,
        id: TemplateVersionId,
        source: &str,
    ) -> Result<Arc<Template>, Unreadable> {
        self.templates
            .get_or(id, |id| {
                let name = format!("template version {id}");
                Template::from_toml(&name, source)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .map_err(|problem| unreadable("templates.source", &format!("version {id}"), problem))
    }

    /// A template version already decoded, if it was.
    pub fn known_template(
        &self,
        id: TemplateVersionId,
    ) -> Option<Result<Arc<Template>, Unreadable>> {
        let known = self.templates.get(&id)?;
        Some(
            known.map_err(|problem| {
                unreadable("templates.source", &format!("version {id}"), problem)
            }),
        )
    }

    /// A stored zone name or NULL.
    pub fn opt_zone(
        &self,
        column: &'static str,
        raw: Option<&str>,
    ) -> Result<Option<ZoneName>, Unreadable> {
        raw.map(|raw| self.zone(column, raw)).transpose()
    }

    /// A schedule's rule from its stored columns (`time_zone` NULL is member-local).
    pub fn rule(&self, stored: &StoredRule) -> Result<ScheduleRule, Unreadable> {
        let percent = stored.reminder_percent;
        Ok(ScheduleRule {
            cron: self.cron("schedules.cron", &stored.cron)?,
            timing: match self.opt_zone("schedules.time_zone", stored.time_zone.as_deref())? {
                Some(zone) => Timing::Zone(zone.tz()),
                None => Timing::MemberLocal,
            },
            window: Duration::seconds(stored.window_secs),
            grace: Duration::seconds(stored.grace_secs),
            reminder_percent: u8::try_from(percent)
                .ok()
                .filter(|p| *p <= 100)
                .ok_or_else(|| {
                    unreadable(
                        "schedules.reminder_percent",
                        &percent.to_string(),
                        "not a percentage".into(),
                    )
                })?,
        })
    }
}

/// A schedule's timing columns as stored.
pub(crate) struct StoredRule {
    pub cron: String,
    pub time_zone: Option<String>,
    pub window_secs: i64,
    pub grace_secs: i64,
    pub reminder_percent: i64,
}

fn unreadable(column: &'static str, raw: &str, problem: String) -> Unreadable {
    Unreadable {
        column,
        value: raw.to_string(),
        problem,
    }
}
