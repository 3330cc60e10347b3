//! Dates as notes and check-in tools write them: `2025-05-23`, `2025/05/23`, `2025.05.23`,
//! with or without a time (`10:00`, `10:00:00`, RFC 3339 with an offset, Jekyll's
//! `2025-05-23 10:00:00 +0900`). The local wall-clock time as written is kept; an offset is
//! dropped.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// The date and time in `text`, if it is one (a date alone is midnight).
pub fn parse_when(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().trim_matches(['"', '\'']).trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.naive_local());
    }
    if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
        return Some(at.naive_local());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at);
        }
    }
    parse_date(text).map(|date| date.and_time(NaiveTime::MIN))
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// A date written in a file name (`2025-05-23-week-21.md`, `weekly_2025.05.23.md`,
/// `20250523.md`): `Some(Ok(date))`, `Some(Err(what was written))` when it looks like a date but
/// is not one, `None` when there is none.
pub fn date_in_name(name: &str) -> Option<Result<NaiveDate, String>> {
    let bytes = name.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let separator = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| matches!(b, b'-' | b'.' | b'_'))
    };
    for start in 0..bytes.len() {
        if start > 0 && digit(start - 1) || !(start..start + 4).all(digit) {
            continue;
        }
        let (month, day, end) = if separator(start + 4) && separator(start + 7) {
            (start + 5, start + 8, start + 10)
        } else {
            (start + 4, start + 6, start + 8)
        };
        if !(month..month + 2).all(digit) || !(day..day + 2).all(digit) || digit(end) {
            continue;
        }
        let number = |from: usize, len: usize| name[from..from + len].parse::<u32>().ok();
        let (y, m, d) = (number(start, 4)?, number(month, 2)?, number(day, 2)?);
        let date = i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
        return Some(date.ok_or_else(|| name[start..end].to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> String {
        parse_when(text).map_or("none".into(), |t| t.to_string())
    }

    #[test]
    fn dates_and_times_read_as_written_locally() {
        assert_eq!(at("2025-05-23"), "2025-05-23 00:00:00");
        assert_eq!(at("'2025/05/23'"), "2025-05-23 00:00:00");
        assert_eq!(at("2025.05.23"), "2025-05-23 00:00:00");
        assert_eq!(at("2025-05-23 18:30"), "2025-05-23 18:30:00");
        assert_eq!(at("2025-05-23T18:30:00+09:00"), "2025-05-23 18:30:00");
        assert_eq!(at("2025-05-23 18:30:00 +0900"), "2025-05-23 18:30:00");
        assert_eq!(at("2025-02-30"), "none");
        assert_eq!(at("last friday"), "none");
    }

    #[test]
    fn a_date_is_found_in_a_file_name() {
        let found = |name: &str| date_in_name(name).map(|r| r.map(|d| d.to_string()));
        assert_eq!(
            found("2025-05-23-week-21.md"),
            Some(Ok("2025-05-23".into()))
        );
        assert_eq!(found("weekly_2025.05.23.md"), Some(Ok("2025-05-23".into())));
        assert_eq!(found("20250523.md"), Some(Ok("2025-05-23".into())));
        assert_eq!(found("2025-13-40.md"), Some(Err("2025-13-40".into())));
        assert_eq!(found("week-21.md"), None);
        assert_eq!(found("123456789.md"), None);
    }
}
