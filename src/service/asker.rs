//! Who a use case is serving, once identified: their team and member rows, with their language
//! and time zone at hand for every message, whether the platform says they are an admin, and
//! what their platform's messages hold.

use chrono::{DateTime, NaiveDate, Utc};

use super::i18n::dates::Reader;
use super::i18n::t;
use super::limits::Limits;
use super::reply::Reply;
use super::syntax::{Example, spell};
use crate::domain::ids::RequestId;
use crate::domain::lang::Lang;
use crate::domain::team::{Member, Team};
use crate::domain::zone::ZoneName;

/// The identified person behind a command.
#[derive(Debug, Clone)]
pub struct Asker {
    /// Their team.
    pub team: Team,
    /// Their member row.
    pub member: Member,
    /// Whether the platform says they may change schedules.
    pub admin: bool,
    /// Whether the platform says they are a guest (no team views).
    pub guest: bool,
    /// The channel they wrote in, when the platform says.
    pub channel: Option<String>,
    /// What their platform's messages and forms hold.
    pub limits: Limits,
    /// The platform's id of the request being handled: claimed by the state change it makes.
    pub request: Option<RequestId>,
}

impl Asker {
    /// The language they read.
    pub fn lang(&self) -> Lang {
        self.member.language
    }

    /// Their time zone: their own, or the team's.
    pub fn zone(&self) -> ZoneName {
        self.member.time_zone.unwrap_or(self.team.time_zone)
    }

    /// A catalog message in their language.
    pub fn t(&self, id: &str, args: &[(&str, &str)]) -> String {
        t(self.lang(), id, args)
    }

    /// A command as they type it on their platform, in a code span.
    pub fn spell(&self, example: Example<'_>) -> String {
        spell(self.team.platform, self.lang(), example)
    }

    /// A reply of one text block, in their language.
    pub fn reply(&self, text: impl Into<String>) -> Reply {
        Reply::text(self.lang(), text)
    }

    /// Them as a reader of dates and times at the instant `now` (see [`Reader`]).
    pub fn reader(&self, now: DateTime<Utc>) -> Reader {
        Reader::at(self.lang(), self.zone(), now)
    }

    /// An instant as a file's timestamp on their clock, e.g. `2026-12-04 17:00 Asia/Seoul`:
    /// for exports, which outlive the year they were made in (chat uses [`Asker::reader`]).
    pub fn stamp(&self, at: DateTime<Utc>) -> String {
        let zone = self.zone();
        format!(
            "{} {}",
            at.with_timezone(&zone.tz()).format("%Y-%m-%d %H:%M"),
            zone.name()
        )
    }

    /// Today's date in their time zone.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone().tz()).date_naive()
    }
}
