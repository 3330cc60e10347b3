//! When a schedule's wall-clock times fire in a time zone: daylight-saving gaps
//! and repeats, previews, and the first run after an instant.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::CronSpec;

/// Longest stretch of wall time a zone has ever skipped (Pacific/Apia skipped a
/// whole day in 2011), with margin.
const MAX_GAP_MINUTES: i64 = 48 * 60;

/// One scheduled run: the wall-clock time the schedule names and the instant it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// The wall-clock time the expression matched, in the schedule's zone.
    pub local: NaiveDateTime,
    /// The instant it fires (see [`resolve_local`]).
    pub at: DateTime<Utc>,
}

impl Occurrence {
    /// Pairs a wall-clock time with the instant it fires in `tz`.
    pub fn resolve(local: NaiveDateTime, tz: Tz) -> Occurrence {
        Occurrence {
            local,
            at: resolve_local(local, tz),
        }
    }
}

/// The instant a wall-clock time fires in `tz`.
///
/// A time that exists once fires then. A time in a repeated fall-back hour fires
/// once, at its first (earlier) occurrence. A time inside a spring-forward gap fires
/// once, at the end of the gap: the first instant after it (New York 2026-03-08
/// 02:30 fires at 03:00 EDT, 07:00Z).
pub fn resolve_local(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at.to_utc(),
        LocalResult::Ambiguous(first, second) => first.min(second).to_utc(),
        LocalResult::None => gap_end(local, tz),
    }
}

/// The first instant of a local date: its midnight, or the end of the gap when a DST change
/// skips midnight (America/Santiago).
pub fn start_of_day(date: chrono::NaiveDate, tz: Tz) -> DateTime<Utc> {
    resolve_local(date.and_time(chrono::NaiveTime::MIN), tz)
}

/// The first instant after the gap that swallowed `local`.
///
/// Walks the wall clock a minute at a time to the first time that exists, then
/// back a second at a time in case the zone's offsets are not whole minutes.
fn gap_end(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    let exists = |wall: NaiveDateTime| tz.from_local_datetime(&wall).earliest();
    let mut minutes = (1..=MAX_GAP_MINUTES).map(|m| local + TimeDelta::minutes(m));
    let Some(mut wall) = minutes.find(|wall| exists(*wall).is_some()) else {
        // No real zone has a gap this long; read the time with the offset in force.
        return local.and_utc() - offset_at(local.and_utc(), tz);
    };
    while wall - TimeDelta::seconds(1) > local && exists(wall - TimeDelta::seconds(1)).is_some() {
        wall -= TimeDelta::seconds(1);
    }
    exists(wall).map_or_else(|| local.and_utc(), |at| at.to_utc())
}

/// The UTC offset `tz` has at `instant`.
fn offset_at(instant: DateTime<Utc>, tz: Tz) -> TimeDelta {
    let local = instant.with_timezone(&tz).naive_local();
    local - instant.naive_utc()
}

/// The wall clock in `tz` at `instant`.
fn wall_clock(instant: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    instant.with_timezone(&tz).naive_local()
}

/// The first occurrence after wall time `from` whose instant passes `accept`.
///
/// Instants never decrease as wall times increase, so this only skips the few
/// wall times of a repeated hour or a gap that land at or before the bound.
fn first_accepted(
    spec: &CronSpec,
    tz: Tz,
    from: NaiveDateTime,
    accept: impl Fn(DateTime<Utc>) -> bool,
) -> Option<Occurrence> {
    let mut local = from;
    loop {
        local = spec.next_local_after(local)?;
        let occurrence = Occurrence::resolve(local, tz);
        if accept(occurrence.at) {
            return Some(occurrence);
        }
    }
}

/// The run after `previous`, computed from the previous scheduled wall time.
///
/// Wall times that fire at the same instant as `previous` (several times inside
/// one spring-forward gap, e.g. `*/30` at 02:00 and 02:30 in New York) are folded
/// into that run, so a schedule never fires twice at once.
pub fn next_occurrence(spec: &CronSpec, tz: Tz, previous: &Occurrence) -> Option<Occurrence> {
    first_accepted(spec, tz, previous.local, |at| at > previous.at)
}

/// The first wall time whose instant is at or after `instant`: where a schedule
/// that is created, or resumed without backfill, starts.
pub fn first_local_after_instant(
    spec: &CronSpec,
    tz: Tz,
    instant: DateTime<Utc>,
) -> Option<NaiveDateTime> {
    // Every wall time up to the clock just before `instant` fires before it.
    let just_before = instant.checked_sub_signed(TimeDelta::nanoseconds(1));
    let before = wall_clock(just_before.unwrap_or(instant), tz);
    first_accepted(spec, tz, before, |at| at >= instant).map(|occurrence| occurrence.local)
}

/// The next `count` runs strictly after `after`, each at a later instant than the
/// one before: no wall time in a repeated hour fires twice and none is skipped.
pub fn preview(spec: &CronSpec, tz: Tz, after: DateTime<Utc>, count: usize) -> Vec<Occurrence> {
    if count == 0 {
        return Vec::new();
    }
    let first = first_accepted(spec, tz, wall_clock(after, tz), |at| at > after);
    std::iter::successors(first, |previous| next_occurrence(spec, tz, previous))
        .take(count)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test wall time")
    }

    fn utc(text: &str) -> DateTime<Utc> {
        wall(text).and_utc()
    }

    fn zone(name: &str) -> Tz {
        name.parse().expect("test zone")
    }

    fn spec(expr: &str) -> CronSpec {
        CronSpec::parse(expr).expect("test expression")
    }

    fn instants(occurrences: &[Occurrence]) -> Vec<String> {
        occurrences
            .iter()
            .map(|o| o.at.format("%Y-%m-%d %H:%MZ").to_string())
            .collect()
    }

    #[test]
    fn a_wall_time_resolves_once_even_in_a_gap_or_a_repeated_hour() {
        #[rustfmt::skip]
        let cases = [
            ("America/New_York", "2026-03-08 02:30", "2026-03-08 07:00"),
            ("America/New_York", "2026-03-08 03:00", "2026-03-08 07:00"),
            ("America/New_York", "2026-11-01 01:30", "2026-11-01 05:30"),
            ("Europe/Berlin", "2026-03-29 02:00", "2026-03-29 01:00"),
            ("Europe/Berlin", "2026-10-25 02:30", "2026-10-25 00:30"),
            ("America/Santiago", "2026-09-06 00:00", "2026-09-06 04:00"),
            ("America/Santiago", "2026-04-04 23:30", "2026-04-05 02:30"),
            ("Australia/Lord_Howe", "2026-10-04 02:15", "2026-10-03 15:30"),
            ("Australia/Lord_Howe", "2026-04-05 01:45", "2026-04-04 14:45"),
            ("Pacific/Apia", "2011-12-30 12:00", "2011-12-30 10:00"),
            ("Asia/Seoul", "2026-03-08 02:30", "2026-03-07 17:30"),
        ];
        for (name, local, expected) in cases {
            assert_eq!(
                resolve_local(wall(local), zone(name)),
                utc(expected),
                "{name} {local}"
            );
        }
    }

    #[test]
    fn a_daily_schedule_fires_exactly_once_on_each_dst_day_at_the_expected_instant() {
        #[rustfmt::skip]
        let cases: [(&str, &str, &str, [&str; 3]); 13] = [
            ("America/New_York", "30 2 * * *", "2026-03-06 12:00", ["2026-03-07 07:30", "2026-03-08 07:00", "2026-03-09 06:30"]),
            ("America/New_York", "30 2 * * *", "2026-10-30 12:00", ["2026-10-31 06:30", "2026-11-01 07:30", "2026-11-02 07:30"]),
            ("America/New_York", "30 1 * * *", "2026-10-30 12:00", ["2026-10-31 05:30", "2026-11-01 05:30", "2026-11-02 06:30"]),
            ("Europe/Berlin", "30 2 * * *", "2026-03-27 12:00", ["2026-03-28 01:30", "2026-03-29 01:00", "2026-03-30 00:30"]),
            ("Europe/Berlin", "30 2 * * *", "2026-10-23 12:00", ["2026-10-24 00:30", "2026-10-25 00:30", "2026-10-26 01:30"]),
            ("America/Santiago", "30 0 * * *", "2026-09-04 12:00", ["2026-09-05 04:30", "2026-09-06 04:00", "2026-09-07 03:30"]),
            ("America/Santiago", "30 2 * * *", "2026-09-04 12:00", ["2026-09-05 06:30", "2026-09-06 05:30", "2026-09-07 05:30"]),
            ("America/Santiago", "30 0 * * *", "2026-04-03 12:00", ["2026-04-04 03:30", "2026-04-05 04:30", "2026-04-06 04:30"]),
            ("America/Santiago", "30 23 * * *", "2026-04-03 12:00", ["2026-04-04 02:30", "2026-04-05 02:30", "2026-04-06 03:30"]),
            ("Asia/Seoul", "30 2 * * *", "2026-03-07 00:00", ["2026-03-07 17:30", "2026-03-08 17:30", "2026-03-09 17:30"]),
            ("Australia/Lord_Howe", "15 2 * * *", "2026-10-02 12:00", ["2026-10-02 15:45", "2026-10-03 15:30", "2026-10-04 15:15"]),
            ("Australia/Lord_Howe", "45 1 * * *", "2026-04-03 00:00", ["2026-04-03 14:45", "2026-04-04 14:45", "2026-04-05 15:15"]),
            ("America/New_York", "30 2 * * SUN", "2026-02-28 12:00", ["2026-03-01 07:30", "2026-03-08 07:00", "2026-03-15 06:30"]),
        ];
        for (name, expr, after, expected) in cases {
            let runs = preview(&spec(expr), zone(name), utc(after), 3);
            let label = format!("{name} `{expr}` after {after}");
            assert_eq!(
                instants(&runs),
                expected.map(|e| format!("{e}Z")),
                "{label}"
            );
            let days: Vec<_> = runs.iter().map(|o| o.local.date()).collect();
            assert!(
                days.windows(2).all(|d| d[0] < d[1]),
                "{label}: one run a day {days:?}"
            );
        }
    }

    #[test]
    fn a_half_hourly_schedule_fires_each_wall_time_once_through_the_fall_back_hour() {
        #[rustfmt::skip]
        let cases: [(&str, &str, &[&str]); 3] = [
            ("America/New_York", "2026-11-01 04:00", &["04:30", "05:00", "05:30", "07:00", "07:30"]),
            ("America/New_York", "2026-11-01 06:10", &["07:00", "07:30"]),
            ("America/Santiago", "2026-04-05 01:00", &["01:30", "02:00", "02:30", "04:00", "04:30"]),
        ];
        for (name, after, expected) in cases {
            let runs = preview(
                &spec("*/30 * * * *"),
                zone(name),
                utc(after),
                expected.len(),
            );
            let times: Vec<String> = runs
                .iter()
                .map(|o| o.at.format("%H:%M").to_string())
                .collect();
            assert_eq!(times, expected, "{name} after {after}");
            let walls: Vec<_> = runs.iter().map(|o| o.local).collect();
            let steps = walls
                .windows(2)
                .all(|w| w[1] - w[0] == TimeDelta::minutes(30));
            assert!(steps, "{name}: no wall time repeated or skipped {walls:?}");
        }
    }

    #[test]
    fn wall_times_inside_a_spring_forward_gap_fold_into_one_run() {
        let runs = preview(
            &spec("*/30 * * * *"),
            zone("America/New_York"),
            utc("2026-03-08 06:00"),
            4,
        );
        let expected = [
            "2026-03-08 06:30Z",
            "2026-03-08 07:00Z",
            "2026-03-08 07:30Z",
            "2026-03-08 08:00Z",
        ];
        assert_eq!(instants(&runs), expected);
        assert_eq!(runs[1].local, wall("2026-03-08 02:00"));
        assert_eq!(runs[2].local, wall("2026-03-08 03:30"));
    }

    #[test]
    fn the_next_run_is_computed_from_the_previous_scheduled_one() {
        let (tz, friday) = (zone("Asia/Seoul"), spec("0 17 * * FRI"));
        let first = Occurrence::resolve(wall("2026-03-06 17:00"), tz);
        let next = next_occurrence(&friday, tz, &first).expect("a next run");
        assert_eq!(
            next,
            Occurrence {
                local: wall("2026-03-13 17:00"),
                at: utc("2026-03-13 08:00")
            }
        );
    }

    #[test]
    fn a_new_or_resumed_schedule_starts_at_the_first_run_not_before_the_instant() {
        #[rustfmt::skip]
        let cases = [
            ("America/New_York", "30 2 * * *", "2026-03-08 07:00", "2026-03-08 02:30"),
            ("America/New_York", "30 2 * * *", "2026-03-08 07:01", "2026-03-09 02:30"),
            ("America/New_York", "*/30 * * * *", "2026-03-08 07:00", "2026-03-08 02:00"),
            ("America/New_York", "*/30 * * * *", "2026-11-01 06:10", "2026-11-01 02:00"),
            ("America/New_York", "*/30 * * * *", "2026-11-01 05:10", "2026-11-01 01:30"),
            ("Asia/Seoul", "0 17 * * FRI", "2026-03-06 08:00", "2026-03-06 17:00"),
            ("Asia/Seoul", "0 17 * * FRI", "2026-03-06 08:01", "2026-03-13 17:00"),
        ];
        for (name, expr, instant, expected) in cases {
            let found = first_local_after_instant(&spec(expr), zone(name), utc(instant));
            assert_eq!(found, Some(wall(expected)), "{name} `{expr}` at {instant}");
        }
    }

    #[test]
    fn a_preview_of_nothing_is_empty() {
        assert!(preview(&spec("0 17 * * FRI"), Tz::UTC, utc("2026-03-01 00:00"), 0).is_empty());
    }
}
