//! Time capsules: a letter to one's future self (or, from an admin, to the team), sealed until a
//! day. Until then its text is in no view but its author's export; on the day hoego sends it back
//! once. This module holds what a letter is ([`LetterText`]), when it opens ([`opens_at`]) and
//! which day it opens by default ([`default_day`]).

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::domain::schedule::resolve_local;

/// The hour of the day (on its reader's clock) a letter is opened.
pub const OPENING_HOUR: u32 = 9;

/// A letter's text: trimmed, 1 to [`LetterText::MAX_LEN`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterText(String);

/// Why a letter's text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    /// Nothing but spaces.
    #[error("a letter needs a few words")]
    Empty,
    /// Longer than [`LetterText::MAX_LEN`].
    #[error("a letter is at most {max} characters; this one is {len}")]
    TooLong {
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
}

impl LetterText {
    /// Most characters a letter holds (what a Slack modal's input takes).
    pub const MAX_LEN: usize = 3000;

    /// Reads a letter as typed.
    pub fn parse(text: &str) -> Result<LetterText, LetterError> {
        let text = text.trim();
        let len = text.chars().count();
        match len {
            0 => Err(LetterError::Empty),
            len if len > Self::MAX_LEN => Err(LetterError::TooLong {
                len,
                max: Self::MAX_LEN,
            }),
            _ => Ok(LetterText(text.to_string())),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The instant a letter for `day` opens: [`OPENING_HOUR`] on that day in `tz`.
pub fn opens_at(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let nine = NaiveTime::from_hms_opt(OPENING_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    resolve_local(day.and_time(nine), tz)
}

/// Where a letter's default day came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultDay {
    /// The day of the team's next year-end round.
    YearEndRound(NaiveDate),
    /// The last day of the year (the team has no year-end round coming).
    EndOfYear(NaiveDate),
}

impl DefaultDay {
    /// The day itself.
    pub fn day(self) -> NaiveDate {
        match self {
            DefaultDay::YearEndRound(day) | DefaultDay::EndOfYear(day) => day,
        }
    }
}

/// The day a letter written `today` opens when its author names none: the earliest of the
/// `year_end_rounds` after today, else 31 December of this year (of next year on 31 December).
pub fn default_day(today: NaiveDate, year_end_rounds: &[NaiveDate]) -> DefaultDay {
    if let Some(round) = year_end_rounds.iter().filter(|d| **d > today).min() {
        return DefaultDay::YearEndRound(*round);
    }
    let year = match (today.month(), today.day()) {
        (12, 31) => today.year() + 1,
        _ => today.year(),
    };
    DefaultDay::EndOfYear(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today))
}

/// The day a letter written as an answer to a round held on `round_day` opens: the earliest of
/// the team's coming `year_end_rounds` at least half a year after the round (next year's round,
/// not one still to come this season), else the round's day a year later (28 February for a
/// 29th); always after `today`.
pub fn answer_letter_day(
    round_day: NaiveDate,
    today: NaiveDate,
    year_end_rounds: &[NaiveDate],
) -> NaiveDate {
    let later = |months| round_day.checked_add_months(Months::new(months));
    let half_a_year = later(6).unwrap_or(round_day);
    let day = year_end_rounds
        .iter()
        .copied()
        .filter(|d| *d >= half_a_year)
        .min()
        .or_else(|| later(12))
        .unwrap_or(round_day);
    day.max(today.succ_opt().unwrap_or(today))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_letter_is_trimmed_and_refused_when_empty_or_too_long() {
        assert_eq!(
            LetterText::parse("  Dear me \n").unwrap().as_str(),
            "Dear me"
        );
        assert_eq!(LetterText::parse(" \n "), Err(LetterError::Empty));
        let long = "가".repeat(3001);
        assert_eq!(
            LetterText::parse(&long),
            Err(LetterError::TooLong {
                len: 3001,
                max: 3000
            })
        );
        assert!(LetterText::parse(&"가".repeat(3000)).is_ok());
    }

    #[test]
    fn the_default_day_is_the_next_year_end_round_else_the_last_day_of_the_year() {
        let today = day(2026, 12, 7);
        let rounds = [day(2025, 12, 28), day(2027, 12, 27), day(2026, 12, 28)];
        assert_eq!(
            default_day(today, &rounds),
            DefaultDay::YearEndRound(day(2026, 12, 28))
        );
        assert_eq!(
            default_day(today, &[today]),
            DefaultDay::EndOfYear(day(2026, 12, 31))
        );
        assert_eq!(
            default_day(day(2026, 12, 31), &[]),
            DefaultDay::EndOfYear(day(2027, 12, 31))
        );
    }

    #[test]
    fn an_answer_letter_opens_at_next_years_year_end_round_else_a_year_after_its_round() {
        let round = day(2026, 12, 28);
        let next_year = [day(2027, 12, 27)];
        assert_eq!(
            answer_letter_day(round, day(2026, 12, 29), &next_year),
            day(2027, 12, 27)
        );
        // A round run early: this season's regular round is no "year from now".
        let this_season = [day(2026, 12, 28), day(2027, 12, 27)];
        assert_eq!(
            answer_letter_day(day(2026, 12, 7), day(2026, 12, 7), &this_season[..1]),
            day(2027, 12, 7)
        );
        assert_eq!(
            answer_letter_day(day(2026, 12, 7), day(2026, 12, 7), &this_season),
            day(2027, 12, 27)
        );
        assert_eq!(answer_letter_day(round, round, &[]), day(2027, 12, 28));
        assert_eq!(
            answer_letter_day(day(2028, 2, 29), day(2028, 2, 29), &[]),
            day(2029, 2, 28)
        );
    }

    #[test]
    fn a_letter_opens_at_nine_on_its_readers_clock() {
        let seoul: Tz = "Asia/Seoul".parse().unwrap();
        let at = opens_at(day(2027, 12, 31), seoul);
        assert_eq!(at.to_rfc3339(), "2027-12-31T00:00:00+00:00");
    }
}
