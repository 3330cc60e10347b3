//! Plain-language descriptions of a schedule in each language hoego speaks: which
//! common shape an expression has, and the sentence for that shape.

use super::CronSpec;
use super::field::{Field, Item};
use super::wording::{
    NTH_EN, NTH_KO, and_list, day_en, day_ko, field_by_field, months_en, months_ko, nth, time_en,
    time_ko,
};
use crate::domain::lang::Lang;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn both(expr: &str) -> (String, String) {
        let spec = CronSpec::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        (describe(&spec, Lang::En), describe(&spec, Lang::Ko))
    }

    #[test]
    fn common_shapes_read_naturally_in_english_and_korean() {
        #[rustfmt::skip]
        let cases = [
            ("0 17 * * FRI", "every Friday at 17:00", "매주 금요일 17:00"),
            ("0 9 * * 1-5", "at 09:00, Monday to Friday", "월요일부터 금요일까지 09:00"),
            ("0 10 1 */3 *", "at 10:00 on day 1 of every 3rd month", "3개월마다 1일 10:00"),
            ("0 18 L 12 *", "at 18:00 on the last day of December", "12월 마지막 날 18:00"),
            ("*/15 * * * *", "every 15 minutes", "15분마다"),
            ("30 9 * * *", "every day at 09:30", "매일 09:30"),
            ("0 9,17 * * *", "every day at 09:00 and 17:00", "매일 09:00, 17:00"),
            ("0 17 * * 0,7", "every Sunday at 17:00", "매주 일요일 17:00"),
            ("0 9 * * MON,WED", "at 09:00 on Monday and Wednesday", "매주 월요일, 수요일 09:00"),
            ("0 16 * * 5#2", "at 16:00 on the second Friday of every month", "매월 둘째 금요일 16:00"),
            ("0 16 * * 5L", "at 16:00 on the last Friday of every month", "매월 마지막 금요일 16:00"),
            ("0 9 1,15 * *", "at 09:00 on days 1 and 15 of every month", "매월 1일, 15일 09:00"),
            ("0 9 LW * *", "at 09:00 on the last weekday of every month", "매월 마지막 평일 09:00"),
            ("0 9 15W * *", "at 09:00 on the weekday nearest day 15 of every month", "매월 15일에서 가장 가까운 평일 09:00"),
            ("0 9 1 1,7 *", "at 09:00 on day 1 of January and July", "1월, 7월 1일 09:00"),
            ("0 9 * 12 *", "at 09:00 every day in December", "12월 매일 09:00"),
            ("0 * * * *", "every hour on the hour", "매시 정각"),
            ("30 */2 * * *", "every 2 hours at minute 30", "2시간마다 30분"),
            ("0 9-17 * * 1-5", "every hour from 09:00 to 17:00, Monday to Friday", "월요일부터 금요일까지 09:00부터 17:00까지 매시간"),
            ("* * * * *", "every minute", "매분"),
            ("*/15 9-17 * * *", "every 15 minutes from 09:00 to 17:45", "09:00부터 17:45까지 15분마다"),
            ("* 9-10 * * *", "every minute from 09:00 to 10:59", "09:00부터 10:59까지 매분"),
        ];
        for (expr, english, korean) in cases {
            assert_eq!(
                both(expr),
                (english.to_string(), korean.to_string()),
                "{expr}"
            );
        }
    }

    #[test]
    fn unusual_shapes_are_described_field_by_field() {
        #[rustfmt::skip]
        let cases = [
            ("*/45 9 * * *", "minute: every 45; hour: 9", "분: 45마다; 시: 9"),
            ("0 0 */2 * *", "minute: 0; hour: 0; day of month: every 2", "분: 0; 시: 0; 일: 2마다"),
            ("* 9 * JAN-MAR *", "every minute; hour: 9; month: January to March", "매분; 시: 9; 월: 1월~3월"),
            ("0 9 13 * FRI", "minute: 0; hour: 9; day of month: 13; day of week: Friday (a day matching either the day of month or the day of week)", "분: 0; 시: 9; 일: 13; 요일: 금요일 (일 또는 요일 중 하나만 맞아도 실행)"),
        ];
        for (expr, english, korean) in cases {
            assert_eq!(
                both(expr),
                (english.to_string(), korean.to_string()),
                "{expr}"
            );
        }
    }

    #[test]
    fn every_valid_shape_gets_a_description_in_both_languages() {
        #[rustfmt::skip]
        let exprs = [
            "0-59/7 0-23/5 1-31/3 1-12/5 0-7/2",
            "0 9 L,LW,15W JAN-DEC/2 *",
            "5,10 1,2,3,4,5,6,7 * * SUN-SAT",
            "0 9 * * 1#1,3#3,5L",
            "59 23 31 12 7",
        ];
        for expr in exprs {
            let (english, korean) = both(expr);
            assert!(!english.is_empty() && !korean.is_empty(), "{expr}");
        }
    }
}
