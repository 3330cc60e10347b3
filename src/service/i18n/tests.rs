//! Tests of the message catalog and of the shipped catalog files.

use std::collections::BTreeSet;

use super::*;

/// Every Rust source file under `src/`, read from the checkout: (path from `src/`, text),
/// except `src/config/`, whose dotted strings are configuration keys (`discord.token`), not
/// message ids.
fn sources() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pending = vec![root.clone()];
    let mut found = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() && path != root.join("config") {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a readable source");
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                found.push((name, text));
            }
        }
    }
    found.sort();
    found
}

fn id_set(lang: Lang) -> BTreeSet<&'static str> {
    catalog().ids(lang).into_iter().collect()
}

/// The string literals in `source` that look like ids of one of the catalog's sections.
fn ids_used_in(source: &str, sections: &BTreeSet<&str>) -> Vec<String> {
    let mut used = Vec::new();
    for section in sections {
        for (at, _) in source.match_indices(&format!("\"{section}.")) {
            let literal = &source[at + 1..];
            let end = literal
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c)))
                .unwrap_or(literal.len());
            let id = &literal[..end];
            if literal[end..].starts_with('"') && !id.ends_with('.') {
                used.push(id.to_string());
            }
        }
    }
    used
}

#[test]
fn both_catalog_files_have_exactly_the_same_ids() {
    let (en, ko) = (id_set(Lang::En), id_set(Lang::Ko));
    let missing_in_ko: Vec<_> = en.difference(&ko).collect();
    let missing_in_en: Vec<_> = ko.difference(&en).collect();
    assert!(
        missing_in_ko.is_empty() && missing_in_en.is_empty(),
        "ids missing from ko.toml: {missing_in_ko:?}; ids missing from en.toml: {missing_in_en:?}"
    );
}

#[test]
fn every_message_takes_the_same_arguments_in_both_languages() {
    let mismatched: Vec<String> = catalog()
        .ids(Lang::En)
        .into_iter()
        .filter_map(|id| {
            let en = placeholders(catalog().get(Lang::En, id)?);
            let ko = placeholders(catalog().get(Lang::Ko, id)?);
            (en != ko).then(|| format!("{id}: en {en:?}, ko {ko:?}"))
        })
        .collect();
    assert!(mismatched.is_empty(), "arguments differ: {mismatched:#?}");
}

#[test]
fn every_message_id_used_by_commands_errors_and_help_exists() {
    let ids = id_set(Lang::En);
    let sections: BTreeSet<&str> = ids.iter().filter_map(|id| id.split('.').next()).collect();
    let sources = sources();
    let mut checked = 0;
    for (file, source) in &sources {
        for id in ids_used_in(source, &sections) {
            assert!(
                ids.contains(id.as_str()),
                "{file} uses the unknown message id {id:?}"
            );
            checked += 1;
        }
    }
    assert!(
        sources.len() > 100 && checked >= 150,
        "only {checked} ids in {} files found: is the scan broken?",
        sources.len()
    );
}

#[test]
fn every_korean_message_is_written_in_korean() {
    let hangul = |text: &str| text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let words_outside_arguments = |text: &str| {
        let mut rest = text.to_string();
        for name in placeholders(text) {
            rest = rest.replace(&format!("{{{name}}}"), "");
        }
        rest.chars().any(|c| c.is_ascii_alphabetic())
    };
    for id in catalog().ids(Lang::En) {
        let (Some(en), Some(ko)) = (catalog().get(Lang::En, id), catalog().get(Lang::Ko, id))
        else {
            continue;
        };
        if words_outside_arguments(en) {
            assert!(hangul(ko), "{id} is not translated: {ko:?}");
        }
    }
}

#[test]
fn the_catalog_covers_what_the_bot_says() {
    let required = [
        "answer.saved",
        "answer.updated",
        "answer.round_closed",
        "answer.nothing_open",
        "answer.skipped",
        "reminder.closing",
        "prompt.round_open",
        "button.answer",
        "button.skip",
        "button.join",
        "settings.shown",
        "settings.updated",
        "pause.paused",
        "pause.resumed",
        "export.ready",
        "forget_me.confirm",
        "forget_me.done",
        "schedule.added",
        "schedule.list_item",
        "schedule.paused",
        "schedule.resumed",
        "schedule.removed",
        "schedule.run_now",
        "error.admins_only",
        "error.database_unavailable",
        "error.internal",
        "error.unknown_command",
    ];
    let ids = id_set(Lang::En);
    for id in required {
        assert!(ids.contains(id), "the catalog lacks {id}");
    }
    let bot_messages = ids.iter().filter(|id| !id.starts_with("help.")).count();
    assert!(
        bot_messages >= 60,
        "only {bot_messages} messages besides help"
    );
}

#[test]
fn korean_messages_are_filled_in_naturally() {
    let args = [("count", "3"), ("schedule", "주간 회고")];
    assert_eq!(
        t(Lang::Ko, "answer.saved", &args),
        "주간 회고 답변 3개를 저장했어요."
    );
    assert_eq!(
        t(Lang::En, "answer.saved", &args),
        "Saved 3 answers for 주간 회고."
    );
}

#[test]
fn the_prompt_and_reminder_read_as_specified() {
    let args = [
        ("team", "Platform"),
        ("schedule", "weekly-retro"),
        ("template", "retro"),
        ("when", "today at 17:00"),
    ];
    assert_eq!(
        t(Lang::En, "prompt.round_open", &args),
        "Platform · weekly-retro: time for your retro"
    );
    assert_eq!(
        t(Lang::En, "reminder.closing", &args),
        "Reminder: weekly-retro closes today at 17:00."
    );
}

#[test]
fn the_database_message_gives_back_what_was_written() {
    let text = t(
        Lang::Ko,
        "error.database_unavailable",
        &[("text", "이번 주엔 배포를 두 번 했다")],
    );
    assert!(text.ends_with("\n\n이번 주엔 배포를 두 번 했다"), "{text}");
}

#[test]
fn an_argument_is_filled_in_wherever_it_appears() {
    let catalog = Catalog::from_toml(&[(Lang::En, "a = \"{x} and {x}, {y}\"")]).unwrap();
    assert_eq!(
        catalog.text(Lang::En, "a", &[("x", "1"), ("y", "2")]),
        "1 and 1, 2"
    );
}

#[test]
fn a_count_of_one_reads_in_the_singular() {
    let one = [("count", "1"), ("schedule", "weekly")];
    let two = [("count", "2"), ("schedule", "weekly")];

    assert_eq!(
        t(Lang::En, "answer.saved", &one),
        "Saved 1 answer for weekly."
    );
    assert_eq!(
        t(Lang::En, "answer.saved", &two),
        "Saved 2 answers for weekly."
    );
    assert_eq!(
        t(Lang::Ko, "answer.saved", &one),
        "weekly 답변 1개를 저장했어요."
    );
    let catalog = Catalog::from_toml(&[(Lang::En, "a = \"{n|one|many} {n|x}\"")]).unwrap();
    assert_eq!(catalog.text(Lang::En, "a", &[("n", "1")]), "one {n|x}");
}

#[test]
fn a_missing_argument_stays_visible() {
    let text = t(Lang::En, "answer.saved", &[("schedule", "retro")]);
    assert_eq!(text, "Saved {count} {count|answer|answers} for retro.");
}

#[test]
fn braces_that_are_not_arguments_are_kept() {
    let catalog = Catalog::from_toml(&[(Lang::En, "a = \"{ x } {Count} {} {x\"")]).unwrap();
    assert_eq!(
        catalog.text(Lang::En, "a", &[("x", "1")]),
        "{ x } {Count} {} {x"
    );
}

#[test]
fn an_argument_value_is_never_read_as_an_argument() {
    let catalog = Catalog::from_toml(&[(Lang::En, "a = \"{x}{y}\"")]).unwrap();
    assert_eq!(
        catalog.text(Lang::En, "a", &[("x", "{y}"), ("y", "2")]),
        "{y}2"
    );
}

#[test]
fn a_message_missing_in_korean_falls_back_to_english() {
    let catalog =
        Catalog::from_toml(&[(Lang::En, "[s]\na = \"hello\""), (Lang::Ko, "[s]")]).unwrap();
    assert_eq!(catalog.text(Lang::Ko, "s.a", &[]), "hello");
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "unknown message id")]
fn an_unknown_id_fails_a_debug_assertion() {
    t(Lang::En, "no.such.message", &[]);
}

#[cfg(not(debug_assertions))]
#[test]
fn an_unknown_id_is_shown_as_itself() {
    assert_eq!(t(Lang::En, "no.such.message", &[]), "no.such.message");
}

#[test]
fn an_invalid_catalog_file_is_reported_with_its_language() {
    let error = Catalog::from_toml(&[(Lang::Ko, "a = ")]).unwrap_err();
    assert!(matches!(error, CatalogError::Toml { lang: Lang::Ko, .. }));
    assert!(
        error
            .to_string()
            .starts_with("the ko message catalog is not valid TOML")
    );
}

#[test]
fn a_value_that_is_not_text_is_refused() {
    let error = Catalog::from_toml(&[(Lang::En, "[answer]\nsaved = 3")]).unwrap_err();
    assert_eq!(
        error,
        CatalogError::NotText {
            lang: Lang::En,
            id: "answer.saved".to_string()
        }
    );
}

#[test]
fn placeholders_lists_each_argument_once() {
    let names: Vec<&str> = placeholders("{b} {a} {b} {A} {}").into_iter().collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn counts_of_one_read_in_the_singular_in_the_export_summary() {
    let args = [
        ("team", "Core"),
        ("path", "core.json"),
        ("members", "1"),
        ("rounds", "1"),
        ("answers", "1"),
    ];
    assert_eq!(
        t(Lang::En, "import.team_written", &args),
        "Wrote the export of Core to core.json: 1 member, 1 round, 1 answer."
    );
    let two = [("members", "2"), ("rounds", "2"), ("answers", "2")];
    let text = t(Lang::En, "import.team_written", &two);
    assert!(text.ends_with("2 members, 2 rounds, 2 answers."), "{text}");
}

#[test]
fn a_particle_argument_takes_the_form_that_fits_the_value() {
    let catalog = Catalog::from_toml(&[(Lang::Ko, "a = \"{x|을} {x|으로} {x|이라는}\"")]).unwrap();
    let text = |x: &str| catalog.text(Lang::Ko, "a", &[("x", x)]);
    assert_eq!(text("서울"), "서울을 서울로 서울이라는");
    assert_eq!(text("부산"), "부산을 부산으로 부산이라는");
    assert_eq!(text("2026"), "2026을 2026으로 2026이라는");
    assert_eq!(text("Q3"), "Q3을 Q3으로 Q3이라는");
    assert_eq!(text("weekly"), "weekly를 weekly로 weekly라는");
    assert_eq!(text("회고"), "회고를 회고로 회고라는");
    assert_eq!(
        placeholders("{x|을} {y}").into_iter().collect::<Vec<_>>(),
        ["x", "y"]
    );
}

#[test]
fn korean_messages_never_glue_a_fixed_particle_to_an_argument() {
    let particles = [
        "은", "는", "이", "가", "을", "를", "과", "와", "로", "으로", "라는", "예요",
    ];
    for id in catalog().ids(Lang::Ko) {
        let text = catalog().get(Lang::Ko, id).unwrap_or_default();
        for name in placeholders(text) {
            let glued = format!("{{{name}}}");
            for (at, _) in text.match_indices(&glued) {
                let after = &text[at + glued.len()..];
                let hit = particles.iter().find(|p| after.starts_with(*p));
                assert!(
                    hit.is_none(),
                    "{id}: {{{name}}} is followed by a fixed {hit:?}; write {{{name}|{}}}",
                    hit.unwrap_or(&"")
                );
            }
        }
    }
}

#[test]
fn glued_particles_named_in_the_review_now_fit_every_value() {
    let weekly = [("schedule", "weekly"), ("open", "retro")];
    assert_eq!(
        t(Lang::Ko, "answer.no_open_named", &weekly),
        "이름이 weekly인 열린 회차가 없어요. 지금 열려 있는 회차: retro"
    );
    let one_off = [
        ("template", "주간 회고"),
        ("when", "12월 4일 (금) 오후 5시"),
    ];
    assert_eq!(
        t(Lang::Ko, "schedule.run_now_one_off", &one_off),
        "주간 회고를 이번 한 번만 열었어요. 12월 4일 (금) 오후 5시에 마감돼요."
    );
}

#[test]
fn a_padded_argument_is_filled_with_leading_zeros() {
    let catalog = Catalog::from_toml(&[(Lang::En, "a = \"{h}:{m|00}\"")]).unwrap();
    assert_eq!(
        catalog.text(Lang::En, "a", &[("h", "9"), ("m", "5")]),
        "9:05"
    );
    assert_eq!(
        catalog.text(Lang::En, "a", &[("h", "9"), ("m", "30")]),
        "9:30"
    );
}
