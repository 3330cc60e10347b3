//! A validated 5-field crontab expression and its zone-free evaluation into
//! local wall-clock times.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};

use super::field::{Field, Fields, parse_field};
use super::{CronError, CronField};

/// A validated 5-field crontab expression (minute hour day-of-month month day-of-week).
///
/// Day-of-week 0 and 7 are Sunday and 1 is Monday, as in POSIX crontab; when both
/// day-of-month and day-of-week are restricted, a day matching either one fires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronSpec {
    source: String,
    fields: Fields,
    cron: Cron,
}

impl CronSpec {
    /// Checks `expr` field by field and prepares it for evaluation.
    pub fn parse(expr: &str) -> Result<CronSpec, CronError> {
        let source = expr.trim();
        if source.is_empty() {
            return Err(CronError::Empty);
        }
        if let Some(instead) = shortcut(source) {
            let expr = source.to_string();
            return Err(CronError::Shortcut { expr, instead });
        }
        let parts: Vec<&str> = source.split_whitespace().collect();
        let [minute, hour, dom, month, dow] = parts[..] else {
            let count = parts.len();
            return Err(CronError::FieldCount {
                expr: source.to_string(),
                count,
            });
        };
        let fields = Fields {
            minute: parse_field(CronField::Minute, minute)?,
            hour: parse_field(CronField::Hour, hour)?,
            dom: parse_field(CronField::DayOfMonth, dom)?,
            month: parse_field(CronField::Month, month)?,
            dow: parse_field(CronField::DayOfWeek, dow)?,
        };
        let cron = engine(source, &fields)?;
        if !fires_at_all(&cron) {
            return Err(CronError::NeverFires {
                expr: source.to_string(),
            });
        }
        Ok(CronSpec {
            source: source.to_string(),
            fields,
            cron,
        })
    }

    /// The expression as it was given (without surrounding whitespace).
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The next wall-clock time strictly after `after` that the expression matches.
    ///
    /// Zone-free: no time zone is involved, so no wall time is skipped or repeated.
    /// Pass the previous *scheduled* wall time, never "now"; seconds are always zero.
    /// `None` only past the engine's search horizon (year 5000).
    pub fn next_local_after(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        let whole_second = after.with_nanosecond(0)?;
        // croner evaluates a `NaiveDateTime` as a plain wall clock: every wall time
        // exists exactly once, so this is the same as evaluating in UTC.
        self.cron.find_next_occurrence(&whole_second, false).ok()
    }

    /// The parsed fields, for descriptions.
    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }
}

impl fmt::Display for CronSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl FromStr for CronSpec {
    type Err = CronError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CronSpec::parse(s)
    }
}

/// The 5-field equivalent of an `@daily`-style shortcut.
fn shortcut(source: &str) -> Option<&'static str> {
    let name = source.strip_prefix('@')?.to_ascii_lowercase();
    Some(match name.as_str() {
        "yearly" | "annually" => "0 0 1 1 *",
        "monthly" => "0 0 1 * *",
        "weekly" => "0 0 * * SUN",
        "daily" | "midnight" => "0 0 * * *",
        "hourly" => "0 * * * *",
        _ => return None,
    })
}

/// Hands the checked fields to croner, in purely numeric form.
///
/// croner is chosen over the `cron` crate on purpose: `cron` 0.17 was measured
/// skipping a 02:30 schedule on spring-forward days and firing it twice on
/// fall-back days, and it numbers weekdays with 1 = Sunday. croner follows POSIX
/// crontab (0 and 7 = Sunday, 1 = Monday, day-of-month OR day-of-week) and fires
/// once on both DST days. hoego goes further and evaluates wall-clock times only,
/// leaving zones to `resolve_local`.
fn engine(source: &str, fields: &Fields) -> Result<Cron, CronError> {
    let numeric = [
        &fields.minute,
        &fields.hour,
        &fields.dom,
        &fields.month,
        &fields.dow,
    ]
    .map(Field::engine_text)
    .join(" ");
    let parser = CronParser::builder()
        .seconds(Seconds::Disallowed)
        .year(Year::Disallowed)
        .build();
    parser.parse(&numeric).map_err(|error| CronError::Engine {
        expr: source.to_string(),
        reason: error.to_string(),
    })
}

/// Whether any calendar date matches: the Gregorian weekday/leap pattern repeats
/// every 28 years between 1901 and 2099, so 2000-2028 covers every case.
fn fires_at_all(cron: &Cron) -> bool {
    let Some(first) = NaiveDate::from_ymd_opt(2000, 1, 1) else {
        return true;
    };
    first
        .iter_days()
        .take_while(|day| day.year() < 2029)
        .any(|day| {
            let weekday =
                croner::Weekday::from_days_from_sunday(day.weekday().num_days_from_sunday());
            let pattern = &cron.pattern;
            pattern.month_match(day.month()).unwrap_or(false)
                && pattern
                    .day_match(day.year(), day.month(), day.day(), weekday)
                    .unwrap_or(false)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test time")
    }

    /// The next `count` wall times after `from`, as text.
    fn next_times(spec: &CronSpec, from: &str, count: usize) -> Vec<String> {
        std::iter::successors(spec.next_local_after(at(from)), |t| {
            spec.next_local_after(*t)
        })
        .take(count)
        .map(|t| t.format("%a %Y-%m-%d %H:%M").to_string())
        .collect()
    }

    #[test]
    fn valid_five_field_expressions_match_the_expected_wall_times() {
        #[rustfmt::skip]
        let cases: [(&str, &str, [&str; 2]); 14] = [
            ("0 17 * * 7", "2026-03-02 00:00", ["Sun 2026-03-08 17:00", "Sun 2026-03-15 17:00"]),
            ("0 17 * * 0", "2026-03-02 00:00", ["Sun 2026-03-08 17:00", "Sun 2026-03-15 17:00"]),
            ("0 17 * * 1", "2026-03-02 17:00", ["Mon 2026-03-09 17:00", "Mon 2026-03-16 17:00"]),
            ("0 9 * * MON-FRI", "2026-03-06 09:00", ["Mon 2026-03-09 09:00", "Tue 2026-03-10 09:00"]),
            ("0 9 * * fri-sun", "2026-03-05 00:00", ["Fri 2026-03-06 09:00", "Sat 2026-03-07 09:00"]),
            ("0 18 L * *", "2026-02-01 00:00", ["Sat 2026-02-28 18:00", "Tue 2026-03-31 18:00"]),
            ("0 9 * * 5#2", "2026-03-01 00:00", ["Fri 2026-03-13 09:00", "Fri 2026-04-10 09:00"]),
            ("0 9 15W * *", "2026-03-01 00:00", ["Mon 2026-03-16 09:00", "Wed 2026-04-15 09:00"]),
            ("0 9 LW * *", "2026-02-01 00:00", ["Fri 2026-02-27 09:00", "Tue 2026-03-31 09:00"]),
            ("0 9 * * 5L", "2026-03-01 00:00", ["Fri 2026-03-27 09:00", "Fri 2026-04-24 09:00"]),
            ("0 10 1 */3 *", "2026-02-01 00:00", ["Wed 2026-04-01 10:00", "Wed 2026-07-01 10:00"]),
            ("30 8 1 JAN,jul *", "2026-03-01 00:00", ["Wed 2026-07-01 08:30", "Fri 2027-01-01 08:30"]),
            ("*/20 9-17/8 * * *", "2026-03-01 09:00", ["Sun 2026-03-01 09:20", "Sun 2026-03-01 09:40"]),
            ("0 9 ? * MON", "2026-03-01 00:00", ["Mon 2026-03-02 09:00", "Mon 2026-03-09 09:00"]),
        ];
        for (expr, from, expected) in cases {
            let spec = CronSpec::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
            assert_eq!(next_times(&spec, from, 2), expected, "{expr}");
            assert_eq!(spec.to_string(), expr);
        }
    }

    #[test]
    fn day_of_month_and_day_of_week_together_fire_on_either_as_in_posix_crontab() {
        let spec = CronSpec::parse("0 9 13 * FRI").expect("valid");
        let times = next_times(&spec, "2026-02-01 00:00", 4);
        let expected = [
            "Fri 2026-02-06",
            "Fri 2026-02-13",
            "Fri 2026-02-20",
            "Fri 2026-02-27",
        ];
        assert_eq!(times.iter().map(|t| &t[..14]).collect::<Vec<_>>(), expected);
        let times = next_times(&spec, "2026-03-10 00:00", 2);
        assert_eq!(times, ["Fri 2026-03-13 09:00", "Fri 2026-03-20 09:00"]);
    }

    #[test]
    fn the_next_time_is_strictly_after_the_given_one_and_seconds_are_ignored() {
        let spec = CronSpec::parse("0 17 * * *").expect("valid");
        let on_time = at("2026-03-02 17:00");
        assert_eq!(spec.next_local_after(on_time), Some(at("2026-03-03 17:00")));
        let a_bit_before = on_time - chrono::TimeDelta::milliseconds(1500);
        assert_eq!(spec.next_local_after(a_bit_before), Some(on_time));
    }

    #[test]
    fn wrongly_shaped_expressions_are_refused_with_the_5_field_format() {
        #[rustfmt::skip]
        let cases = [
            ("0 0 17 * * FRI", 6),
            ("0 0 17 * * FRI 2026", 7),
            ("hello world", 2),
            ("0 17 * *", 4),
        ];
        for (expr, count) in cases {
            let error = CronSpec::parse(expr).unwrap_err();
            assert_eq!(
                error,
                CronError::FieldCount {
                    expr: expr.to_string(),
                    count
                }
            );
            let message = error.to_string();
            assert!(
                message.ends_with(&format!(
                    "has {count} fields; hoego uses 5-field crontab: \
                     minute hour day-of-month month day-of-week, e.g. `0 17 * * FRI`"
                )),
                "{message}"
            );
        }
        assert_eq!(CronSpec::parse("  "), Err(CronError::Empty));
        let shortcut = CronSpec::parse("@daily").unwrap_err();
        assert_eq!(
            shortcut.to_string(),
            "`@daily` is a shortcut hoego does not use; \
             write the 5-field crontab `0 0 * * *` instead"
        );
    }

    #[test]
    fn an_invalid_field_is_refused_by_name_with_its_range_and_an_example() {
        use CronField::*;
        #[rustfmt::skip]
        let cases = [
            ("61 * * * *", Minute, "`61` is out of range"),
            ("0 25 * * *", Hour, "`25` is out of range"),
            ("0 0 32 * *", DayOfMonth, "`32` is out of range"),
            ("0 0 0 * *", DayOfMonth, "`0` is out of range"),
            ("0 0 * 13 *", Month, "`13` is out of range"),
            ("0 0 * * 8", DayOfWeek, "`8` is out of range"),
            ("a b c d e", Minute, "`A` is not a number"),
            ("0 9 * MON *", Month, "`MON` is not a month"),
            ("0 9 * * MONDAY", DayOfWeek, "`MONDAY` is not a day of the week"),
            ("0 9 * * L", DayOfWeek, "`L` alone is not a day of the week"),
            ("0 9 * * 5#6", DayOfWeek, "`#6` must be #1 to #5"),
            ("0 9 * * FRI-MON", DayOfWeek, "the range `FRI-MON` runs backwards"),
            ("5/15 * * * *", Minute, "write `*/15` or `5-59/15`"),
            ("*/0 * * * *", Minute, "the step `/0` must be a number from 1 to 59"),
            ("0 9 1,,15 * *", DayOfMonth, "the list has an empty entry"),
            ("0 9 *,1 * *", DayOfMonth, "`*` cannot be combined"),
            ("0 ? * * *", Hour, "`?` only means \"any\" in the day fields"),
            ("0 9 1-15W * *", DayOfMonth, "`1-15` is a range, but this modifier takes one day"),
            ("0 9 * * MON-FRI#2", DayOfWeek, "`MON-FRI` is a range"),
            ("0 9 15L * *", DayOfMonth, "`15L` is not a number"),
            ("0 9 * * +MON", DayOfWeek, "`+MON` is not a day of the week"),
        ];
        for (expr, field, problem) in cases {
            let error = CronSpec::parse(expr).unwrap_err();
            let message = error.to_string();
            assert!(
                matches!(&error, CronError::Field { field: f, .. } if *f == field),
                "{expr}: {error:?}"
            );
            assert!(message.contains(problem), "{expr}: {message}");
            assert!(
                message.contains(field.accepts()) && message.contains(field.example()),
                "{message}"
            );
        }
    }

    #[test]
    fn the_minute_error_reads_as_one_helpful_sentence() {
        let error = CronSpec::parse("61 * * * *").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the minute field `61` is invalid: `61` is out of range. \
             The minute field accepts 0-59, e.g. `0`, `30` or `*/15`"
        );
    }

    #[test]
    fn a_date_that_never_exists_is_refused() {
        for expr in ["0 9 30 2 *", "0 9 31 4,6,9,11 *", "0 9 31W 2 *"] {
            let error = CronSpec::parse(expr).unwrap_err();
            assert_eq!(
                error,
                CronError::NeverFires {
                    expr: expr.to_string()
                },
                "{expr}"
            );
        }
        assert!(
            CronSpec::parse("0 9 29 2 *").is_ok(),
            "February 29 exists in leap years"
        );
    }
}
