//! The text command grammar and the period parser never panic: any input up to 10 KB, random
//! characters or random arrangements of the words they know, gets a command, a refusal or a
//! period, and every refusal says something in both languages.

use chrono::NaiveDate;
use hoego::domain::lang::Lang;
use hoego::domain::period::Period;
use hoego::service::command;
use hoego::service::i18n::worded::Worded;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::Chat;
use crate::support::db::run_on;

/// Words of the grammar and of periods, and pieces that break them.
const WORDS: &[&str] = &[
    "recap",
    "team",
    "me",
    "public",
    "week",
    "month",
    "quarter",
    "year",
    "schedule",
    "add",
    "list",
    "remove",
    "run-now",
    "preview",
    "pause",
    "resume",
    "until",
    "role:",
    "window",
    "remind",
    "digest",
    "channel",
    "cron",
    "\"",
    "'",
    "visibility",
    "anonymous",
    "private",
    "settings",
    "tz",
    "zone",
    "lang",
    "ko",
    "en",
    "export",
    "forget-me",
    "confirm",
    "join",
    "leave",
    "help",
    "resolutions",
    "set",
    "done",
    "note",
    "answer",
    "skip",
    "edit",
    "<@U1>",
    "<#C1|x>",
    "@everyone",
    "2026",
    "2026-Q3",
    "2026-W53",
    "2026-02-29",
    "..",
    "-",
    "+",
    "262142",
    "-262143-01-01",
    "+262142-12-31",
    "9999999999999999999999",
    "0",
    "*",
    "*/0",
    "1-5",
    "MON-FRI",
    "L",
    "#",
    "%",
    "99%",
    "2d",
    "999999999w",
    "Asia/Seoul",
    "🙂",
    "한국어",
    "\n",
    "\t",
    "\u{0}",
    "\u{202e}",
];

/// A line of up to 10 KB: random characters, or random words of the grammar.
fn line() -> impl Strategy<Value = String> {
    let chars = prop::collection::vec(any::<char>(), 0..10_000).prop_map(String::from_iter);
    let words = prop::collection::vec(prop::sample::select(WORDS), 0..400)
        .prop_map(|words| words.join(" "));
    let glued =
        prop::collection::vec(prop::sample::select(WORDS), 0..40).prop_map(|words| words.concat());
    prop_oneof![chars, words, glued].prop_map(|mut text| {
        while text.len() > 10_240 {
            text.pop();
        }
        text
    })
}

/// A period-like text: digits, signs, separators and the period words.
fn period_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,7}",
        Just("-".to_string()),
        Just("+".to_string()),
        Just("..".to_string()),
        Just("q".to_string()),
        Just("W".to_string()),
        Just("week".to_string()),
        Just("year".to_string()),
        "\\PC{0,3}",
    ];
    let built = prop::collection::vec(piece, 0..24).prop_map(|p| p.concat());
    prop_oneof![built, line()]
}

fn today() -> impl Strategy<Value = NaiveDate> {
    (0i64..=(365 * 131)).prop_map(|days| {
        NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(days)
    })
}

proptest! {
    #![proptest_config(Config { cases: 400, ..Config::default() })]

    #[test]
    fn any_line_is_a_command_or_a_refusal_in_both_languages(text in line()) {
        if let Err(error) = command::parse(&text) {
            prop_assert!(!error.message(Lang::En).trim().is_empty());
            prop_assert!(!error.message(Lang::Ko).trim().is_empty());
        }
    }

    #[test]
    fn any_period_is_read_within_bounds_or_refused(text in period_text(), today in today()) {
        match Period::parse(&text, today) {
            Ok(period) => {
                prop_assert!(period.from <= period.to);
                prop_assert!(period.from.format("%Y").to_string().as_str() >= "1970");
                prop_assert!(period.to.format("%Y").to_string().as_str() <= "2100");
                prop_assert!(period.end_exclusive() > period.to);
                prop_assert!(!period.label().is_empty());
            }
            Err(error) => {
                prop_assert!(error.worded(Lang::En).chars().count() < 400);
                prop_assert!(!error.worded(Lang::Ko).is_empty());
            }
        }
    }
}

/// Random lines said to the whole service (as Slack and the console pass them): each gets a
/// reply with something in it, and the service keeps answering after.
async fn any_line_said_to_hoego_gets_a_reply(store: hoego::store::Store) {
    let chat = Chat::new(&store, "mallory");
    let mut runner = TestRunner::new(Config {
        cases: 48,
        ..Config::default()
    });
    let strategy = line();
    for _ in 0..48 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let reply = chat.say(&text).await;
        assert!(
            reply.blocks.iter().any(|b| !b.trim().is_empty()) || reply.form.is_some(),
            "no reply to {:?}",
            text.chars().take(200).collect::<String>()
        );
        // Past the recap limit the refusal is a reply too; let the minute pass.
        chat.clock.advance(chrono::Duration::seconds(11));
    }
    let help = chat.say("help").await;
    assert!(help.blocks.join("\n").contains("recap"));
}

async fn random_lines(backend: Backend) {
    run_on(backend, any_line_said_to_hoego_gets_a_reply).await;
}

on_each_backend!(random_lines);
