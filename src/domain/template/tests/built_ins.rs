//! Every built-in template loads and is complete in both languages.

use crate::domain::lang::Lang;
use crate::domain::template::*;

/// Every text of a template, named, for checks that cover them all.
fn texts(template: &Template) -> Vec<(String, &Localized)> {
    let mut all = vec![
        ("name".to_string(), &template.name),
        ("description".to_string(), &template.description),
    ];
    for q in &template.questions {
        all.push((format!("{} text", q.id), &q.text));
        if let QuestionKind::Scale { low, high } = &q.kind {
            all.push((format!("{} low", q.id), low));
            all.push((format!("{} high", q.id), high));
        }
    }
    all
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[test]
fn every_built_in_loads_with_three_to_seven_questions_but_the_mandalart_with_its_grid() {
    // Besides the optional plan and letter that close the year-end form.
    let closing = |q: &&Question| !(q.is_mandalart() || q.capsule);
    let library = TemplateLibrary::load(None).expect("built-ins load");
    let mut want = vec![
        "4ls",
        "kpt",
        "mad-sad-glad",
        "mandalart",
        "quarterly",
        "start-stop-continue",
        "weekly",
        "year-end",
    ];
    want.sort();
    assert_eq!(library.ids(), want);
    for template in library.templates() {
        if template.id.as_str() == "mandalart" {
            let kinds: Vec<_> = template.questions.iter().map(|q| &q.kind).collect();
            assert_eq!(kinds, [&QuestionKind::Mandalart]);
            assert_eq!(template.questions[0].visibility.as_str(), "private");
            continue;
        }
        let n = template.questions.iter().filter(closing).count();
        assert!((3..=7).contains(&n), "{} has {n} questions", template.id);
    }
}

#[test]
fn every_built_in_text_exists_in_english_and_korean() {
    for template in TemplateLibrary::built_in().templates() {
        for (what, text) in texts(template) {
            let at = format!("{} {what}", template.id);
            assert!(!text.get(Lang::En).trim().is_empty(), "{at}: no English");
            assert!(!text.get(Lang::Ko).trim().is_empty(), "{at}: no Korean");
            assert!(
                has_hangul(text.get(Lang::Ko)),
                "{at}: Korean text has no Hangul"
            );
            assert!(
                !has_hangul(text.get(Lang::En)),
                "{at}: English text has Hangul"
            );
        }
    }
}

/// Every question reads whole as a Discord form label (45 characters, placeholders filled) or
/// has a short label in both languages: none is left to be shortened mid-thought.
#[test]
fn every_built_in_question_fits_a_form_label_or_has_a_short_one() {
    let values = PlaceholderValues::from_occurrence(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        "Core",
    );
    for template in TemplateLibrary::built_in().templates() {
        for q in &template.questions {
            for lang in [Lang::En, Lang::Ko] {
                let text = q.text.filled(&values);
                let shown = match &q.label {
                    Some(label) => label.filled(&values).get(lang).to_string(),
                    None => text.get(lang).to_string(),
                };
                let at = format!("{} {} ({lang:?})", template.id, q.id);
                assert!(
                    shown.chars().count() <= Question::MAX_LABEL_LEN,
                    "{at}: {shown}"
                );
                if let Some(label) = &q.label {
                    assert_eq!(has_hangul(label.get(lang)), lang == Lang::Ko, "{at}");
                }
            }
        }
    }
}

#[test]
fn the_year_end_template_ends_with_resolutions_a_mandalart_and_a_letter_both_optional() {
    let library = TemplateLibrary::built_in();
    let year_end = library.get("year-end").expect("year-end exists");
    let first = &year_end.questions[0];
    assert_eq!(first.kind, QuestionKind::List { resolutions: false });
    assert!(
        first
            .text
            .ko
            .starts_with("{year}년을 몇 개의 시기로 나눈다면")
    );
    assert!(
        year_end
            .questions
            .iter()
            .any(|q| matches!(q.kind, QuestionKind::Scale { .. }))
    );
    let [.., last, plan, letter] = year_end.questions.as_slice() else {
        panic!("at least three questions");
    };
    assert_eq!(last.kind, QuestionKind::List { resolutions: true });
    assert_eq!(plan.kind, QuestionKind::Mandalart);
    assert_eq!(
        (plan.required, plan.visibility.as_str()),
        (false, "private")
    );
    assert_eq!(letter.kind, QuestionKind::Text);
    assert!(letter.capsule && !letter.required && !plan.capsule && !last.capsule);
    assert_eq!(letter.visibility.as_str(), "private");
    assert!(
        letter
            .text
            .ko
            .starts_with("1년 뒤의 나에게 몇 줄 남겨 주세요.")
    );
    let values = PlaceholderValues::from_occurrence(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        "Core",
    );
    assert_eq!(
        last.text.filled(&values).ko,
        "2027년의 다짐을 한 줄에 하나씩 적어 주세요."
    );
    assert_eq!(plan.text.filled(&values).en, "Plan 2027 as a Mandalart");
}

#[test]
fn a_year_end_round_held_in_january_or_february_speaks_of_the_year_that_ended() {
    let library = TemplateLibrary::built_in();
    let year_end = library.get("year-end").expect("year-end exists");
    let weekly = library.get("weekly").expect("weekly exists");
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    #[rustfmt::skip]
    let cases = [
        (date(2026, 12, 30), 2026, 2027),
        (date(2027, 1, 2), 2026, 2027),
        (date(2027, 2, 28), 2026, 2027),
        (date(2027, 3, 1), 2027, 2028),
    ];
    for (day, year, next_year) in cases {
        let values = PlaceholderValues::for_round(year_end, day, "Core");
        assert_eq!((values.year, values.next_year), (year, next_year), "{day}");
        let hard = year_end
            .questions
            .iter()
            .find(|q| q.id.as_str() == "was-hard");
        let hard = hard.expect("was-hard").text.filled(&values);
        assert_eq!(hard.en, format!("What was hard in {year}?"));
        assert_eq!(hard.ko, format!("{year}년에 힘들었던 일은 무엇이었나요?"));
    }
    let weekly_in_january = PlaceholderValues::for_round(weekly, date(2027, 1, 8), "Core");
    assert_eq!(
        weekly_in_january.year, 2027,
        "only a template looking back on a year"
    );
    assert!(year_end.looks_back_on_year && !weekly.looks_back_on_year);
}

#[test]
fn the_quarterly_template_opens_with_what_changed() {
    let library = TemplateLibrary::built_in();
    let quarterly = library.get("quarterly").expect("quarterly exists");
    assert_eq!(quarterly.questions[0].text.en, "What changed this quarter?");
}

#[test]
fn the_example_template_file_loads() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/template-example.toml"
    ));
    let template = Template::from_toml("config/template-example.toml", text).expect("loads");
    assert_eq!(template.id.as_str(), "team-health");
    let support = template
        .question(&QuestionId::parse("support").expect("id"))
        .expect("q");
    assert_eq!(support.max_len, 600);
}
