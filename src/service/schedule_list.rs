//! One line of the schedule list, as an admin reads it: the schedule's name, its template's
//! name and when it runs in words, its zone, the next round and its state.

use super::i18n::cron::describe;
use super::i18n::dates::Reader;
use super::i18n::t;
use crate::domain::lang::Lang;
use crate::domain::team::Team;
use crate::domain::zone::ZoneName;
use crate::store::{ScheduleSummary, Unreadable};

/// A schedule's zone in words: the zone's name, or "each member's local time".
pub(crate) fn zone_text(zone: Option<ZoneName>, lang: Lang) -> String {
    zone.map_or_else(|| t(lang, "schedule.member_local", &[]), |z| z.to_string())
}

/// One schedule of the list: its name, the template's name and when it runs in words.
pub(super) fn list_line(
    s: &ScheduleSummary,
    template: &str,
    team: &Team,
    reader: &Reader,
) -> String {
    let lang = reader.lang;
    let unreadable = |u: &Unreadable| t(lang, "schedule.unreadable", &[("value", &u.value)]);
    let cron = (s.cron.as_ref()).map_or_else(unreadable, |spec| describe(spec, lang));
    let tz = (s.time_zone.as_ref()).map_or_else(unreadable, |zone| zone_text(*zone, lang));
    let next = match (&s.time_zone, s.next_due_at) {
        (Ok(zone), Some(at)) => reader.when_in(at, zone.unwrap_or(team.time_zone)),
        _ => "-".to_string(),
    };
    let state = t(lang, &format!("schedule.state_{}", s.state), &[]);
    let item = t(
        lang,
        "schedule.list_item",
        &[
            ("name", &s.name),
            ("template", template),
            ("cron", &cron),
            ("tz", &tz),
            ("next", &next),
            ("state", &state),
            (
                "digest",
                &t(lang, &format!("schedule.digest_{}", s.digest_group), &[]),
            ),
        ],
    );
    let counts = t(
        lang,
        "schedule.list_counts",
        &[
            ("participants", &s.participants.to_string()),
            ("undeliverable", &s.undeliverable.to_string()),
        ],
    );
    format!("- {item} · {counts}")
}
