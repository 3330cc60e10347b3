//! Row identifiers, one type each so that a round id cannot be passed where a member id belongs.

use std::fmt;

macro_rules! row_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

row_id!(
    /// A team (one Discord guild, Slack workspace or console).
    TeamId,
    /// A member of a team.
    MemberId,
    /// A stored version of a template, as asked by the rounds that use it.
    TemplateVersionId,
    /// A schedule.
    ScheduleId,
    /// A round: one occurrence of a schedule.
    RoundId,
    /// One member's prompt in one round.
    DeliveryId,
    /// One answer to one question.
    AnswerId,
    /// A tracked resolution.
    ResolutionId,
    /// A file a member sent to import from chat, kept until they confirm it.
    PendingImportId,
    /// A letter sealed until a day (a time capsule).
    CapsuleId,
);

/// The platform's id of one request a person made (a Discord interaction, a Slack view
/// submission or block action), prefixed with the platform so two platforms' ids never meet. A
/// state change claims it in its own transaction, so the same request seen twice (by two
/// replicas, or delivered again by the platform) changes things once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// A Discord interaction's id.
    pub fn discord(interaction: impl fmt::Display) -> Self {
        RequestId(format!("discord:{interaction}"))
    }

    /// A Slack request's id (a view submission's view id and hash, a block action's trigger id).
    pub fn slack(request: impl fmt::Display) -> Self {
        RequestId(format!("slack:{request}"))
    }

    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
