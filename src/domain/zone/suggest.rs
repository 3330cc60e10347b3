//! Zone names for what someone typed: the closest names to a typo (an abbreviation such as
//! `KST` included), and autocomplete by prefix, city and close misspelling.

use chrono_tz::TZ_VARIANTS;

use super::LONGEST_NAME;

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
pub(super) fn closest(input: &str, n: usize) -> Vec<&'static str> {
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
