//! The words descriptions are built from: names of days and months, times of
//! day, lists, and the field-by-field fallback.

use super::{Months, Time};
use crate::domain::lang::{Lang, month_en};
use crate::domain::schedule::{CronField, Field, Fields, Item};
use crate::service::i18n::dates::time_of_day;

const DAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const DAYS_KO: [&str; 7] = [
    "일요일",
    "월요일",
    "화요일",
    "수요일",
    "목요일",
    "금요일",
    "토요일",
];
pub(super) const NTH_EN: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];
pub(super) const NTH_KO: [&str; 5] = ["첫째", "둘째", "셋째", "넷째", "다섯째"];

pub(super) fn day_en(day: u8) -> &'static str {
    DAYS_EN[usize::from(day % 7)]
}

pub(super) fn day_ko(day: u8) -> &'static str {
    DAYS_KO[usize::from(day % 7)]
}

pub(super) fn nth(words: &[&'static str; 5], n: u8) -> &'static str {
    words[usize::from(n.clamp(1, 5) - 1)]
}

/// A time of day as the reader's language writes it (`5 pm`, `오후 5시`).
fn clock(lang: Lang, hour: u8, minute: u8) -> String {
    time_of_day(lang, hour.into(), minute.into())
}

/// "a", "a and b", "a, b and c".
pub(super) fn and_list(items: Vec<String>) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st...
fn ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn time_en(time: &Time) -> String {
    match time {
        Time::At(times) => format!(
            "at {}",
            and_list(times.iter().map(|t| clock(Lang::En, t.0, t.1)).collect())
        ),
        Time::EveryMinute => "every minute".to_string(),
        Time::EveryMinutes(n) => format!("every {n} minutes"),
        Time::Hourly(0) => "every hour on the hour".to_string(),
        Time::Hourly(m) => format!("every hour at minute {m}"),
        Time::EveryHours(n, 0) => format!("every {n} hours on the hour"),
        Time::EveryHours(n, m) => format!("every {n} hours at minute {m}"),
        Time::HourlyBetween(m, a, b) => {
            format!(
                "every hour from {} to {}",
                clock(Lang::En, *a, *m),
                clock(Lang::En, *b, *m)
            )
        }
        Time::MinutesBetween(1, a, b) => {
            format!(
                "every minute from {} to {}",
                clock(Lang::En, *a, 0),
                clock(Lang::En, *b, 59)
            )
        }
        Time::MinutesBetween(n, a, b) => {
            format!(
                "every {n} minutes from {} to {}",
                clock(Lang::En, *a, 0),
                clock(Lang::En, *b, 60 - n)
            )
        }
    }
}

pub(super) fn months_en(months: &Months) -> String {
    match months {
        Months::Every => "every month".to_string(),
        Months::EveryNth(n) => format!("every {} month", ordinal(*n)),
        Months::Listed(list) => and_list(list.iter().map(|m| month_en(*m).to_string()).collect()),
        Months::Between(a, b) => format!("each month from {} to {}", month_en(*a), month_en(*b)),
    }
}

pub(super) fn time_ko(time: &Time) -> String {
    match time {
        Time::At(times) => times
            .iter()
            .map(|t| clock(Lang::Ko, t.0, t.1))
            .collect::<Vec<_>>()
            .join(", "),
        Time::EveryMinute => "매분".to_string(),
        Time::EveryMinutes(n) => format!("{n}분마다"),
        Time::Hourly(0) => "매시 정각".to_string(),
        Time::Hourly(m) => format!("매시 {m}분"),
        Time::EveryHours(n, 0) => format!("{n}시간마다 정각"),
        Time::EveryHours(n, m) => format!("{n}시간마다 {m}분에"),
        Time::HourlyBetween(0, a, b) => {
            format!(
                "{}부터 {}까지 매시 정각",
                clock(Lang::Ko, *a, 0),
                clock(Lang::Ko, *b, 0)
            )
        }
        Time::HourlyBetween(m, a, b) => {
            format!(
                "{}부터 {}까지 한 시간마다",
                clock(Lang::Ko, *a, *m),
                clock(Lang::Ko, *b, *m)
            )
        }
        Time::MinutesBetween(1, a, b) => format!(
            "{}부터 {}까지 매분",
            clock(Lang::Ko, *a, 0),
            clock(Lang::Ko, *b, 59)
        ),
        Time::MinutesBetween(n, a, b) => {
            format!(
                "{}부터 {}까지 {n}분마다",
                clock(Lang::Ko, *a, 0),
                clock(Lang::Ko, *b, 60 - n)
            )
        }
    }
}

pub(super) fn months_ko(months: &Months) -> String {
    match months {
        Months::Every => "매월".to_string(),
        Months::EveryNth(n) => format!("{n}개월마다"),
        Months::Listed(list) => list
            .iter()
            .map(|m| format!("{m}월"))
            .collect::<Vec<_>>()
            .join(", "),
        Months::Between(a, b) => format!("{a}월부터 {b}월까지"),
    }
}

/// A value as people name it in `field`: months and weekdays by name.
fn value_name(field: CronField, value: u8, lang: Lang) -> String {
    match (field, lang) {
        (CronField::Month, Lang::En) => month_en(value).to_string(),
        (CronField::Month, Lang::Ko) => format!("{value}월"),
        (CronField::DayOfWeek, Lang::En) => day_en(value).to_string(),
        (CronField::DayOfWeek, Lang::Ko) => day_ko(value).to_string(),
        _ => value.to_string(),
    }
}

/// One list entry of `field`, in words.
fn item_text(field: CronField, item: Item, lang: Lang) -> String {
    let name = |value| value_name(field, value, lang);
    let english = lang == Lang::En;
    match item {
        Item::Value(v) => name(v),
        Item::Range(a, b) if english => format!("{} to {}", name(a), name(b)),
        Item::Range(a, b) => format!("{}~{}", name(a), name(b)),
        Item::Step {
            step, every: true, ..
        } if english => format!("every {step}"),
        Item::Step {
            step, every: true, ..
        } => format!("{step}마다"),
        Item::Step {
            start, end, step, ..
        } if english => {
            format!("every {step} from {} to {}", name(start), name(end))
        }
        Item::Step {
            start, end, step, ..
        } => format!("{}~{} {step}마다", name(start), name(end)),
        Item::LastDay if english => "the last day".to_string(),
        Item::LastDay => "마지막 날".to_string(),
        Item::LastWeekday if english => "the last weekday".to_string(),
        Item::LastWeekday => "마지막 평일".to_string(),
        Item::NearestWeekday(d) if english => format!("the weekday nearest day {d}"),
        Item::NearestWeekday(d) => format!("{d}일에서 가장 가까운 평일"),
        Item::Nth(d, n) if english => format!("the {} {}", nth(&NTH_EN, n), day_en(d)),
        Item::Nth(d, n) => format!("{} {}", nth(&NTH_KO, n), day_ko(d)),
        Item::LastOf(d) if english => format!("the last {}", day_en(d)),
        Item::LastOf(d) => format!("마지막 {}", day_ko(d)),
    }
}

/// The fallback: each restricted field in words, e.g. "minute: every 5 from 0 to 30;
/// hour: 9 to 17; day of week: Monday to Friday".
pub(super) fn field_by_field(fields: &Fields, lang: Lang) -> String {
    let english = lang == Lang::En;
    let all = [
        (CronField::Minute, &fields.minute, "minute", "분"),
        (CronField::Hour, &fields.hour, "hour", "시"),
        (CronField::DayOfMonth, &fields.dom, "day of month", "일"),
        (CronField::Month, &fields.month, "month", "월"),
        (CronField::DayOfWeek, &fields.dow, "day of week", "요일"),
    ];
    let parts: Vec<String> = all
        .iter()
        .filter_map(|(field, value, en, ko)| match value {
            Field::Any if !matches!(field, CronField::Minute | CronField::Hour) => None,
            Field::Any if english => Some(format!("every {en}")),
            Field::Any => Some(format!("매{ko}")),
            Field::List(items) => {
                let text: Vec<String> = items.iter().map(|i| item_text(*field, *i, lang)).collect();
                Some(format!(
                    "{}: {}",
                    if english { en } else { ko },
                    text.join(", ")
                ))
            }
        })
        .collect();
    let either = matches!((&fields.dom, &fields.dow), (Field::List(_), Field::List(_)));
    let note = match (either, english) {
        (false, _) => "",
        (true, true) => " (a day matching either the day of month or the day of week)",
        (true, false) => " (일 또는 요일 중 하나만 맞아도 실행)",
    };
    format!("{}{note}", parts.join("; "))
}
