//! The catch-up and timing rules of [`super::plan`], with a hand-set "now".

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{CronSpec, FiringKind, MAX_FIRINGS_PER_TICK, ScheduleRule, Timing};

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn rule(cron: &str, timing: Timing) -> ScheduleRule {
    ScheduleRule {
        cron: CronSpec::parse(cron).unwrap(),
        timing,
        window: Duration::hours(48),
        grace: Duration::hours(6),
        reminder_percent: 75,
    }
}

fn seoul() -> Timing {
    Timing::Zone(chrono_tz::Asia::Seoul)
}

#[test]
fn an_occurrence_fires_on_time_and_the_next_is_a_week_later() {
    let weekly = rule("0 17 * * FRI", seoul());
    let friday = local(2026, 12, 4, 17, 0);

    let plan = weekly.plan(friday, utc(2026, 12, 4, 8, 0));

    assert_eq!(plan.firings.len(), 1);
    assert_eq!(plan.firings[0].kind, FiringKind::Deliver);
    assert_eq!(plan.firings[0].due_at, utc(2026, 12, 4, 8, 0));
    assert_eq!(plan.firings[0].closes_at, utc(2026, 12, 6, 8, 0));
    assert_eq!(
        plan.next,
        Some((local(2026, 12, 11, 17, 0), utc(2026, 12, 11, 8, 0)))
    );
}

#[test]
fn nothing_fires_before_its_time() {
    let weekly = rule("0 17 * * FRI", seoul());

    let plan = weekly.plan(local(2026, 12, 4, 17, 0), utc(2026, 12, 4, 7, 59));

    assert!(plan.firings.is_empty());
    assert_eq!(plan.next.unwrap().0, local(2026, 12, 4, 17, 0));
}

#[test]
fn downtime_shorter_than_the_grace_period_delivers_the_missed_prompt_once() {
    let weekly = rule("0 17 * * FRI", seoul());

    let plan = weekly.plan(local(2026, 12, 4, 17, 0), utc(2026, 12, 4, 13, 59));

    assert_eq!(plan.firings.len(), 1);
    assert_eq!(plan.firings[0].kind, FiringKind::Deliver);
}

#[test]
fn downtime_longer_than_the_grace_period_records_a_missed_round_and_sends_nothing() {
    let weekly = rule("0 17 * * FRI", seoul());

    let plan = weekly.plan(local(2026, 12, 4, 17, 0), utc(2026, 12, 4, 14, 1));

    assert_eq!(plan.firings.len(), 1);
    assert_eq!(plan.firings[0].kind, FiringKind::Missed);
    assert_eq!(
        plan.next.unwrap().0,
        local(2026, 12, 11, 17, 0),
        "computed from the previous occurrence"
    );
}

#[test]
fn after_weeks_of_downtime_only_the_latest_occurrence_within_grace_is_delivered() {
    let weekly = rule("0 17 * * FRI", seoul());

    let plan = weekly.plan(local(2026, 12, 4, 17, 0), utc(2026, 12, 18, 9, 0));

    let kinds: Vec<FiringKind> = plan.firings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [FiringKind::Missed, FiringKind::Missed, FiringKind::Deliver]
    );
}

#[test]
fn a_daily_schedule_down_for_two_days_catches_up_at_most_once() {
    let mut hourly = rule("0 * * * *", seoul());
    hourly.grace = Duration::hours(6);

    let plan = hourly.plan(local(2026, 12, 1, 0, 0), utc(2026, 12, 3, 0, 30));

    let delivered = plan
        .firings
        .iter()
        .filter(|f| f.kind == FiringKind::Deliver)
        .count();
    assert_eq!(delivered, 1);
    assert_eq!(
        plan.firings.len(),
        2 * 24 + 10,
        "every hour from 12-01 00:00 to 12-03 09:00 local"
    );
    assert_eq!(plan.firings.last().unwrap().local, local(2026, 12, 3, 9, 0));
}

#[test]
fn one_tick_plans_a_bounded_number_of_firings_and_the_next_tick_continues() {
    let every_minute = rule("* * * * *", seoul());

    let plan = every_minute.plan(local(2026, 1, 1, 0, 0), utc(2026, 3, 1, 0, 0));

    assert_eq!(plan.firings.len(), MAX_FIRINGS_PER_TICK);
    assert_eq!(
        plan.next.unwrap().0,
        plan.firings.last().unwrap().local + Duration::minutes(1)
    );
}

#[test]
fn the_reminder_falls_at_its_percentage_of_the_window() {
    let weekly = rule("0 17 * * FRI", seoul());

    let times = weekly.member_times(local(2026, 12, 4, 17, 0), chrono_tz::UTC);

    assert_eq!(
        times.remind_at,
        Some(utc(2026, 12, 4, 8, 0) + Duration::hours(36))
    );
    assert_eq!(times.closes_at, utc(2026, 12, 6, 8, 0));
}

#[test]
fn member_local_rounds_start_when_the_first_zone_reaches_the_time_and_each_member_is_asked_at_their_own()
 {
    let weekly = rule("0 17 * * FRI", Timing::MemberLocal);
    let friday = local(2026, 12, 4, 17, 0);

    let plan = weekly.plan(friday, utc(2026, 12, 4, 3, 0));
    let seoul = weekly.member_times(friday, chrono_tz::Asia::Seoul);
    let new_york = weekly.member_times(friday, chrono_tz::America::New_York);

    assert_eq!(plan.firings[0].due_at, utc(2026, 12, 4, 3, 0));
    assert_eq!(seoul.due_at, utc(2026, 12, 4, 8, 0));
    assert_eq!(new_york.due_at, utc(2026, 12, 4, 22, 0));
    assert!(plan.firings[0].closes_at >= new_york.closes_at);
}

/// A zone, a daily expression, the first day, and the expected UTC firing times.
type DstCase = (
    Tz,
    &'static str,
    NaiveDate,
    &'static [(u32, u32, u32, u32, u32)],
);

/// Daily 02:30 (00:30 in Santiago, whose clocks change at midnight) planned tick by tick across
/// both DST changes: exactly one firing per local day at the expected instant.
#[test]
fn a_daily_schedule_fires_once_per_day_across_dst_changes_in_team_zone_mode() {
    let cases: [DstCase; 4] = [
        (
            chrono_tz::America::New_York,
            "30 2 * * *",
            NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
            &[(2026, 3, 7, 7, 30), (2026, 3, 8, 7, 0), (2026, 3, 9, 6, 30)],
        ),
        (
            chrono_tz::America::New_York,
            "30 1 * * *",
            NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            &[
                (2026, 10, 31, 5, 30),
                (2026, 11, 1, 5, 30),
                (2026, 11, 2, 6, 30),
            ],
        ),
        (
            chrono_tz::Europe::Berlin,
            "30 2 * * *",
            NaiveDate::from_ymd_opt(2026, 3, 28).unwrap(),
            &[
                (2026, 3, 28, 1, 30),
                (2026, 3, 29, 1, 0),
                (2026, 3, 30, 0, 30),
            ],
        ),
        (
            chrono_tz::Asia::Seoul,
            "30 2 * * *",
            NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
            &[
                (2026, 3, 6, 17, 30),
                (2026, 3, 7, 17, 30),
                (2026, 3, 8, 17, 30),
            ],
        ),
    ];
    for (tz, cron, first_day, expected) in cases {
        let daily = rule(cron, Timing::Zone(tz));
        let mut next = daily
            .cron
            .next_local_after(first_day.and_hms_opt(0, 0, 0).unwrap())
            .unwrap();
        let mut fired = Vec::new();
        for &(y, m, d, h, min) in expected {
            let plan = daily.plan(next, utc(y as i32, m, d, h, min));
            assert_eq!(
                plan.firings.len(),
                1,
                "{tz} {cron}: one firing at {y}-{m}-{d}"
            );
            fired.push(plan.firings[0].due_at);
            next = plan.next.unwrap().0;
        }
        let want: Vec<DateTime<Utc>> = expected
            .iter()
            .map(|&(y, m, d, h, min)| utc(y as i32, m, d, h, min))
            .collect();
        assert_eq!(fired, want, "{tz} {cron}");
    }
}

#[test]
fn santiago_midnight_changes_fire_once_in_member_local_mode() {
    let daily = rule("30 0 * * *", Timing::MemberLocal);
    let santiago = chrono_tz::America::Santiago;

    // Spring forward 2026-09-06: 00:00 -> 01:00, so 00:30 fires at the end of the gap (01:00).
    let gap = daily.member_times(local(2026, 9, 6, 0, 30), santiago);
    // Fall back 2026-04-05: 00:00 -> 23:00 the day before; 23:30 repeats, 00:30 happens once.
    let normal = daily.member_times(local(2026, 4, 5, 0, 30), santiago);

    assert_eq!(gap.due_at, utc(2026, 9, 6, 4, 0));
    assert_eq!(normal.due_at, utc(2026, 4, 5, 4, 30));
}

#[test]
fn a_day_starts_at_midnight_or_where_a_dst_change_lets_it_start() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();

    let seoul = super::start_of_day(day(2026, 12, 4), chrono_tz::Asia::Seoul);
    let santiago_gap = super::start_of_day(day(2026, 9, 6), chrono_tz::America::Santiago);

    assert_eq!(seoul, utc(2026, 12, 3, 15, 0));
    assert_eq!(
        santiago_gap,
        utc(2026, 9, 6, 4, 0),
        "00:00 does not exist; the day starts at 01:00 -03"
    );
}
