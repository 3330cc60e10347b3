//! Time zones: the IANA names people type, checked case-insensitively, with
//! suggestions for typos and for autocomplete.

use std::fmt;
use std::str::FromStr;

use chrono_tz::{TZ_VARIANTS, Tz};

/// What every zone error ends with.
const EXAMPLE: &str = "Time zones are IANA names such as Europe/Berlin or Asia/Seoul";

/// The regions of canonical IANA names; others (`US/Eastern`, `EST5EDT`) are legacy aliases.
const REGIONS: [&str; 9] = [
    "africa",
    "america",
    "antarctica",
    "asia",
    "atlantic",
    "australia",
    "europe",
    "indian",
    "pacific",
];

/// Common abbreviations that are not zones (or not the zone people mean), and the
/// zone to suggest for them.
const ABBREVIATIONS: [(&str, &str); 11] = [
    ("kst", "Asia/Seoul"),
    ("jst", "Asia/Tokyo"),
    ("ist", "Asia/Kolkata"),
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("mdt", "America/Denver"),
    ("cdt", "America/Chicago"),
    ("edt", "America/New_York"),
    ("bst", "Europe/London"),
    ("cest", "Europe/Berlin"),
    ("aest", "Australia/Sydney"),
];

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

/// Up to `n` zone names for what someone has typed so far, for autocomplete:
/// names or cities starting with it first, then names containing it, then close
/// misspellings. Canonical names come before legacy aliases.
pub fn suggest(input: &str, n: usize) -> Vec<&'static str> {
    if input.chars().count() > LONGEST_NAME {
        return Vec::new();
    }
    let wanted = normalize(input);
    let limit = typo_limit(&wanted);
    let mut ranked: Vec<(u8, usize, bool, &'static str)> = suggestible()
        .filter_map(|name| {
            let lower = name.to_ascii_lowercase();
            let (tier, distance) =
                if lower.starts_with(&wanted) || city(&lower).starts_with(&wanted) {
                    (0, 0)
                } else if lower.contains(&wanted) {
                    (1, 0)
                } else {
                    let distance = score(&wanted, &lower);
                    (distance <= limit).then_some((2, distance))?
                };
            Some((tier, distance, is_legacy(&lower), name))
        })
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().take(n).map(|(.., name)| name).collect()
}

/// The closest names to a misspelling: the zone an abbreviation such as `KST`
/// stands for, then names within a typo or two, at most one edit worse than the best.
fn closest(input: &str, n: usize) -> Vec<&'static str> {
    if input.chars().count() > LONGEST_NAME {
        return Vec::new();
    }
    let wanted = normalize(input);
    let limit = typo_limit(&wanted);
    let abbreviation = ABBREVIATIONS.iter().find(|(short, _)| *short == wanted);
    let mut ranked: Vec<(usize, bool, &'static str)> = suggestible()
        .map(|name| {
            let lower = name.to_ascii_lowercase();
            let distance = match abbreviation {
                Some((_, zone)) if *zone == name => 0,
                Some(_) => limit + 1,
                None => score(&wanted, &lower),
            };
            (distance, is_legacy(&lower), name)
        })
        .filter(|(distance, ..)| *distance <= limit)
        .collect();
    ranked.sort_unstable();
    let best = ranked.first().map_or(0, |(distance, ..)| *distance);
    ranked
        .into_iter()
        .filter(|(distance, ..)| *distance <= best + 1)
        .take(n)
        .map(|(.., name)| name)
        .collect()
}

/// `name`, or its first [`LONGEST_NAME`] characters and an ellipsis.
fn shortened(name: &str) -> String {
    let mut short: String = name.chars().take(LONGEST_NAME).collect();
    if short.len() < name.len() {
        short.push('…');
    }
    short
}

/// Zone names worth suggesting: all but `Etc/GMT+9`, `GMT-0` and the like, whose
/// sign is the reverse of what people expect (`Etc/GMT+9` is nine hours *behind* UTC).
fn suggestible() -> impl Iterator<Item = &'static str> {
    TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| !name.contains("GMT+") && !name.contains("GMT-"))
}

/// Lower case, trimmed, spaces as underscores (`New York` reads as `new_york`).
fn normalize(input: &str) -> String {
    input.trim().to_ascii_lowercase().replace(' ', "_")
}

/// How many edits still count as a typo of `wanted`.
fn typo_limit(wanted: &str) -> usize {
    (city(wanted).chars().count() / 3).max(1)
}

/// The last part of a name, usually the city: `america/new_york` → `new_york`.
fn city(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The first part of a name when it has one: `america/new_york` → `america`.
fn region(name: &str) -> Option<&str> {
    name.split_once('/').map(|(region, _)| region)
}

fn is_legacy(lower: &str) -> bool {
    !region(lower).is_some_and(|region| REGIONS.contains(&region))
}

/// Edits between `wanted` and a lower-case zone name: on the whole name, or on
/// the city alone plus one when a region was typed and differs.
fn score(wanted: &str, lower: &str) -> usize {
    let whole = edit_distance(wanted, lower);
    let penalty = match region(wanted) {
        Some(typed) if Some(typed) != region(lower) => 1,
        _ => 0,
    };
    whole.min(edit_distance(city(wanted), city(lower)) + penalty)
}

/// Edit distance over characters, counting a swap of neighbours as one edit
/// (optimal string alignment), so `Seuol` is one edit from `Seoul`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
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

    #[test]
    fn autocomplete_puts_prefix_and_city_matches_first() {
        #[rustfmt::skip]
        let cases: [(&str, usize, &str); 5] = [
            ("seo", 3, "Asia/Seoul"),
            ("asia/se", 3, "Asia/Seoul"),
            ("berl", 1, "Europe/Berlin"),
            ("new y", 3, "America/New_York"),
            ("santiago", 2, "America/Santiago"),
        ];
        for (typed, n, expected) in cases {
            let found = suggest(typed, n);
            assert_eq!(found.first(), Some(&expected), "{typed}: {found:?}");
            assert!(found.len() <= n);
        }
        assert_eq!(suggest("", 3).len(), 3);
        assert!(suggest("Seuol", 3).contains(&"Asia/Seoul"));
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        #[rustfmt::skip]
        let cases = [
            ("", "abc", 3),
            ("seol", "seoul", 1),
            ("kitten", "sitting", 3),
            ("a", "a", 0),
            ("seuol", "seoul", 1),
        ];
        for (a, b, expected) in cases {
            assert_eq!(edit_distance(a, b), expected, "{a} → {b}");
        }
    }
}
