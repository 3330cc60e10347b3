//! Time zones: the IANA names people type, checked case-insensitively, with suggestions for
//! typos and for autocomplete ([`suggest`]).

mod suggest;

use std::fmt;
use std::str::FromStr;

use chrono_tz::{TZ_VARIANTS, Tz};

use self::suggest::closest;
pub use self::suggest::suggest;

/// What every zone error ends with.
const EXAMPLE: &str = "Time zones are IANA names such as Europe/Berlin or Asia/Seoul";

/// Longer than any zone name: a longer argument gets no suggestions (none could be close, and
/// comparing it with every name would cost its length times theirs) and is repeated back cut.
pub const LONGEST_NAME: usize = 40;

/// An IANA time zone that a team's schedules run in, e.g. `Asia/Seoul`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneName(Tz);

/// Why a time zone name was refused; the message suggests the closest real names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    /// Nothing was given.
    #[error("no time zone given. {EXAMPLE}")]
    Empty,
    /// The name is not an IANA time zone.
    #[error("unknown time zone {input:?}{} {EXAMPLE}", did_you_mean(.suggestions))]
    Unknown {
        /// The name as given (trimmed).
        input: String,
        /// Up to three closest IANA names, best first; may be empty.
        suggestions: Vec<&'static str>,
    },
}

/// "; did you mean A, B or C?", or a full stop when there is nothing close.
fn did_you_mean(suggestions: &[&str]) -> String {
    match suggestions.split_last() {
        None => ".".to_string(),
        Some((only, [])) => format!("; did you mean {only}?"),
        Some((last, rest)) => format!("; did you mean {} or {last}?", rest.join(", ")),
    }
}

impl ZoneName {
    /// Coordinated Universal Time.
    pub const UTC: ZoneName = ZoneName(Tz::UTC);

    /// Accepts an IANA name in any letter case (`asia/seoul`, `UTC`); a typo is
    /// refused with up to three close names.
    pub fn parse(input: &str) -> Result<ZoneName, ZoneError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(ZoneError::Empty);
        }
        TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
            .map(|tz| ZoneName(*tz))
            .ok_or_else(|| ZoneError::Unknown {
                input: shortened(name),
                suggestions: closest(name, 3),
            })
    }

    /// The zone, for time arithmetic.
    pub fn tz(&self) -> Tz {
        self.0
    }

    /// The IANA name in its canonical spelling, e.g. `Asia/Seoul`.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for ZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ZoneName {
    type Err = ZoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ZoneName::parse(s)
    }
}

/// `name`, or its first [`LONGEST_NAME`] characters and an ellipsis.
fn shortened(name: &str) -> String {
    let mut short: String = name.chars().take(LONGEST_NAME).collect();
    if short.len() < name.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_names_are_accepted_in_any_letter_case() {
        #[rustfmt::skip]
        let cases = [
            ("asia/seoul", "Asia/Seoul"),
            ("Asia/Seoul", "Asia/Seoul"),
            ("UTC", "UTC"),
            ("utc", "UTC"),
            (" Europe/Berlin ", "Europe/Berlin"),
            ("AMERICA/NEW_YORK", "America/New_York"),
            ("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"),
        ];
        for (input, canonical) in cases {
            let zone = ZoneName::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(zone.to_string(), canonical, "{input}");
            assert_eq!(zone.tz().name(), canonical, "{input}");
        }
        assert_eq!(
            "Asia/Seoul".parse::<ZoneName>().map(|z| z.tz()),
            Ok(Tz::Asia__Seoul)
        );
    }

    #[test]
    fn a_typo_is_refused_with_the_closest_names_first() {
        #[rustfmt::skip]
        let cases = [
            ("Asia/Seol", "Asia/Seoul"),
            ("New York", "America/New_York"),
            ("America/NewYork", "America/New_York"),
            ("Seoul", "Asia/Seoul"),
            ("Europe/Berln", "Europe/Berlin"),
            ("Asia/Berlin", "Europe/Berlin"),
            ("America/Santiag", "America/Santiago"),
            ("KST", "Asia/Seoul"),
            ("pdt", "America/Los_Angeles"),
        ];
        for (input, best) in cases {
            match ZoneName::parse(input) {
                Err(ZoneError::Unknown { suggestions, .. }) => {
                    assert_eq!(suggestions.first(), Some(&best), "{input}: {suggestions:?}");
                    assert!(suggestions.len() <= 3, "{input}: {suggestions:?}");
                }
                other => panic!("{input}: expected a suggestion, got {other:?}"),
            }
        }
    }

    #[test]
    fn the_typo_message_names_the_suggestion_and_an_example() {
        let error = ZoneName::parse("Asia/Seol").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown time zone \"Asia/Seol\"; did you mean Asia/Seoul? \
             Time zones are IANA names such as Europe/Berlin or Asia/Seoul"
        );
    }

    #[test]
    fn a_name_nothing_like_a_zone_still_gets_an_example() {
        let error = ZoneName::parse("qqqqqqqqqq").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown time zone \"qqqqqqqqqq\". \
             Time zones are IANA names such as Europe/Berlin or Asia/Seoul"
        );
        assert_eq!(ZoneName::parse("  "), Err(ZoneError::Empty));
    }

    #[test]
    fn an_argument_longer_than_any_zone_gets_no_suggestions_and_is_cut() {
        let long = format!("Asia/Seoul{}", "x".repeat(10_000));
        let Err(ZoneError::Unknown { input, suggestions }) = ZoneName::parse(&long) else {
            panic!("refused");
        };
        assert!(suggestions.is_empty());
        assert_eq!(input.chars().count(), LONGEST_NAME + 1);
        assert!(suggest(&long, 5).is_empty());
        assert_eq!(closest("Asia/Seuol", 1), vec!["Asia/Seoul"]);
    }
}
