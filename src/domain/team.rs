//! Teams and their members, as the rest of hoego sees them.

use chrono::{DateTime, Utc};

use super::ids::{MemberId, TeamId};
use super::lang::Lang;
use super::state::{DeliveryMode, Platform};
use super::zone::ZoneName;

/// One Discord guild, Slack workspace or console session.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// Row id.
    pub id: TeamId,
    /// The platform it lives on.
    pub platform: Platform,
    /// The platform's id for it (guild id, workspace id).
    pub external_id: String,
    /// Its name as shown in recaps.
    pub name: String,
    /// The zone for members who have set none.
    pub time_zone: ZoneName,
    /// The language for members whose platform gives no locale.
    pub language: Lang,
}

/// What is needed to register a team.
#[derive(Debug, Clone)]
pub struct NewTeam {
    /// The platform it lives on.
    pub platform: Platform,
    /// The platform's id for it.
    pub external_id: String,
    /// Its name.
    pub name: String,
    /// Default zone.
    pub time_zone: ZoneName,
    /// Default language.
    pub language: Lang,
}

/// A person in a team.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Row id.
    pub id: MemberId,
    /// The team.
    pub team_id: TeamId,
    /// The platform's user id.
    pub user_id: String,
    /// The name shown in digests and recaps.
    pub display_name: String,
    /// Their own zone, if set; otherwise the team's applies.
    pub time_zone: Option<ZoneName>,
    /// Their language.
    pub language: Lang,
    /// Where their prompts go.
    pub delivery: DeliveryMode,
    /// Not asked in rounds before this instant.
    pub paused_until: Option<DateTime<Utc>>,
}

impl Member {
    /// Whether the member is paused at `now`.
    pub fn is_paused(&self, now: DateTime<Utc>) -> bool {
        self.paused_until.is_some_and(|until| until > now)
    }
}

/// What is needed to register a member.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// The team.
    pub team_id: TeamId,
    /// The platform's user id.
    pub user_id: String,
    /// Display name.
    pub display_name: String,
    /// First language (from the platform's locale).
    pub language: Lang,
    /// First time zone (from the platform's profile, e.g. Slack's `tz`), if it gives one.
    pub time_zone: Option<ZoneName>,
}
