//! Inputs that parse, and what they parse to.

use std::time::Duration;

use chrono::NaiveDate;

use crate::domain::lang::Lang;
use crate::domain::recap::digest::DigestGrouping;
use crate::domain::visibility::Visibility;
use crate::service::command::lex::tokenize;
use crate::service::command::values::{edit_distance, nearest};
use crate::service::command::*;

fn name(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn recap(period: &str, scope: RecapScope, public: bool) -> Command {
    let period = period.to_string();
    Command::Recap {
        period,
        scope,
        public,
        summary: false,
    }
}

fn summarised(period: &str, scope: RecapScope) -> Command {
    let period = period.to_string();
    Command::Recap {
        period,
        scope,
        public: false,
        summary: true,
    }
}

fn settings(tz: Option<&str>, lang: Option<Lang>, delivery: Option<DeliveryMode>) -> Command {
    let tz = tz.map(str::to_string);
    Command::UpdateSettings(SettingsChange { tz, lang, delivery })
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3600)
}

fn add(template: &str, cron: &str, options: NewSchedule) -> Command {
    let (template, cron) = (template.to_string(), cron.to_string());
    Command::Schedule(ScheduleCommand::Add(NewSchedule {
        template,
        cron,
        ..options
    }))
}

fn schedule(sub: ScheduleCommand) -> Command {
    Command::Schedule(sub)
}

fn set(number: u32, status: ResolutionStatus, note: Option<String>) -> Command {
    Command::SetResolution {
        number,
        status,
        note,
    }
}

fn help(topic: Option<&str>) -> Command {
    let topic = topic.map(str::to_string);
    Command::Help { topic }
}

fn visibility(question: QuestionRef, visibility: Visibility) -> Command {
    Command::SetVisibility {
        question,
        visibility,
    }
}

fn rows() -> Vec<(&'static str, Command)> {
    use RecapScope::{Me, Team};
    use ResolutionStatus as S;
    use ScheduleCommand as Sc;
    let none = NewSchedule::default();
    vec![
        ("answer", Command::Answer { schedule: None }),
        (
            "/hoego answer weekly-retro",
            Command::Answer {
                schedule: name("weekly-retro"),
            },
        ),
        ("hoego skip", Command::Skip { schedule: None }),
        (
            "skip \"weekly retro\"",
            Command::Skip {
                schedule: name("weekly retro"),
            },
        ),
        ("edit", Command::Edit { schedule: None }),
        (
            "EDIT standup",
            Command::Edit {
                schedule: name("standup"),
            },
        ),
        ("recap", recap("week", Me, false)),
        ("/hoego recap", recap("week", Me, false)),
        ("hoego recap", recap("week", Me, false)),
        ("  recap   month   team  ", recap("month", Team, false)),
        ("recap 2026-Q3 team public", recap("2026-Q3", Team, true)),
        ("recap public team 2026", recap("2026", Team, true)),
        (
            "recap 2026-03-01..2026-06-30 me",
            recap("2026-03-01..2026-06-30", Me, false),
        ),
        ("recap 2026-W21", recap("2026-W21", Me, false)),
        ("recap 2026-11 public", recap("2026-11", Me, true)),
        ("Recap Quarter", recap("Quarter", Me, false)),
        ("recap year team", recap("year", Team, false)),
        ("recap 2026 team summary", summarised("2026", Team)),
        ("recap summary year", summarised("year", Me)),
        ("settings", Command::ShowSettings),
        ("settings summary", Command::TeamSummary { turn: None }),
        (
            "settings summary on",
            Command::TeamSummary { turn: Some(true) },
        ),
        (
            "settings summary OFF",
            Command::TeamSummary { turn: Some(false) },
        ),
        (
            "settings tz Asia/Seoul",
            settings(Some("Asia/Seoul"), None, None),
        ),
        ("settings lang ko", settings(None, Some(Lang::Ko), None)),
        (
            "settings delivery thread",
            settings(None, None, Some(DeliveryMode::Thread)),
        ),
        (
            "settings tz Europe/Berlin lang en delivery dm",
            settings(
                Some("Europe/Berlin"),
                Some(Lang::En),
                Some(DeliveryMode::Dm),
            ),
        ),
        (
            "settings delivery DM lang KO",
            settings(None, Some(Lang::Ko), Some(DeliveryMode::Dm)),
        ),
        (
            "settings timezone America/New_York language korean",
            settings(Some("America/New_York"), Some(Lang::Ko), None),
        ),
        ("join", Command::Join { schedule: None }),
        (
            "join weekly-retro",
            Command::Join {
                schedule: name("weekly-retro"),
            },
        ),
        (
            "leave weekly-retro",
            Command::Leave {
                schedule: name("weekly-retro"),
            },
        ),
        (
            "pause until 2026-06-01",
            Command::Pause {
                until: day(2026, 6, 1),
            },
        ),
        (
            "pause 2026-12-24",
            Command::Pause {
                until: day(2026, 12, 24),
            },
        ),
        ("resume", Command::Resume),
        ("export", Command::Export),
        ("forget-me", Command::ForgetMe { confirmed: false }),
        ("forget-me confirm", Command::ForgetMe { confirmed: true }),
        ("forget me confirm", Command::ForgetMe { confirmed: true }),
        (
            "visibility all anonymous",
            visibility(QuestionRef::All, Visibility::Anonymous),
        ),
        (
            "visibility 2 private",
            visibility(QuestionRef::Number(2), Visibility::Private),
        ),
        (
            "visibility wins team",
            visibility(QuestionRef::Key("wins".into()), Visibility::Team),
        ),
        (
            "visibility ALL anon",
            visibility(QuestionRef::All, Visibility::Anonymous),
        ),
        ("resolutions", Command::ListResolutions),
        ("resolutions list", Command::ListResolutions),
        ("resolutions set 2 done", set(2, S::Done, None)),
        (
            "resolutions set 1 on-track halfway there,  going well",
            set(1, S::OnTrack, name("halfway there,  going well")),
        ),
        (
            "resolutions set 3 dropped \"no longer relevant\"",
            set(3, S::Dropped, name("no longer relevant")),
        ),
        (
            "resolutions set 4 changed 매주 한 번으로 줄임",
            set(4, S::Changed, name("매주 한 번으로 줄임")),
        ),
        (
            "schedule add retro \"0 17 * * FRI\"",
            add("retro", "0 17 * * FRI", none.clone()),
        ),
        (
            "/hoego schedule add retro \"0 17 * * FRI\" tz Asia/Seoul channel <#C0123|retro> window 2d remind 2h name weekly-retro",
            add(
                "retro",
                "0 17 * * FRI",
                NewSchedule {
                    tz: Some(ScheduleTz::Zone("Asia/Seoul".into())),
                    channel: Some(ChannelRef::Id("C0123".into())),
                    window: Some(hours(48)),
                    remind: Some(Remind::BeforeClose(hours(2))),
                    name: name("weekly-retro"),
                    ..none.clone()
                },
            ),
        ),
        (
            "schedule add standup “0 9 * * MON-FRI” tz local window 36h remind 75% channel <#81234>",
            add(
                "standup",
                "0 9 * * MON-FRI",
                NewSchedule {
                    tz: Some(ScheduleTz::Local),
                    channel: Some(ChannelRef::Id("81234".into())),
                    window: Some(hours(36)),
                    remind: Some(Remind::AtPercent(75)),
                    ..none.clone()
                },
            ),
        ),
        (
            "schedule add retro 0 17 * * FRI name weekly",
            add(
                "retro",
                "0 17 * * FRI",
                NewSchedule {
                    name: name("weekly"),
                    ..none.clone()
                },
            ),
        ),
        (
            "schedule add standup @daily channel #general",
            add(
                "standup",
                "@daily",
                NewSchedule {
                    channel: Some(ChannelRef::Name("general".into())),
                    ..none.clone()
                },
            ),
        ),
        (
            "schedule add retro \"0 17 * * FRI\" window 1d12h remind 90m",
            add(
                "retro",
                "0 17 * * FRI",
                NewSchedule {
                    window: Some(hours(36)),
                    remind: Some(Remind::BeforeClose(Duration::from_secs(90 * 60))),
                    ..none.clone()
                },
            ),
        ),
        (
            "schedule add retro @daily digest by-member name daily",
            add(
                "retro",
                "@daily",
                NewSchedule {
                    name: name("daily"),
                    digest: Some(DigestGrouping::Member),
                    ..none.clone()
                },
            ),
        ),
        (
            "schedule add retro \"0 17 * * FRI\" digest By-Question",
            add(
                "retro",
                "0 17 * * FRI",
                NewSchedule {
                    digest: Some(DigestGrouping::Question),
                    ..none.clone()
                },
            ),
        ),
        ("schedule list", schedule(Sc::List)),
        (
            "schedule preview \"0 17 * * FRI\"",
            schedule(Sc::Preview {
                cron: "0 17 * * FRI".into(),
                tz: None,
                count: 5,
            }),
        ),
        (
            "schedule preview \"*/30 9-17 * * MON-FRI\" tz Asia/Seoul count 10",
            schedule(Sc::Preview {
                cron: "*/30 9-17 * * MON-FRI".into(),
                tz: name("Asia/Seoul"),
                count: 10,
            }),
        ),
        (
            "schedule pause weekly-retro",
            schedule(Sc::Pause {
                name: "weekly-retro".into(),
            }),
        ),
        (
            "schedule resume weekly-retro",
            schedule(Sc::Resume {
                name: "weekly-retro".into(),
            }),
        ),
        (
            "schedule remove weekly-retro",
            schedule(Sc::Remove {
                name: "weekly-retro".into(),
            }),
        ),
        (
            "schedule run-now retro",
            schedule(Sc::RunNow {
                target: "retro".into(),
            }),
        ),
        (
            "schedule add-member weekly-retro <@U012AB3CD> <@!81234567890> @alice",
            schedule(Sc::AddMember {
                schedule: "weekly-retro".into(),
                users: vec![
                    UserRef::Id("U012AB3CD".into()),
                    UserRef::Id("81234567890".into()),
                    UserRef::Name("alice".into()),
                ],
            }),
        ),
        (
            "schedule remove-member weekly-retro U012AB3CDE,bob <@U0ZZ|zed>",
            schedule(Sc::RemoveMember {
                schedule: "weekly-retro".into(),
                users: vec![
                    UserRef::Id("U012AB3CDE".into()),
                    UserRef::Name("bob".into()),
                    UserRef::Person {
                        id: "U0ZZ".into(),
                        name: "zed".into(),
                    },
                ],
            }),
        ),
        ("help", help(None)),
        ("help recap", help(Some("recap"))),
        ("help Schedule  Add", help(Some("schedule add"))),
        ("help schedule", help(Some("schedule"))),
        ("schedule", help(Some("schedule"))),
        ("/hoego", help(None)),
        ("", help(None)),
    ]
}

#[test]
fn every_command_in_the_table_parses_to_what_it_means() {
    let rows = rows();
    assert!(rows.len() >= 40, "only {} rows", rows.len());
    for (input, expected) in rows {
        assert_eq!(parse(input), Ok(expected), "input: {input:?}");
    }
}

#[test]
fn curly_quotes_make_one_token_like_straight_ones() {
    let straight = parse("schedule preview \"0 17 * * FRI\" count 3");
    assert_eq!(parse("schedule preview “0 17 * * FRI” count 3"), straight);
    assert_eq!(parse("schedule preview \"0 17 * * FRI” count 3"), straight);
    assert_eq!(parse("schedule preview “0 17 * * FRI\" count 3"), straight);
}

#[test]
fn the_tokenizer_keeps_quoted_spaces_and_drops_the_quotes() {
    let texts: Vec<String> = tokenize("a “b  c” \"d\" e")
        .unwrap()
        .into_iter()
        .map(|token| token.text)
        .collect();
    assert_eq!(texts, ["a", "b  c", "d", "e"]);
}

#[test]
fn a_quoted_keyword_is_a_value_not_a_keyword() {
    let parsed = parse("schedule add retro \"0 17 * * FRI\" name \"tz\"");
    let expected = add(
        "retro",
        "0 17 * * FRI",
        NewSchedule {
            name: name("tz"),
            ..NewSchedule::default()
        },
    );
    assert_eq!(parsed, Ok(expected));
}

#[test]
fn nearest_match_suggests_the_command_meant() {
    let commands = [
        "answer",
        "skip",
        "edit",
        "recap",
        "settings",
        "help",
        "forget-me",
        "resolutions",
        "visibility",
        "export",
        "schedule",
    ];
    let typos = [
        ("recpa", "recap"),
        ("setings", "settings"),
        ("schedle", "schedule"),
        ("answr", "answer"),
        ("sikp", "skip"),
        ("resolutons", "resolutions"),
        ("visiblity", "visibility"),
        ("hlep", "help"),
        ("exprot", "export"),
        ("forget", "forget-me"),
        ("SETTINGS", "settings"),
    ];
    for (typo, meant) in typos {
        assert_eq!(nearest(typo, &commands), Some(meant), "typo: {typo}");
    }
    assert_eq!(nearest("x", &commands), None);
    assert_eq!(nearest("banana", &commands), None);
}

#[test]
fn a_swap_of_two_neighbouring_letters_is_one_edit() {
    assert_eq!(edit_distance("recap", "recpa"), 1);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("회고", "회고"), 0);
}

#[test]
fn every_parsed_command_names_its_help_topic() {
    for (input, command) in rows() {
        let topic = command.help_topic();
        assert!(
            help::find_topic(topic).is_some(),
            "{input:?} names unknown topic {topic}"
        );
    }
}
