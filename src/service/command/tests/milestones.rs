//! `milestone …` lines and what they parse to; mistakes and their examples.

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::visibility::Visibility;
use crate::service::command::*;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn add(date: NaiveDate, text: &str, team: bool) -> Command {
    let text = text.to_string();
    Command::Milestone(MilestoneCommand::Add { date, text, team })
}

#[test]
fn milestone_lines_parse_to_their_commands() {
    let list = |period: Option<&str>| {
        let period = period.map(str::to_string);
        Command::Milestone(MilestoneCommand::List { period })
    };
    let cases = [
        (
            "milestone add 2026-04-01 First day at the new job",
            add(day(2026, 4, 1), "First day at the new job", false),
        ),
        (
            "/hoego milestone add team 2026-09-14 Reorganisation:  two teams become one",
            add(
                day(2026, 9, 14),
                "Reorganisation:  two teams become one",
                true,
            ),
        ),
        (
            "milestone add 2026-09-14 team offsite",
            add(day(2026, 9, 14), "team offsite", false),
        ),
        (
            "milestone add 2026-09-14 \"team\"",
            add(day(2026, 9, 14), "team", false),
        ),
        ("milestone", list(None)),
        ("milestones list", list(None)),
        ("milestone list 2026-Q3", list(Some("2026-Q3"))),
        (
            "milestone remove 3",
            Command::Milestone(MilestoneCommand::Remove { number: 3 }),
        ),
        (
            "milestone visibility 2 team",
            Command::Milestone(MilestoneCommand::Visibility {
                number: 2,
                visibility: Visibility::Team,
            }),
        ),
    ];
    for (line, expected) in cases {
        assert_eq!(parse(line), Ok(expected), "{line}");
    }
}

#[test]
fn milestone_mistakes_say_what_is_wrong_with_an_example() {
    let message = |line: &str| parse(line).unwrap_err().message(Lang::En);
    let bad_date = message("milestone add 2026-13-01 New job");
    assert!(
        bad_date.starts_with("`2026-13-01` is not a date"),
        "{bad_date}"
    );
    assert!(
        bad_date.ends_with("Example: `milestone add 2026-04-01 First day at the new job`"),
        "{bad_date}"
    );
    let no_text = message("milestone add 2026-04-01");
    assert!(no_text.contains("<text…>"), "{no_text}");
    let anonymous = message("milestone visibility 1 anonymous");
    assert!(anonymous.contains("private, team"), "{anonymous}");
    let misspelt = message("milestone remvoe 2");
    assert!(misspelt.contains("milestone remove"), "{misspelt}");
    let ko = parse("milestone add 4월1일 입사")
        .unwrap_err()
        .message(Lang::Ko);
    assert!(
        ko.contains("예: `milestone add 2026-04-01 새 회사 첫 출근`"),
        "{ko}"
    );
}
