//! Milestones: dated turning points ("first day at the new job", a reorganisation), personal or
//! team-wide, and who may see them. Recaps cut their periods at the milestones their reader may
//! see ([`phases`]).

mod phases;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::ids::MemberId;
use crate::domain::visibility::Visibility;

pub use phases::{MIN_PHASE_DAYS, Phase, PhaseUnit, QUARTERS_FROM_DAYS, WHOLE_UP_TO_DAYS, phases};

/// Whose turning point a milestone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "author")]
pub enum MilestoneScope {
    /// The whole team's (a reorganisation, a launch), set by an admin; every member sees it.
    Team,
    /// One member's own, with its author.
    Member(MemberId),
}

/// Who reads a recap: one member their own, or the team's shared view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A member reading their own recap.
    Member(MemberId),
    /// A team view (team recap, digest).
    Team,
}

/// A milestone's text: one line, 1 to [`MilestoneText::MAX_LEN`] characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MilestoneText(String);

/// Why a milestone's text or date is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MilestoneError {
    /// Nothing but spaces.
    #[error("a milestone needs a few words")]
    Empty,
    /// Longer than [`MilestoneText::MAX_LEN`].
    #[error("a milestone is at most {max} characters; this one is {len}")]
    TooLong {
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A date outside [`Milestone::YEARS`].
    #[error("a milestone's year is between 1970 and 2200; {0} is not")]
    OutOfRange(NaiveDate),
}

impl MilestoneText {
    /// The longest milestone text, in characters (it becomes part of a heading).
    pub const MAX_LEN: usize = 120;

    /// Checks and wraps a milestone text; line breaks become spaces.
    pub fn parse(text: &str) -> Result<Self, MilestoneError> {
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let len = one_line.chars().count();
        match len {
            0 => Err(MilestoneError::Empty),
            len if len > Self::MAX_LEN => Err(MilestoneError::TooLong {
                len,
                max: Self::MAX_LEN,
            }),
            _ => Ok(MilestoneText(one_line)),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A dated turning point.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Milestone {
    /// The day it happened (local date).
    pub date: NaiveDate,
    /// What happened.
    pub text: MilestoneText,
    /// The team's or one member's.
    pub scope: MilestoneScope,
    /// Who may read a member's milestone: `Private` (only its author) or `Team`. Team
    /// milestones are always `Team`.
    pub visibility: Visibility,
}

impl Milestone {
    /// The years a milestone may fall in.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;

    /// Checks that `date` is in [`Milestone::YEARS`].
    pub fn check_date(date: NaiveDate) -> Result<NaiveDate, MilestoneError> {
        if Self::YEARS.contains(&date.year()) {
            Ok(date)
        } else {
            Err(MilestoneError::OutOfRange(date))
        }
    }

    /// Whether `reader` may see it: a team milestone everyone; a member's its author, and the
    /// team's views when its author shared it.
    pub fn visible_to(&self, reader: Reader) -> bool {
        match (self.scope, reader) {
            (MilestoneScope::Team, _) => true,
            (MilestoneScope::Member(author), Reader::Member(me)) => author == me,
            (MilestoneScope::Member(_), Reader::Team) => self.visibility == Visibility::Team,
        }
    }

    /// Whether it cuts the periods of `reader`'s recap: team milestones always; a member's only
    /// their own recap (one member's turning point does not turn the team's year).
    pub fn cuts_for(&self, reader: Reader) -> bool {
        match (self.scope, reader) {
            (MilestoneScope::Team, _) => true,
            (MilestoneScope::Member(author), Reader::Member(me)) => author == me,
            (MilestoneScope::Member(_), Reader::Team) => false,
        }
    }
}
