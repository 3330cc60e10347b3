//! What an admin types into a schedule, read once: its name (letters, digits and hyphens, the
//! grammar said when refused) and its zone (refused in the same words as everywhere else), and
//! the hint shown when a team has no schedule yet.

use super::command::ScheduleTz;
use super::error::ServiceError;
use super::i18n::t;
use super::settings::unknown_zone;
use super::syntax::{Example, spell};
use crate::domain::lang::Lang;
use crate::domain::schedule_name::ScheduleName;
use crate::domain::team::Team;
use crate::domain::zone::ZoneName;

/// `None` for member-local; the team's zone when none was given.
pub(super) fn schedule_zone(
    tz: Option<&ScheduleTz>,
    team: &Team,
    lang: Lang,
) -> Result<Option<ZoneName>, ServiceError> {
    match tz {
        Some(ScheduleTz::Local) => Ok(None),
        Some(ScheduleTz::Zone(name)) => ZoneName::parse(name)
            .map(Some)
            .map_err(|e| unknown_zone(lang, name, &e)),
        None => Ok(Some(team.time_zone)),
    }
}

/// "No schedules yet", with the command that adds one on the team's platform.
pub(super) fn none_yet(team: &Team, lang: Lang) -> String {
    let add = Example::ScheduleAdd {
        template: "weekly",
        cron: "0 17 * * FRI",
    };
    let example = spell(team.platform, lang, add);
    t(lang, "schedule.none_yet", &[("example", &example)])
}

/// A schedule name as typed, or the refusal stating the grammar.
pub(super) fn schedule_name(typed: &str, lang: Lang) -> Result<String, ServiceError> {
    ScheduleName::parse(typed)
        .map(|name| name.as_str().to_string())
        .map_err(|_| {
            let max = ScheduleName::MAX_LEN.to_string();
            ServiceError::User(t(
                lang,
                "schedule.bad_name",
                &[("name", typed), ("max", &max)],
            ))
        })
}
