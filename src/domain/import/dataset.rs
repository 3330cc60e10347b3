//! What an import writes and a team export holds: a team's rows without database ids. Rows
//! refer to each other by what identifies them for people and for the schema's unique keys: a
//! member by platform user id, a template version by its position in `templates`, a schedule
//! by name, a round by its position in `rounds`.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::plans::{
    ActionRecord, CheckWord, GoalRecord, LetterRecord, MandalartRecord, RatingRecord,
};
pub use super::records::{
    AnswerItem, AnswerRef, DeliveryRecord, FollowUpRecord, HistoryItem, MilestoneRecord,
    ResolutionRecord, RoundRecord,
};
use super::words::{opt_word, word};
use crate::domain::lang::Lang;
use crate::domain::recap::digest::DigestGrouping;
use crate::domain::state::{DeliveryMode, Platform, ScheduleState};
use crate::domain::zone::ZoneName;

/// Everything an import brings: one team's rows (or one member's part of them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// The team the rows belong to; `None` for notes, which go to the team the import names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamRecord>,
    /// The members, by user id.
    #[serde(default)]
    pub members: Vec<MemberRecord>,
    /// Template versions; rounds and schedules name them by position.
    #[serde(default)]
    pub templates: Vec<TemplateRecord>,
    /// Schedules, by name.
    #[serde(default)]
    pub schedules: Vec<ScheduleRecord>,
    /// Rounds with their deliveries and answers.
    #[serde(default)]
    pub rounds: Vec<RoundRecord>,
    /// Tracked resolutions with their follow-ups.
    #[serde(default)]
    pub resolutions: Vec<ResolutionRecord>,
    /// Milestones, by date (a document written before milestones were exported has none).
    #[serde(default)]
    pub milestones: Vec<MilestoneRecord>,
    /// Mandalarts with their checks and ratings (none in a document written before they were
    /// exported).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mandalarts: Vec<MandalartRecord>,
    /// Letters to the future, only in their author's own export (never in a team's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub letters: Vec<LetterRecord>,
}

/// A team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamRecord {
    /// Its platform.
    #[serde(with = "word")]
    pub platform: Platform,
    /// The platform's id for it.
    pub external_id: String,
    /// Its name.
    pub name: String,
    /// Its zone.
    #[serde(with = "word")]
    pub time_zone: ZoneName,
    /// Its language.
    pub language: Lang,
    /// When hoego first saw it.
    pub created_at: DateTime<Utc>,
}

/// A member of the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRecord {
    /// The platform's user id: how everything else refers to the member.
    pub user_id: String,
    /// Their name.
    pub display_name: String,
    /// Their own zone, if set.
    #[serde(default, with = "opt_word")]
    pub time_zone: Option<ZoneName>,
    /// Their language.
    pub language: Lang,
    /// Where their prompts go.
    #[serde(with = "word")]
    pub delivery: DeliveryMode,
    /// Paused until.
    #[serde(default)]
    pub paused_until: Option<DateTime<Utc>>,
    /// Their DM channel, once known.
    #[serde(default)]
    pub dm_channel_id: Option<String>,
    /// When hoego first saw them.
    pub created_at: DateTime<Utc>,
}

/// A stored version of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateRecord {
    /// The template's id, e.g. `weekly`.
    pub key: String,
    /// Its TOML source as asked.
    pub source: String,
    /// When this version was stored.
    pub created_at: DateTime<Utc>,
}

/// A schedule with its participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRecord {
    /// Its name, unique in the team.
    pub name: String,
    /// The template version it asks (a position in `templates`).
    pub template: usize,
    /// 5-field crontab expression.
    pub cron: String,
    /// Its zone; `None` asks each member in their own.
    #[serde(default, with = "opt_word")]
    pub time_zone: Option<ZoneName>,
    /// Channel for threads.
    #[serde(default)]
    pub channel_id: Option<String>,
    /// Channel for digests.
    #[serde(default)]
    pub digest_channel_id: Option<String>,
    /// How digests are grouped.
    #[serde(with = "word")]
    pub digest_group: DigestGrouping,
    /// Answer window, seconds.
    pub window_secs: i64,
    /// Reminder point in percent of the window.
    pub reminder_percent: i16,
    /// Catch-up grace, seconds.
    pub grace_secs: i64,
    /// Active or paused.
    #[serde(with = "word")]
    pub state: ScheduleState,
    /// The next occurrence, local wall-clock time.
    #[serde(default)]
    pub next_local: Option<NaiveDateTime>,
    /// When the scheduler acts on it.
    #[serde(default)]
    pub next_due_at: Option<DateTime<Utc>>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Who takes part.
    #[serde(default)]
    pub participants: Vec<ParticipantRecord>,
}

/// A member taking part in a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantRecord {
    /// The member's user id.
    pub member: String,
    /// When they joined.
    pub added_at: DateTime<Utc>,
}

impl Dataset {
    /// Gives everything of the member `from` to the member `to` (a member export imported as
    /// someone's own notes); the member records themselves are left to the caller.
    pub fn rename_member(&mut self, from: &str, to: &str) {
        let rename = |member: &mut String| {
            if member == from {
                *member = to.to_string();
            }
        };
        for schedule in &mut self.schedules {
            schedule
                .participants
                .iter_mut()
                .for_each(|p| rename(&mut p.member));
        }
        for round in &mut self.rounds {
            round
                .deliveries
                .iter_mut()
                .for_each(|d| rename(&mut d.member));
        }
        self.resolutions
            .iter_mut()
            .for_each(|r| rename(&mut r.member));
        self.milestones
            .iter_mut()
            .filter_map(|m| m.author.as_mut())
            .for_each(rename);
        self.mandalarts
            .iter_mut()
            .for_each(|m| rename(&mut m.member));
        self.letters.iter_mut().for_each(|l| rename(&mut l.member));
    }

    /// How many answers it holds.
    pub fn answer_count(&self) -> usize {
        self.rounds
            .iter()
            .flat_map(|r| &r.deliveries)
            .map(|d| d.answers.len())
            .sum()
    }
}
