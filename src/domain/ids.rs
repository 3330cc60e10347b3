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
