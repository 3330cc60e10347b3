//! `hoego schedule preview`: the next occurrences of a crontab expression in a time zone, from
//! the command line, with a plain-language description.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::lang::Lang;
use crate::domain::schedule::{CronSpec, preview};
use crate::domain::zone::ZoneName;
use crate::service::i18n::cron::describe;

/// Most occurrences one preview prints.
pub const MAX_COUNT: usize = 1000;

/// The preview as printed, or the reason the input is refused (exit code 2).
pub fn render(
    cron: &str,
    zone: &str,
    after: Option<&str>,
    count: usize,
    now: DateTime<Utc>,
) -> Result<String, String> {
    let spec = CronSpec::parse(cron).map_err(|e| e.to_string())?;
    let zone = ZoneName::parse(zone).map_err(|e| e.to_string())?;
    let after = match after {
        Some(raw) => parse_after(raw, zone)?,
        None => now,
    };
    if count == 0 || count > MAX_COUNT {
        return Err(format!(
            "--count {count} is out of range; use 1 to {MAX_COUNT}, e.g. --count 10"
        ));
    }
    let mut out = String::new();
    for occurrence in preview(&spec, zone.tz(), after, count) {
        let local = occurrence.at.with_timezone(&zone.tz());
        out.push_str(&format!(
            "{}  {}\n",
            local.to_rfc3339(),
            occurrence.at.format("%Y-%m-%dT%H:%M:%SZ")
        ));
    }
    out.push_str(&format!("{} ({zone})\n", describe(&spec, Lang::En)));
    Ok(out)
}

/// `2026-12-01` (midnight in the zone) or an RFC 3339 instant.
fn parse_after(raw: &str, zone: ZoneName) -> Result<DateTime<Utc>, String> {
    if let Ok(at) = DateTime::parse_from_rfc3339(raw.trim()) {
        return Ok(at.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        format!("--after {raw:?} is not a date or an RFC 3339 time; e.g. --after 2026-12-01 or --after 2026-12-01T09:00:00+09:00")
    })?;
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    Ok(crate::domain::schedule::resolve_local(midnight, zone.tz()))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_preview_lists_local_then_utc_times_and_describes_the_expression() {
        let text = render("0 17 * * FRI", "Asia/Seoul", Some("2026-12-01"), 2, now()).unwrap();

        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "2026-12-04T17:00:00+09:00  2026-12-04T08:00:00Z");
        assert_eq!(lines[1], "2026-12-11T17:00:00+09:00  2026-12-11T08:00:00Z");
        assert_eq!(lines[2], "every Friday at 5 pm (Asia/Seoul)");
    }

    #[test]
    fn bad_input_is_refused_with_the_reason() {
        assert!(
            render("0 17 * * * *", "UTC", None, 5, now())
                .unwrap_err()
                .contains("6 fields")
        );
        assert!(
            render("0 17 * * FRI", "Asia/Seol", None, 5, now())
                .unwrap_err()
                .contains("Asia/Seoul")
        );
        assert!(
            render("0 17 * * FRI", "UTC", Some("next week"), 5, now())
                .unwrap_err()
                .contains("--after")
        );
        assert!(
            render("0 17 * * FRI", "UTC", None, 0, now())
                .unwrap_err()
                .contains("--count")
        );
    }
}
