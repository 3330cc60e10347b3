//! Descriptions of common and unusual schedules, in both languages.

use super::*;

fn both(expr: &str) -> (String, String) {
    let spec = CronSpec::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
    (describe(&spec, Lang::En), describe(&spec, Lang::Ko))
}

#[test]
fn common_shapes_read_naturally_in_english_and_korean() {
    #[rustfmt::skip]
    let cases = [
        ("0 17 * * FRI", "every Friday at 5 pm", "매주 금요일 오후 5시"),
        ("0 9 * * 1-5", "at 9 am, Monday to Friday", "평일 오전 9시"),
        ("0 10 1 */3 *", "at 10 am on day 1 of every 3rd month", "3개월마다 1일 오전 10시"),
        ("0 18 L 12 *", "at 6 pm on the last day of December", "12월 마지막 날 오후 6시"),
        ("*/15 * * * *", "every 15 minutes", "15분마다"),
        ("30 9 * * *", "every day at 9:30 am", "매일 오전 9시 30분"),
        ("0 9,17 * * *", "every day at 9 am and 5 pm", "매일 오전 9시, 오후 5시"),
        ("0 17 * * 0,7", "every Sunday at 5 pm", "매주 일요일 오후 5시"),
        ("0 9 * * MON,WED", "at 9 am on Monday and Wednesday", "매주 월요일, 수요일 오전 9시"),
        ("0 16 * * 5#2", "at 4 pm on the second Friday of every month", "매월 둘째 금요일 오후 4시"),
        ("0 16 * * 5L", "at 4 pm on the last Friday of every month", "매월 마지막 금요일 오후 4시"),
        ("0 9 1,15 * *", "at 9 am on days 1 and 15 of every month", "매월 1일, 15일 오전 9시"),
        ("0 9 LW * *", "at 9 am on the last weekday of every month", "매월 마지막 평일 오전 9시"),
        ("0 9 15W * *", "at 9 am on the weekday nearest day 15 of every month", "매월 15일에서 가장 가까운 평일 오전 9시"),
        ("0 9 1 1,7 *", "at 9 am on day 1 of January and July", "1월, 7월 1일 오전 9시"),
        ("0 9 * 12 *", "at 9 am every day in December", "12월 매일 오전 9시"),
        ("0 * * * *", "every hour on the hour", "매시 정각"),
        ("30 */2 * * *", "every 2 hours at minute 30", "2시간마다 30분에"),
        ("0 9-17 * * 1-5", "every hour from 9 am to 5 pm, Monday to Friday", "평일 오전 9시부터 오후 5시까지 매시 정각"),
        ("30 9-17 * * *", "every hour from 9:30 am to 5:30 pm", "오전 9시 30분부터 오후 5시 30분까지 한 시간마다"),
        ("0 9 * * 2-4", "at 9 am, Tuesday to Thursday", "화요일부터 목요일까지 오전 9시"),
        ("* * * * *", "every minute", "매분"),
        ("*/15 9-17 * * *", "every 15 minutes from 9 am to 5:45 pm", "오전 9시부터 오후 5시 45분까지 15분마다"),
        ("* 9-10 * * *", "every minute from 9 am to 10:59 am", "오전 9시부터 오전 10시 59분까지 매분"),
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
