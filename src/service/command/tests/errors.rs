//! Inputs that are refused, and what the person is told.

use crate::domain::lang::Lang;
use crate::service::command::{CommandError, parse};

const CRON: &str = "schedule add retro \"0 17 * * FRI\"";

fn message(input: &str) -> String {
    match parse(input) {
        Ok(command) => panic!("{input:?} parsed as {command:?}"),
        Err(error) => error.message(Lang::En),
    }
}

fn bad_inputs() -> Vec<(String, Vec<&'static str>)> {
    let schedule_example = "Example: `schedule add retro \"0 17 * * FRI\" tz Asia/Seoul";
    let rows: Vec<(String, Vec<&str>)> = vec![
        (
            "recap week tema".into(),
            vec![
                "`recap` does not understand `tema`",
                "Did you mean `team`?",
                "Example: `recap 2026-Q3 team`",
            ],
        ),
        (
            "recap pubilc".into(),
            vec!["`pubilc`", "Did you mean `public`?", "Example: `recap"],
        ),
        (
            "recap me team".into(),
            vec!["`me|team` can be given only once", "Example: `recap"],
        ),
        (
            "pause until next monday".into(),
            vec![
                "`next monday` is not a date",
                "YYYY-MM-DD",
                "Example: `pause until 2026-06-01`",
            ],
        ),
        (
            "pause until 2026-02-30".into(),
            vec!["`2026-02-30` is not a date", "Example: `pause until"],
        ),
        (
            "pause".into(),
            vec![
                "`pause` is missing `until <YYYY-MM-DD>`",
                "Example: `pause until 2026-06-01`",
            ],
        ),
        (
            "settings lang fr".into(),
            vec![
                "`fr` is not a valid `lang`",
                "en, ko",
                "Example: `settings tz Asia/Seoul lang ko`",
            ],
        ),
        (
            "settings delivery emial".into(),
            vec![
                "`emial` is not a valid `delivery`",
                "dm, thread",
                "Example: `settings",
            ],
        ),
        (
            "settings tz".into(),
            vec!["`tz` needs a value", "Example: `settings tz Asia/Seoul"],
        ),
        (
            "settings tz lang ko".into(),
            vec!["`tz` needs a value", "Example: `settings"],
        ),
        (
            "settings tz Asia/Seoul tz Europe/Berlin".into(),
            vec!["`tz` can be given only once", "Example: `settings"],
        ),
        (
            "settings langauge ko".into(),
            vec![
                "`settings` does not understand `langauge`",
                "Did you mean `language`?",
            ],
        ),
        (
            "resume now".into(),
            vec!["`resume` does not take `now`", "Example: `resume`"],
        ),
        (
            "answer weekly-retro now".into(),
            vec![
                "`answer` does not take `now`",
                "Example: `answer weekly-retro`",
            ],
        ),
        (
            "visibility all secret".into(),
            vec![
                "`secret` is not a valid `visibility`",
                "private, team, anonymous",
                "Example: `visibility all anonymous`",
            ],
        ),
        (
            "visibility all privte".into(),
            vec!["Did you mean `private`?"],
        ),
        (
            "visibility private".into(),
            vec![
                "`visibility` is missing `<question-or-all>`",
                "Example: `visibility all anonymous`",
            ],
        ),
        (
            "visibility 2".into(),
            vec!["`visibility` is missing `private|team|anonymous`"],
        ),
        (
            "visibility 0 team".into(),
            vec![
                "`0` is not valid for `<question-or-all>`",
                "from 1 to 99",
                "Example: `visibility",
            ],
        ),
        (
            "resolutions set x done".into(),
            vec![
                "`x` is not valid for `<n>`",
                "whole number from 1 to 999",
                "Example: `resolutions set 2 done",
            ],
        ),
        (
            "resolutions set 2 finished".into(),
            vec![
                "`finished` is not a valid `status`",
                "on-track, changed, done, dropped",
            ],
        ),
        (
            "resolutions set 2 on-trak".into(),
            vec!["Did you mean `on-track`?"],
        ),
        (
            "resolutions set 2".into(),
            vec!["`resolutions set` is missing `on-track|changed|done|dropped`"],
        ),
        (
            "resolutions st 2 done".into(),
            vec![
                "`resolutions` has no subcommand `st`",
                "Did you mean `resolutions set`?",
                "Example: `resolutions set 2 done",
            ],
        ),
        (
            "schedule add".into(),
            vec!["`schedule add` is missing `<template>`", schedule_example],
        ),
        (
            "schedule add retro".into(),
            vec!["`schedule add` is missing `\"<cron>\"`", schedule_example],
        ),
        (
            "schedule add \"0 17 * * FRI\"".into(),
            vec!["`schedule add` is missing `<template>`", schedule_example],
        ),
        (
            "schedule add retro \"0 17 * *\"".into(),
            vec!["`0 17 * *` has 4 fields", "needs 5", schedule_example],
        ),
        (
            "schedule add retro \"0\"".into(),
            vec!["`0` has 1 field,", "needs 5", schedule_example],
        ),
        (
            format!("{CRON} window 3x"),
            vec![
                "`3x` is not a duration for `window`",
                "2d, 36h or 90m",
                schedule_example,
            ],
        ),
        (
            format!("{CRON} window 0h"),
            vec!["`0h` is not a duration for `window`"],
        ),
        (
            format!("{CRON} remind 150%"),
            vec!["`150%` is not a reminder time", "75%", schedule_example],
        ),
        (
            format!("{CRON} digest by-person"),
            vec![
                "`by-person` is not a valid `digest`: use one of by-question, by-member.",
                "Example: `schedule add retro \"0 17 * * FRI\" tz Asia/Seoul window 2d remind 2h name weekly-retro digest by-member`",
            ],
        ),
        (
            format!("{CRON} digest by-memebr"),
            vec![
                "`by-memebr` is not a valid `digest`",
                "Did you mean `by-member`?",
            ],
        ),
        (
            format!("{CRON} digest by-member digest by-question"),
            vec!["`digest`"],
        ),
        (
            format!("{CRON} remind soon"),
            vec!["`soon` is not a reminder time"],
        ),
        (
            format!("{CRON} every friday"),
            vec![
                "`schedule add` does not understand `every`",
                schedule_example,
            ],
        ),
        (
            format!("{CRON} nmae weekly"),
            vec!["`nmae`", "Did you mean `name`?"],
        ),
        (
            format!("{CRON} name a name b"),
            vec!["`name` can be given only once"],
        ),
        (format!("{CRON} window"), vec!["`window` needs a value"]),
        (
            "schedule preview \"0 17 * * FRI\" count 500".into(),
            vec![
                "`500` is not valid for `count`",
                "from 1 to 50",
                "Example: `schedule preview",
            ],
        ),
        (
            "schedule pause".into(),
            vec![
                "`schedule pause` is missing `<name>`",
                "Example: `schedule pause weekly-retro`",
            ],
        ),
        (
            "schedule run-now".into(),
            vec!["`schedule run-now` is missing `<schedule-or-template>`"],
        ),
        (
            "schedule add-member weekly-retro".into(),
            vec![
                "`schedule add-member` is missing `<@user…>`",
                "Example: `schedule add-member weekly-retro @alice",
            ],
        ),
        (
            "schedule add retro \"0 17 * * FRI".into(),
            vec!["A quote is opened but never closed", schedule_example],
        ),
        (
            "schedule add retro “0 17 * * FRI".into(),
            vec!["never closed"],
        ),
        (
            "forget-me now".into(),
            vec![
                "`forget-me` does not understand `now`",
                "Example: `forget-me`",
            ],
        ),
        ("forget-me confrim".into(), vec!["Did you mean `confirm`?"]),
        (
            "xyzzy".into(),
            vec![
                "There is no command `xyzzy`",
                "Type `help` to see every command",
            ],
        ),
        (
            "help xyzzy".into(),
            vec!["There is no command `xyzzy`", "Type `help`"],
        ),
    ];
    rows.into_iter()
        .map(|(input, facts)| (input, facts.into_iter().collect()))
        .collect()
}

#[test]
fn every_bad_input_is_told_exactly_what_is_wrong_with_an_example() {
    for (input, facts) in bad_inputs() {
        let message = message(&input);
        for fact in facts {
            assert!(
                message.contains(fact),
                "{input:?} said:\n{message}\n…without {fact:?}"
            );
        }
        let example_or_help = message.contains("Example: `") || message.contains("Type `help`");
        assert!(
            example_or_help,
            "{input:?} said:\n{message}\n…without an example"
        );
    }
}

#[test]
fn a_misspelt_command_suggests_the_nearest_with_its_help_line() {
    let cases = [
        (
            "recpa",
            "Did you mean `recap`?",
            "`recap [period] [me|team] [public]` — ",
        ),
        (
            "setings tz Asia/Seoul",
            "Did you mean `settings`?",
            "`settings [tz <zone>]",
        ),
        (
            "schedle add retro",
            "Did you mean `schedule add`?",
            "`schedule add <template> \"<cron>\"",
        ),
        (
            "schedule ad retro",
            "Did you mean `schedule add`?",
            "`schedule add <template>",
        ),
        (
            "schedule previw",
            "Did you mean `schedule preview`?",
            "`schedule preview \"<cron>\"",
        ),
        ("help recpa", "Did you mean `recap`?", "`recap [period]"),
        (
            "help schedule ad",
            "Did you mean `schedule add`?",
            "`schedule add <template>",
        ),
        (
            "forget",
            "Did you mean `forget-me`?",
            "`forget-me [confirm]`",
        ),
    ];
    for (input, suggestion, help_line) in cases {
        let message = message(input);
        assert!(message.contains(suggestion), "{input:?} said:\n{message}");
        assert!(message.contains(help_line), "{input:?} said:\n{message}");
    }
}

#[test]
fn a_misspelt_group_suggests_every_line_of_the_group() {
    let message = message("schedle");
    assert!(message.contains("Did you mean `schedule`?"), "{message}");
    assert!(message.contains("`schedule list`") && message.contains("`schedule run-now"));
}

#[test]
fn a_misspelt_command_gets_its_suggestion_in_korean_too() {
    let error = parse("recpa").unwrap_err();
    let message = error.message(Lang::Ko);
    assert!(message.contains("없는 명령어예요: `recpa`"), "{message}");
    assert!(message.contains("혹시 `recap` 말인가요?"), "{message}");
    assert!(message.contains("예: `recap 2026-Q3 team`"), "{message}");
}

#[test]
fn an_error_displays_as_its_english_message() {
    let error = parse("pause until tomorrow").unwrap_err();
    assert_eq!(error.to_string(), error.message(Lang::En));
    assert_eq!(error.topic(), Some("pause"));
}

#[test]
fn the_error_names_the_exact_value_and_option() {
    assert_eq!(
        parse("schedule add retro @daily window 2x"),
        Err(CommandError::InvalidDuration {
            topic: "schedule add",
            option: "window",
            value: "2x".into(),
        })
    );
    assert_eq!(
        parse("recpa"),
        Err(CommandError::UnknownCommand {
            word: "recpa".into(),
            suggestion: Some("recap"),
        })
    );
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    for (input, _) in bad_inputs() {
        let error = parse(&input).unwrap_err();
        let (en, ko) = (error.message(Lang::En), error.message(Lang::Ko));
        assert_ne!(en, ko, "{input:?}");
        assert!(!ko.contains("error."), "{input:?} shows a raw id: {ko}");
    }
}
