//! Dates and times as each language writes them, through the catalogs' `[date]` words:
//! `12월 4일 (금) 오후 5시` in Korean, `Fri 4 Dec, 5 pm` in English. The year is written only
//! when it is not the reader's current year, and the zone only when it is not the reader's.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

use super::t;
use crate::domain::lang::Lang;
use crate::domain::zone::ZoneName;

/// Who reads a date: their language, their time zone, and the year they are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    /// The language they read.
    pub lang: Lang,
    /// Their time zone.
    pub zone: ZoneName,
    /// Their current year, which goes unwritten.
    pub year: i32,
}

impl Reader {
    /// A reader in `zone` at the instant `now`.
    pub fn at(lang: Lang, zone: ZoneName, now: DateTime<Utc>) -> Reader {
        Reader {
            lang,
            zone,
            year: now.with_timezone(&zone.tz()).year(),
        }
    }

    /// A date, e.g. `12월 4일 (금)` / `Fri 4 Dec`, with the year when it is another year's.
    pub fn date(&self, date: NaiveDate) -> String {
        let lang = self.lang;
        let weekday = nth_word(lang, "date.weekdays", date.weekday().num_days_from_sunday());
        let month = nth_word(lang, "date.months", date.month0());
        let (day, year) = (date.day().to_string(), date.year().to_string());
        let args = [
            ("weekday", weekday.as_str()),
            ("day", day.as_str()),
            ("month", month.as_str()),
            ("year", year.as_str()),
        ];
        let id = if date.year() == self.year {
            "date.day"
        } else {
            "date.day_year"
        };
        t(lang, id, &args)
    }

    /// A wall-clock time, e.g. `오후 5시`, `오후 5시 30분` / `5 pm`, `5:30 pm`.
    pub fn time(&self, hour: u32, minute: u32) -> String {
        time_of_day(self.lang, hour, minute)
    }

    /// A local date and time, as a clock in some zone shows it.
    pub fn local(&self, local: NaiveDateTime) -> String {
        let date = self.date(local.date());
        let time = self.time(local.hour(), local.minute());
        t(
            self.lang,
            "date.moment",
            &[("date", &date), ("time", &time)],
        )
    }

    /// An instant on the reader's own clock.
    pub fn when(&self, at: DateTime<Utc>) -> String {
        self.when_in(at, self.zone)
    }

    /// An instant on the clock of `zone`, naming the zone when it is not the reader's.
    pub fn when_in(&self, at: DateTime<Utc>, zone: ZoneName) -> String {
        let moment = self.local(at.with_timezone(&zone.tz()).naive_local());
        if zone == self.zone {
            moment
        } else {
            let zone = zone.to_string();
            t(
                self.lang,
                "date.zoned",
                &[("moment", &moment), ("zone", &zone)],
            )
        }
    }
}

/// A wall-clock time in `lang`, e.g. `오후 5시`, `오후 5시 30분` / `5 pm`, `5:30 pm`.
pub fn time_of_day(lang: Lang, hour: u32, minute: u32) -> String {
    let half = t(lang, if hour < 12 { "date.am" } else { "date.pm" }, &[]);
    let hour = match hour % 12 {
        0 => 12,
        h => h,
    }
    .to_string();
    let minute_text = minute.to_string();
    let args = [
        ("half", half.as_str()),
        ("hour", hour.as_str()),
        ("minute", minute_text.as_str()),
    ];
    let id = if minute == 0 {
        "date.hour"
    } else {
        "date.hour_minute"
    };
    t(lang, id, &args)
}

/// The `n`th word (from 0) of a space-separated catalog list such as the weekday names.
fn nth_word(lang: Lang, id: &str, n: u32) -> String {
    let words = t(lang, id, &[]);
    words
        .split_whitespace()
        .nth(n as usize)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn zone(name: &str) -> ZoneName {
        ZoneName::parse(name).unwrap()
    }

    fn reader(lang: Lang, year: i32) -> Reader {
        Reader {
            lang,
            zone: zone("Asia/Seoul"),
            year,
        }
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .unwrap()
    }

    #[test]
    fn dates_and_times_read_as_each_language_writes_them() {
        #[rustfmt::skip]
        let cases = [
            (local(2026, 12, 4, 17, 0), "12월 4일 (금) 오후 5시", "Fri 4 Dec, 5 pm"),
            (local(2026, 12, 4, 17, 30), "12월 4일 (금) 오후 5시 30분", "Fri 4 Dec, 5:30 pm"),
            (local(2026, 1, 1, 9, 5), "1월 1일 (목) 오전 9시 5분", "Thu 1 Jan, 9:05 am"),
            (local(2026, 3, 15, 0, 0), "3월 15일 (일) 오전 12시", "Sun 15 Mar, 12 am"),
            (local(2026, 6, 13, 12, 0), "6월 13일 (토) 오후 12시", "Sat 13 Jun, 12 pm"),
            (local(2026, 9, 28, 23, 59), "9월 28일 (월) 오후 11시 59분", "Mon 28 Sep, 11:59 pm"),
            (local(2027, 1, 4, 10, 0), "2027년 1월 4일 (월) 오전 10시", "Mon 4 Jan 2027, 10 am"),
            (local(2025, 12, 31, 18, 0), "2025년 12월 31일 (수) 오후 6시", "Wed 31 Dec 2025, 6 pm"),
        ];
        for (at, korean, english) in cases {
            assert_eq!(reader(Lang::Ko, 2026).local(at), korean, "{at}");
            assert_eq!(reader(Lang::En, 2026).local(at), english, "{at}");
        }
    }

    #[test]
    fn the_year_goes_unwritten_only_in_the_readers_own_year() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(reader(Lang::Ko, 2026).date(date), "12월 4일 (금)");
        assert_eq!(reader(Lang::Ko, 2027).date(date), "2026년 12월 4일 (금)");
        assert_eq!(reader(Lang::En, 2026).date(date), "Fri 4 Dec");
        assert_eq!(reader(Lang::En, 2025).date(date), "Fri 4 Dec 2026");
    }

    #[test]
    fn the_zone_is_named_only_when_it_is_not_the_readers() {
        let at = Utc.with_ymd_and_hms(2026, 12, 4, 8, 0, 0).unwrap();
        let seoul = reader(Lang::Ko, 2026);
        assert_eq!(seoul.when(at), "12월 4일 (금) 오후 5시");
        assert_eq!(
            seoul.when_in(at, zone("Asia/Seoul")),
            "12월 4일 (금) 오후 5시"
        );
        assert_eq!(
            seoul.when_in(at, zone("America/New_York")),
            "12월 4일 (금) 오전 3시 (America/New_York)"
        );
        let english = reader(Lang::En, 2026);
        assert_eq!(
            english.when_in(at, zone("Europe/London")),
            "Fri 4 Dec, 8 am (Europe/London)"
        );
    }

    #[test]
    fn the_readers_year_is_the_year_on_their_own_clock() {
        let new_year_in_seoul = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap();
        assert_eq!(
            Reader::at(Lang::En, zone("Asia/Seoul"), new_year_in_seoul).year,
            2027
        );
        assert_eq!(
            Reader::at(Lang::En, zone("Europe/London"), new_year_in_seoul).year,
            2026
        );
    }
}
