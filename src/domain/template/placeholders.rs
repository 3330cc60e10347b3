//! `{placeholders}` in template texts, such as `{year}` or `{team}`, and their values for one
//! occurrence of a retrospective.
//!
//! A placeholder is `{` + ASCII letters, digits or `_` + `}`. Any other brace is plain text, so
//! `{ }` or `{2025 plan}` are left alone. Templates may only use the names in [`PLACEHOLDERS`];
//! the loader refuses any other.

use chrono::{Datelike, NaiveDate};

use super::Template;

/// Every placeholder a template may use, without braces.
pub const PLACEHOLDERS: [&str; 5] = ["year", "next_year", "quarter", "week", "team"];

/// The values placeholders take for one occurrence of a retrospective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderValues {
    /// `{year}`: the calendar year of the occurrence.
    pub year: i32,
    /// `{next_year}`: the year after `year`.
    pub next_year: i32,
    /// `{quarter}`: the calendar quarter of the occurrence, 1 to 4.
    pub quarter: u32,
    /// `{week}`: the ISO 8601 week number of the occurrence, 1 to 53.
    pub week: u32,
    /// `{team}`: the team's display name.
    pub team: String,
}

impl PlaceholderValues {
    /// The values for a retrospective held on `date` by `team`.
    ///
    /// `{year}` is the calendar year even where the ISO week belongs to another year:
    /// 2027-01-01 gives year 2027 and week 53 (of 2026).
    pub fn from_occurrence(date: NaiveDate, team: impl Into<String>) -> Self {
        PlaceholderValues {
            year: date.year(),
            next_year: date.year() + 1,
            quarter: date.month0() / 3 + 1,
            week: date.iso_week().week(),
            team: team.into(),
        }
    }

    /// The values for a round of `template` held on `date` by `team`: as
    /// [`PlaceholderValues::from_occurrence`], except that a template looking back on a year
    /// (a year-end retrospective, often held on 1 or 2 January) speaks of the year that ended
    /// when its round falls in January or February: `{year}` is that year, `{next_year}` the
    /// new one.
    pub fn for_round(template: &Template, date: NaiveDate, team: impl Into<String>) -> Self {
        let mut values = PlaceholderValues::from_occurrence(date, team);
        if template.looks_back_on_year && date.month() <= 2 {
            values.year -= 1;
            values.next_year -= 1;
        }
        values
    }

    /// The value of the placeholder `name` (without braces), if it is a known one.
    pub fn value(&self, name: &str) -> Option<String> {
        match name {
            "year" => Some(self.year.to_string()),
            "next_year" => Some(self.next_year.to_string()),
            "quarter" => Some(self.quarter.to_string()),
            "week" => Some(self.week.to_string()),
            "team" => Some(self.team.clone()),
            _ => None,
        }
    }
}

/// `text` with every known placeholder replaced by its value; unknown ones are left as written.
pub fn fill(text: &str, values: &PlaceholderValues) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for found in find_placeholders(text) {
        if let Some(value) = values.value(found.name) {
            out.push_str(&text[rest..found.start]);
            out.push_str(&value);
            rest = found.end;
        }
    }
    out.push_str(&text[rest..]);
    out
}

/// The first placeholder in `text` that is not one of [`PLACEHOLDERS`], without braces.
pub fn first_unknown(text: &str) -> Option<&str> {
    find_placeholders(text)
        .into_iter()
        .map(|found| found.name)
        .find(|name| !PLACEHOLDERS.contains(name))
}

/// A `{name}` found in a text.
struct Found<'a> {
    /// Byte offset of `{`.
    start: usize,
    /// Byte offset just past `}`.
    end: usize,
    /// What stands between the braces.
    name: &'a str,
}

/// Every `{name}` in `text`, in order.
fn find_placeholders(text: &str) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let after = open + 1;
        let Some(close) = text[after..].find('}').map(|i| after + i) else {
            break;
        };
        let name = &text[after..close];
        let is_name =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if is_name {
            found.push(Found {
                start: open,
                end: close + 1,
                name,
            });
            from = close + 1;
        } else {
            from = after;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn values_come_from_the_occurrence_date_with_iso_weeks() {
        // (date, year, next_year, quarter, week)
        let cases = [
            (date(2026, 12, 31), 2026, 2027, 4, 53),
            (date(2027, 1, 1), 2027, 2028, 1, 53),
            (date(2026, 1, 1), 2026, 2027, 1, 1),
            (date(2025, 12, 29), 2025, 2026, 4, 1),
            (date(2026, 3, 31), 2026, 2027, 1, 14),
            (date(2026, 4, 1), 2026, 2027, 2, 14),
            (date(2026, 7, 15), 2026, 2027, 3, 29),
            (date(2026, 10, 1), 2026, 2027, 4, 40),
        ];
        for (day, year, next_year, quarter, week) in cases {
            let v = PlaceholderValues::from_occurrence(day, "Core");
            assert_eq!(
                (v.year, v.next_year, v.quarter, v.week),
                (year, next_year, quarter, week),
                "{day}"
            );
            assert_eq!(v.team, "Core");
        }
    }

    #[test]
    fn fill_replaces_every_known_placeholder_and_leaves_other_braces() {
        let v = PlaceholderValues::from_occurrence(date(2026, 12, 31), "플랫폼팀");
        let cases = [
            (
                "{next_year}년의 다짐을 한 줄에 하나씩 적어 주세요.",
                "2027년의 다짐을 한 줄에 하나씩 적어 주세요.",
            ),
            ("Q{quarter} {year}, week {week}", "Q4 2026, week 53"),
            ("{team}의 {year}년", "플랫폼팀의 2026년"),
            ("{year}{year}", "20262026"),
            ("{unknown} stays, { } too, {", "{unknown} stays, { } too, {"),
            ("{{year}}", "{2026}"),
            ("no placeholders", "no placeholders"),
        ];
        for (text, want) in cases {
            assert_eq!(fill(text, &v), want, "{text}");
        }
    }

    #[test]
    fn a_team_name_that_looks_like_a_placeholder_is_not_filled_again() {
        let v = PlaceholderValues::from_occurrence(date(2026, 6, 1), "{year}");
        assert_eq!(fill("{team}!", &v), "{year}!");
    }

    #[test]
    fn the_first_unknown_placeholder_is_found() {
        let cases = [
            ("{year} and {next_year}", None),
            ("{yaer}", Some("yaer")),
            ("{week} {Team}", Some("Team")),
            ("{ not a placeholder }", None),
        ];
        for (text, want) in cases {
            assert_eq!(first_unknown(text), want, "{text}");
        }
    }
}
