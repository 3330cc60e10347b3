//! The help lines and help texts.

use crate::domain::lang::Lang;
use crate::service::command::help::{ENTRIES, example_in, find_topic, help_line, help_lines};
use crate::service::command::{help_text, parse};

#[test]
fn every_help_example_parses_to_the_command_it_documents() {
    for entry in ENTRIES {
        for lang in Lang::ALL {
            let example = example_in(entry, lang);
            let command = parse(&example)
                .unwrap_or_else(|e| panic!("the example of {} fails: {e}", entry.topic));
            assert_eq!(command.help_topic(), entry.topic, "example {example:?}");
        }
    }
}

#[test]
fn examples_with_free_text_read_in_the_readers_language() {
    let milestone = ENTRIES.iter().find(|e| e.topic == "milestone add").unwrap();
    assert_eq!(
        example_in(milestone, Lang::Ko),
        "milestone add 2026-04-01 새 회사 첫 출근"
    );
    assert_eq!(example_in(milestone, Lang::En), milestone.example);
    let korean = help_text(Lang::Ko, Some("resolutions set"));
    assert!(korean.contains("새 온보딩 문서를 배포했어요"), "{korean}");
    assert!(!korean.contains("shipped"), "{korean}");
}

#[test]
fn every_help_usage_starts_with_its_topic() {
    for entry in ENTRIES {
        assert!(entry.usage.starts_with(entry.topic), "{}", entry.usage);
        assert_eq!(find_topic(entry.topic), Some(entry.topic));
    }
}

#[test]
fn every_command_has_a_help_line_in_english_and_korean() {
    for entry in ENTRIES {
        let en = help_line(Lang::En, entry);
        let ko = help_line(Lang::Ko, entry);
        assert!(en.starts_with(&format!("`{}` — ", entry.usage)), "{en}");
        assert!(ko.starts_with(&format!("`{}` — ", entry.usage)), "{ko}");
        assert_ne!(en, ko, "{} is not translated", entry.topic);
    }
}

#[test]
fn the_whole_help_lists_every_command_between_a_header_and_a_footer() {
    let text = help_text(Lang::En, None);
    assert!(text.starts_with("Commands (in Slack, type them after /hoego):"));
    assert!(text.ends_with("Type `help <command>` for details and an example."));
    for entry in ENTRIES {
        assert!(text.contains(entry.usage), "{} is missing", entry.topic);
    }
    let korean = help_text(Lang::Ko, None);
    assert!(korean.starts_with("명령어 목록이에요"), "{korean}");
    assert!(korean.contains(
        "`recap [period] [me|team] [public] [summary]` — 한 기간의 내 답변을 모아 돌아봐요."
    ));
}

#[test]
fn the_help_of_one_command_shows_its_line_and_an_example() {
    assert_eq!(
        help_text(Lang::En, Some("pause")),
        "`pause until <YYYY-MM-DD>` — Take a break: no questions before that date.\n    Example: `pause until 2026-06-01`"
    );
    let korean = help_text(Lang::Ko, Some("pause"));
    assert!(
        korean.ends_with("    예: `pause until 2026-06-01`"),
        "{korean}"
    );
}

#[test]
fn the_help_of_a_group_shows_every_subcommand_and_nothing_else() {
    let lines = help_lines(Lang::En, "schedule");
    assert_eq!(lines.len(), 9);
    assert!(lines.iter().all(|line| line.starts_with("`schedule ")));
    let text = help_text(Lang::En, Some("Schedule"));
    assert!(text.contains("schedule remove-member") && !text.contains("`recap"));
}

#[test]
fn the_help_of_an_unknown_topic_suggests_one_and_lists_everything() {
    let text = help_text(Lang::En, Some("recpa"));
    assert!(
        text.starts_with("There is no help for `recpa`.\nDid you mean `recap`?\n"),
        "{text}"
    );
    assert!(text.contains("`schedule list` — "));
    let korean = help_text(Lang::Ko, Some("xyzzy"));
    assert!(
        korean.starts_with("도움말이 없는 항목이에요: `xyzzy`\n\n명령어 목록이에요"),
        "{korean}"
    );
}

#[test]
fn an_empty_topic_shows_the_whole_help() {
    assert_eq!(help_text(Lang::En, Some("  ")), help_text(Lang::En, None));
}
