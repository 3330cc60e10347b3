use super::*;
use crate::domain::lang::Lang;

fn input(lang: Lang) -> SummaryInput {
    let item = |id: &str, period: Option<usize>, text: &str| Item {
        id: id.into(),
        period,
        question: "What went well".into(),
        author: Some("Mina".into()),
        anonymous: false,
        text: text.into(),
        times: 1,
    };
    SummaryInput {
        lang,
        title: "Mina's 2026".into(),
        periods: vec![
            PeriodRef {
                period: 1,
                label: "Jan 1 – Apr 5".into(),
            },
            PeriodRef {
                period: 2,
                label: "Apr 6 – Dec 31".into(),
            },
        ],
        items: vec![
            item("a1", Some(1), "Closed 12 bugs"),
            item("a2", Some(2), "Started my first job"),
            item("a3", None, "Run a half marathon"),
        ],
        left_out: 0,
    }
}

fn reply(span: &str, periods: &str) -> String {
    format!(r#"{{"span": [{span}], "periods": [{periods}]}}"#)
}

#[test]
fn cited_sentences_are_kept_in_their_sections() {
    let content = reply(
        r#"{"text": "A year that turned at a first job.", "cites": ["a2", "a3"]}"#,
        r#"{"period": 2, "sentences": [{"text": "Work began.", "cites": ["a2"]}]},
           {"period": 1, "sentences": [{"text": "12 bugs closed.", "cites": ["a1"]}]}"#,
    );
    let checked = check(&input(Lang::En), &content, &[]).unwrap();
    assert_eq!(checked.span[0].cites, ["a2", "a3"]);
    let order: Vec<usize> = checked.periods.iter().map(|(n, _)| *n).collect();
    assert_eq!(order, [1, 2]);
    assert_eq!(checked.dropped, Dropped::default());
}

#[test]
fn uncited_unknown_misplaced_and_unsupported_numbers_are_dropped_and_counted() {
    let content = reply(
        r#"{"text": "No source.", "cites": []},
           {"text": "Made up.", "cites": ["a9"]},
           {"text": "Kept.", "cites": ["a1"]}"#,
        r#"{"period": 1, "sentences": [
              {"text": "Cites the other period.", "cites": ["a2"]},
              {"text": "Closed 13 bugs.", "cites": ["a1"]},
              {"text": "Closed 12 bugs.", "cites": ["a1"]}]}"#,
    );
    let checked = check(&input(Lang::En), &content, &[]).unwrap();
    assert_eq!(
        checked.dropped,
        Dropped {
            uncited: 1,
            unknown: 2,
            numbers: 1,
            other: 0
        }
    );
    let kept: Vec<&str> = checked.sentences().map(|s| s.text.as_str()).collect();
    assert_eq!(kept, ["Kept.", "Closed 12 bugs."]);
}

#[test]
fn a_reply_that_is_not_the_json_asked_for_fails_whole() {
    for content in [
        "Here is your summary: a good year.",
        r#"{"span": "a good year"}"#,
        r#"{"span": [{"cites": ["a1"]}]}"#,
        r#"[1, 2]"#,
    ] {
        assert!(
            matches!(
                check(&input(Lang::En), content, &[]),
                Err(Failure::Malformed(_))
            ),
            "{content}"
        );
    }
}

#[test]
fn a_fenced_reply_is_read() {
    let content = format!(
        "```json\n{}\n```",
        reply(r#"{"text": "Kept.", "cites": ["a1"]}"#, "")
    );
    assert!(check(&input(Lang::En), &content, &[]).is_ok());
}

#[test]
fn a_reply_that_keeps_nothing_or_is_in_the_wrong_language_fails_whole() {
    let none = reply(r#"{"text": "No source.", "cites": []}"#, "");
    assert!(matches!(
        check(&input(Lang::En), &none, &[]),
        Err(Failure::AllDropped(Dropped { uncited: 1, .. }))
    ));
    let english = reply(r#"{"text": "A good year.", "cites": ["a1"]}"#, "");
    assert_eq!(
        check(&input(Lang::Ko), &english, &[]),
        Err(Failure::WrongLanguage)
    );
    let korean = reply(
        r#"{"text": "Mina에게 좋은 한 해였어요.", "cites": ["a1"]}"#,
        "",
    );
    assert!(check(&input(Lang::Ko), &korean, &[]).is_ok());
    assert_eq!(
        check(&input(Lang::En), &korean, &[]),
        Err(Failure::WrongLanguage)
    );
}
