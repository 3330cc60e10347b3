//! The rows of a dataset that come with each round: deliveries, answers with their earlier
//! texts, and the resolutions, follow-ups and milestones that refer back to them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::words::word;
use crate::domain::state::{DeliveryStatus, ResolutionStatus, RoundStatus};
use crate::domain::visibility::Visibility;

/// A round with its deliveries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    /// Its schedule's name; `None` for a one-off round (or a schedule the import does not know).
    #[serde(default)]
    pub schedule: Option<String>,
    /// The template version asked (a position in `templates`).
    pub template: usize,
    /// The occurrence, local wall-clock time.
    pub occurrence_local: NaiveDateTime,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// When its window closes.
    pub closes_at: DateTime<Utc>,
    /// Open, closed or missed.
    #[serde(with = "word")]
    pub status: RoundStatus,
    /// When it closed.
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// One per member asked.
    #[serde(default)]
    pub deliveries: Vec<DeliveryRecord>,
}

/// One member's prompt in a round, with their answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    /// The member's user id.
    pub member: String,
    /// Where it stands.
    #[serde(with = "word")]
    pub status: DeliveryStatus,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// When the member's window closes.
    pub closes_at: DateTime<Utc>,
    /// When the reminder was due.
    #[serde(default)]
    pub remind_at: Option<DateTime<Utc>>,
    /// When it was reminded.
    #[serde(default)]
    pub reminded_at: Option<DateTime<Utc>>,
    /// Send attempts.
    #[serde(default)]
    pub attempts: i32,
    /// When the sender may try next.
    pub next_attempt_at: DateTime<Utc>,
    /// Where the prompt was posted.
    #[serde(default)]
    pub platform_channel_id: Option<String>,
    /// The posted prompt's id.
    #[serde(default)]
    pub platform_message_id: Option<String>,
    /// The last sending error.
    #[serde(default)]
    pub last_error: Option<String>,
    /// When it was sent.
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was answered, skipped or missed.
    #[serde(default)]
    pub finished_at: Option<DateTime<Utc>>,
    /// The answers, in the order first written.
    #[serde(default)]
    pub answers: Vec<AnswerItem>,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerItem {
    /// The question's id in the round's template.
    pub question_id: String,
    /// The stored text.
    pub value: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// First written.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Earlier texts, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryItem>,
}

/// An earlier text of an edited answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryItem {
    /// The text it had.
    pub value: String,
    /// Who could read it then.
    pub visibility: Visibility,
    /// When it was replaced.
    pub replaced_at: DateTime<Utc>,
}

/// A tracked resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolutionRecord {
    /// Whose (user id).
    pub member: String,
    /// The answer it came from: a round (position in `rounds`) and a question id.
    #[serde(default)]
    pub answer: Option<AnswerRef>,
    /// Its place in that answer's list.
    pub position: i32,
    /// What was resolved.
    pub text: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// Where it stands.
    #[serde(with = "word")]
    pub status: ResolutionStatus,
    /// When it was set.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Follow-ups, oldest first.
    #[serde(default)]
    pub follow_ups: Vec<FollowUpRecord>,
}

/// Which answer a resolution came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRef {
    /// The round (a position in `rounds`); the member is the resolution's.
    pub round: usize,
    /// The question's id.
    pub question_id: String,
}

/// A follow-up on a resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRecord {
    /// The round it was given in (a position in `rounds`), if any.
    #[serde(default)]
    pub round: Option<usize>,
    /// The status it set.
    #[serde(with = "word")]
    pub status: ResolutionStatus,
    /// Its note.
    #[serde(default)]
    pub note: String,
    /// When it was given.
    pub created_at: DateTime<Utc>,
}

/// A milestone: a member's own turning point or the team's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRecord {
    /// Who added it (user id); `None` in a member's export for a team milestone someone else
    /// added (restored as added by the document's member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Whether it is the whole team's rather than its author's own.
    #[serde(default)]
    pub team_wide: bool,
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    pub text: String,
    /// Who may see it: `private` or `team` (a team-wide one is always `team`).
    pub visibility: Visibility,
    /// The answer it was made from (a round and a question of the author's), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<AnswerRef>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}
