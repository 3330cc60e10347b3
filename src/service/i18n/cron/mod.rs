//! Plain-language descriptions of a schedule in each language hoego speaks: which
//! common shape an expression has (read from the domain's parsed fields), and the sentence for
//! that shape.

mod refusal;
#[cfg(test)]
mod tests;
mod words;

use crate::domain::lang::Lang;
use crate::domain::schedule::{CronSpec, Field, Item};
use words::{
    NTH_EN, NTH_KO, and_list, day_en, day_ko, field_by_field, months_en, months_ko, nth, time_en,
    time_ko,
};

/// The times of day a schedule fires.
pub(super) enum Time {
    At(Vec<(u8, u8)>),
    EveryMinute,
    EveryMinutes(u8),
    Hourly(u8),
    EveryHours(u8, u8),
    HourlyBetween(u8, u8, u8),
    MinutesBetween(u8, u8, u8),
}

/// The months a schedule fires in.
pub(super) enum Months {
    Every,
    EveryNth(u8),
    Listed(Vec<u8>),
    Between(u8, u8),
}

/// The days of a month a schedule fires on.
enum Days {
    Every,
    Weekdays(Vec<u8>),
    WeekdayRange(u8, u8),
    NthWeekday(u8, u8),
    LastWeekdayOf(u8),
    Dates(Vec<u8>),
    LastDay,
    LastWeekday,
    NearestWeekday(u8),
}

/// Describes when `spec` fires, e.g. `0 17 * * FRI` is "every Friday at 17:00"
/// in English and "매주 금요일 17:00" in Korean. Unusual shapes are described
/// field by field. Never panics.
pub fn describe(spec: &CronSpec, lang: Lang) -> String {
    let fields = spec.fields();
    let shape = (
        time_of(&fields.minute, &fields.hour),
        days_of(&fields.dom, &fields.dow),
        months_of(&fields.month),
    );
    match (shape, lang) {
        ((Some(time), Some(days), Some(months)), Lang::En) => english(&time, &days, &months),
        ((Some(time), Some(days), Some(months)), Lang::Ko) => korean(&time, &days, &months),
        _ => field_by_field(fields, lang),
    }
}

/// The single entry of a one-entry list.
fn single(field: &Field) -> Option<Item> {
    match field {
        Field::List(items) if items.len() == 1 => Some(items[0]),
        _ => None,
    }
}

/// The values of a list made only of plain values.
fn values(field: &Field) -> Option<Vec<u8>> {
    let Field::List(items) = field else {
        return None;
    };
    items
        .iter()
        .map(|item| match item {
            Item::Value(v) => Some(*v),
            _ => None,
        })
        .collect()
}

/// The step of a `*` (1) or `*/n` field.
fn every_step(field: &Field) -> Option<u8> {
    match (field, single(field)) {
        (Field::Any, _) => Some(1),
        (
            _,
            Some(Item::Step {
                step, every: true, ..
            }),
        ) => Some(step),
        _ => None,
    }
}

fn time_of(minute: &Field, hour: &Field) -> Option<Time> {
    let hour_range = match single(hour) {
        Some(Item::Range(a, b)) => Some((a, b)),
        _ => None,
    };
    if let Some(n) = every_step(minute).filter(|n| 60 % n == 0) {
        return match (every_step(hour), hour_range) {
            (Some(1), _) if n == 1 => Some(Time::EveryMinute),
            (Some(1), _) => Some(Time::EveryMinutes(n)),
            (_, Some((a, b))) => Some(Time::MinutesBetween(n, a, b)),
            _ => None,
        };
    }
    let minutes = values(minute)?;
    if let [m] = minutes[..] {
        match (every_step(hour), hour_range) {
            (Some(1), _) => return Some(Time::Hourly(m)),
            (Some(n), _) if 24 % n == 0 => return Some(Time::EveryHours(n, m)),
            (_, Some((a, b))) => return Some(Time::HourlyBetween(m, a, b)),
            _ => {}
        }
    }
    let hours = values(hour)?;
    let times: Vec<(u8, u8)> = hours
        .iter()
        .flat_map(|h| minutes.iter().map(move |m| (*h, *m)))
        .collect();
    (times.len() <= 6).then_some(Time::At(times))
}

fn months_of(month: &Field) -> Option<Months> {
    match (every_step(month), single(month)) {
        (Some(1), _) => Some(Months::Every),
        (Some(n), _) => Some(Months::EveryNth(n)),
        (_, Some(Item::Range(a, b))) => Some(Months::Between(a, b)),
        _ => values(month).map(Months::Listed),
    }
}

fn days_of(dom: &Field, dow: &Field) -> Option<Days> {
    match (dom, dow) {
        (Field::Any, Field::Any) => Some(Days::Every),
        (Field::Any, _) => Some(match single(dow) {
            Some(Item::Range(a, b)) => Days::WeekdayRange(a, b),
            Some(Item::Nth(day, n)) => Days::NthWeekday(day, n),
            Some(Item::LastOf(day)) => Days::LastWeekdayOf(day),
            _ => {
                let mut days: Vec<u8> = values(dow)?.iter().map(|d| d % 7).collect();
                days.sort_unstable();
                days.dedup();
                Days::Weekdays(days)
            }
        }),
        (_, Field::Any) => Some(match single(dom) {
            Some(Item::LastDay) => Days::LastDay,
            Some(Item::LastWeekday) => Days::LastWeekday,
            Some(Item::NearestWeekday(day)) => Days::NearestWeekday(day),
            _ => Days::Dates(values(dom)?),
        }),
        _ => None,
    }
}

fn english(time: &Time, days: &Days, months: &Months) -> String {
    let when = time_en(time);
    let of = months_en(months);
    let fixed = matches!(time, Time::At(_));
    let every_month = matches!(months, Months::Every);
    let within = if every_month {
        String::new()
    } else {
        format!(" in {of}")
    };
    match days {
        Days::Every if every_month && fixed => format!("every day {when}"),
        Days::Every if every_month => when,
        Days::Every if fixed => format!("{when} every day in {of}"),
        Days::Every => format!("{when} in {of}"),
        Days::Weekdays(list) if list.len() == 1 && every_month && fixed => {
            format!("every {} {when}", day_en(list[0]))
        }
        Days::Weekdays(list) => {
            let names = and_list(list.iter().map(|d| day_en(*d).to_string()).collect());
            format!("{when} on {names}{within}")
        }
        Days::WeekdayRange(a, b) => format!("{when}, {} to {}{within}", day_en(*a), day_en(*b)),
        Days::NthWeekday(d, n) => {
            format!("{when} on the {} {} of {of}", nth(&NTH_EN, *n), day_en(*d))
        }
        Days::LastWeekdayOf(d) => format!("{when} on the last {} of {of}", day_en(*d)),
        Days::Dates(list) => {
            let s = if list.len() == 1 { "" } else { "s" };
            let numbers = and_list(list.iter().map(u8::to_string).collect());
            format!("{when} on day{s} {numbers} of {of}")
        }
        Days::LastDay => format!("{when} on the last day of {of}"),
        Days::LastWeekday => format!("{when} on the last weekday of {of}"),
        Days::NearestWeekday(d) => format!("{when} on the weekday nearest day {d} of {of}"),
    }
}

fn korean(time: &Time, days: &Days, months: &Months) -> String {
    let when = time_ko(time);
    let of = months_ko(months);
    let every_month = matches!(months, Months::Every);
    let within = if every_month {
        String::new()
    } else {
        format!("{of} ")
    };
    let which = match days {
        Days::Every if every_month && !matches!(time, Time::At(_)) => return when,
        Days::Every if every_month => "매일".to_string(),
        Days::Every => format!("{of} 매일"),
        Days::Weekdays(list) => {
            let names: Vec<&str> = list.iter().map(|d| day_ko(*d)).collect();
            format!("{within}매주 {}", names.join(", "))
        }
        Days::WeekdayRange(1, 5) => format!("{within}평일"),
        Days::WeekdayRange(a, b) => format!("{within}{}부터 {}까지", day_ko(*a), day_ko(*b)),
        Days::NthWeekday(d, n) => format!("{of} {} {}", nth(&NTH_KO, *n), day_ko(*d)),
        Days::LastWeekdayOf(d) => format!("{of} 마지막 {}", day_ko(*d)),
        Days::Dates(list) => {
            let days: Vec<String> = list.iter().map(|d| format!("{d}일")).collect();
            format!("{of} {}", days.join(", "))
        }
        Days::LastDay => format!("{of} 마지막 날"),
        Days::LastWeekday => format!("{of} 마지막 평일"),
        Days::NearestWeekday(d) => format!("{of} {d}일에서 가장 가까운 평일"),
    };
    format!("{which} {when}")
}
