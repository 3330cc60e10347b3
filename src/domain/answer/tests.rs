//! Tests for parsing, storing and validating answers.

use super::*;
use crate::domain::template::QuestionKind;
use crate::domain::visibility::Visibility;

fn id(s: &str) -> QuestionId {
    QuestionId::parse(s).expect("valid test id")
}

fn question(id_: &str, kind: QuestionKind, max_len: usize, required: bool) -> Question {
    Question {
        id: id(id_),
        kind,
        text: Localized::new("Q", "질문"),
        label: None,
        visibility: Visibility::Team,
        max_len,
        required,
        milestone: false,
        periods: false,
        capsule: false,
        recall: None,
    }
}

fn energy() -> QuestionKind {
    QuestionKind::Scale {
        low: Localized::new("Running on empty", "바닥났어요"),
        high: Localized::new("Full of energy", "에너지가 넘쳤어요"),
    }
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.to_string())
}

fn list(items: &[&str]) -> AnswerValue {
    AnswerValue::List(items.iter().map(|s| s.to_string()).collect())
}

fn too_long(chars: usize, limit: usize) -> AnswerError {
    AnswerError::TooLong { chars, limit }
}

/// What [`AnswerValue::parse`] returns.
type Parsed = Result<Option<AnswerValue>, AnswerError>;

#[test]
fn answers_parse_or_are_refused_by_kind() {
    let list_kind = QuestionKind::List { resolutions: true };
    let text_q = question("t", QuestionKind::Text, 10, true);
    let optional_text = question("o", QuestionKind::Text, 10, false);
    let list_q = question("l", list_kind.clone(), 10, true);
    let optional_list = question("ol", list_kind, 10, false);
    let scale_q = question("s", energy(), 0, true);
    let optional_scale = question("os", energy(), 0, false);
    let not_on_scale = |given: &str| match energy() {
        QuestionKind::Scale { low, high } => Err(AnswerError::NotOnScale {
            given: given.to_string(),
            low,
            high,
        }),
        _ => unreachable!(),
    };
    // (question, what was typed, result)
    let cases: Vec<(&Question, &str, Parsed)> = vec![
        (&text_q, "  hello \n", Ok(Some(text("hello")))),
        (&text_q, "a\r\nb", Ok(Some(text("a\nb")))),
        (&text_q, "", Err(AnswerError::Required)),
        (&text_q, " \n\t ", Err(AnswerError::Required)),
        (&optional_text, "   ", Ok(None)),
        (&text_q, "0123456789", Ok(Some(text("0123456789")))),
        (&text_q, "0123456789a", Err(too_long(11, 10))),
        // Ten Hangul syllables are 30 bytes but 10 characters.
        (
            &text_q,
            "가나다라마바사아자차",
            Ok(Some(text("가나다라마바사아자차"))),
        ),
        (&text_q, "가나다라마바사아자차카", Err(too_long(11, 10))),
        (
            &list_q,
            "- 운동\n* 독서\n\n1. 여행\n2) 저축\n• 요리",
            Ok(Some(list(&["운동", "독서", "여행", "저축", "요리"]))),
        ),
        (
            &list_q,
            "  -   spaced  \n-\n*\n",
            Ok(Some(list(&["spaced"]))),
        ),
        (
            &list_q,
            "-5\n1.5x\n2026",
            Ok(Some(list(&["-5", "1.5x", "2026"]))),
        ),
        (&list_q, "\n- \n\n", Err(AnswerError::Required)),
        (&optional_list, "\n\n", Ok(None)),
        (
            &list_q,
            "- 12345\n- 67890",
            Ok(Some(list(&["12345", "67890"]))),
        ),
        (&list_q, "- 12345\n- 678901", Err(too_long(11, 10))),
        (&scale_q, "3", Ok(Some(AnswerValue::Scale(3)))),
        (&scale_q, " 1 ", Ok(Some(AnswerValue::Scale(1)))),
        (&scale_q, "5", Ok(Some(AnswerValue::Scale(5)))),
        (&scale_q, "3/5", Ok(Some(AnswerValue::Scale(3)))),
        (&scale_q, "4 / 5", Ok(Some(AnswerValue::Scale(4)))),
        (&scale_q, "2점", Ok(Some(AnswerValue::Scale(2)))),
        (&scale_q, "4 points", Ok(Some(AnswerValue::Scale(4)))),
        (&scale_q, "0", not_on_scale("0")),
        (&scale_q, "6", not_on_scale("6")),
        (&scale_q, "6/5", not_on_scale("6/5")),
        (&scale_q, "3/4", not_on_scale("3/4")),
        (&scale_q, "3.5", not_on_scale("3.5")),
        (&scale_q, "+3", not_on_scale("+3")),
        (&scale_q, "-1", not_on_scale("-1")),
        (&scale_q, "three", not_on_scale("three")),
        (&scale_q, "", Err(AnswerError::Required)),
        (&optional_scale, "  ", Ok(None)),
    ];
    for (q, raw, want) in cases {
        assert_eq!(AnswerValue::parse(q, raw), want, "{} {raw:?}", q.id);
    }
}

#[test]
fn answers_survive_a_round_trip_through_storage() {
    let list_kind = QuestionKind::List { resolutions: false };
    // (kind, value, stored form)
    let cases = [
        (QuestionKind::Text, text("첫 줄\n둘째 줄"), "첫 줄\n둘째 줄"),
        (list_kind, list(&["운동", "read more"]), "운동\nread more"),
        (energy(), AnswerValue::Scale(4), "4"),
    ];
    for (kind, value, stored) in cases {
        assert_eq!(value.to_storage(), stored);
        assert_eq!(AnswerValue::from_storage(&kind, stored), Ok(value));
    }
}

#[test]
fn stored_text_that_does_not_fit_the_kind_is_refused() {
    let list_kind = QuestionKind::List { resolutions: false };
    let cases = [(energy(), "9"), (energy(), "x"), (list_kind, "\n\n")];
    for (kind, stored) in cases {
        let error = AnswerValue::from_storage(&kind, stored).expect_err(stored);
        assert_eq!(error.kind, kind.as_str());
    }
}

#[test]
fn a_valid_form_gives_every_answer_in_question_order() {
    let questions = [
        question("went-well", QuestionKind::Text, 100, true),
        question("extra", QuestionKind::Text, 100, false),
        question("energy", energy(), 0, true),
    ];
    let raws = [
        (id("energy"), "4/5".to_string()),
        (id("went-well"), "배포를 무사히 마쳤어요".to_string()),
    ];
    let answers = validate_form(&questions, &raws).expect("valid form");
    assert_eq!(
        answers,
        vec![
            (id("went-well"), Some(text("배포를 무사히 마쳤어요"))),
            (id("extra"), None),
            (id("energy"), Some(AnswerValue::Scale(4))),
        ]
    );
}

#[test]
fn an_invalid_form_reports_every_field_at_once() {
    let questions = [
        question("went-well", QuestionKind::Text, 5, true),
        question("fine", QuestionKind::Text, 100, true),
        question("energy", energy(), 0, true),
        question("next", QuestionKind::List { resolutions: false }, 100, true),
    ];
    let raws = [
        (id("went-well"), "여섯 글자예요".to_string()),
        (id("fine"), "ok".to_string()),
        (id("energy"), "9".to_string()),
        (id("stray"), "?".to_string()),
    ];
    let errors = validate_form(&questions, &raws).expect_err("invalid form");
    let fields: Vec<(&str, &AnswerError)> = errors.iter().map(|(q, e)| (q.as_str(), e)).collect();
    assert_eq!(fields.len(), 4, "{fields:?}");
    assert_eq!(fields[0], ("went-well", &too_long(7, 5)));
    assert!(matches!(
        fields[1],
        ("energy", AnswerError::NotOnScale { .. })
    ));
    assert_eq!(fields[2], ("next", &AnswerError::Required));
    assert_eq!(fields[3], ("stray", &AnswerError::UnknownQuestion));
}
