//! The domain's refusals and the resolution words, as people read them in both languages.

use super::resolution_words::{read_follow_up, show_follow_up, status_word};
use super::worded::{Worded, withheld_note};
use crate::domain::anonymity::{AnswerKey, Withheld, withhold};
use crate::domain::answer::AnswerError;
use crate::domain::lang::Lang;
use crate::domain::period::Period;
use crate::domain::state::ResolutionStatus;
use crate::domain::template::{Localized, TemplateLibrary};

#[test]
fn answer_errors_read_naturally_in_english_and_korean() {
    let scale = AnswerError::NotOnScale {
        given: "7".to_string(),
        low: Localized::new("Running on empty", "바닥났어요"),
        high: Localized::new("Full of energy", "에너지가 넘쳤어요"),
    };
    let cases = [
        (
            AnswerError::TooLong {
                chars: 1204,
                limit: 1000,
            },
            "Your answer is 1204 characters; the limit is 1000.",
            "답변이 1204자예요. 1000자 이내로 줄여 주세요.",
        ),
        (
            AnswerError::Required,
            "This question needs an answer.",
            "꼭 답해야 하는 질문이에요. 답변을 적어 주세요.",
        ),
        (
            scale,
            "\"7\" is not on the scale: answer with a whole number from 1 (Running on empty) to 5 (Full of energy).",
            "1(바닥났어요)부터 5(에너지가 넘쳤어요)까지 숫자 하나로 답해 주세요. 입력한 값: \"7\"",
        ),
        (
            AnswerError::UnknownQuestion,
            "This form has no such question.",
            "이 양식에 없는 질문이에요.",
        ),
    ];
    for (error, en, ko) in cases {
        assert_eq!(error.worded(Lang::En), en);
        assert_eq!(error.worded(Lang::Ko), ko);
    }
}

#[test]
fn an_unknown_template_is_explained_in_both_languages() {
    let library = TemplateLibrary::built_in();
    let error = library.find("wekly").expect_err("no such template");
    assert_eq!(
        error.worded(Lang::En),
        "There is no template `wekly`. Did you mean `weekly`?"
    );
    assert_eq!(
        error.worded(Lang::Ko),
        "`wekly` 템플릿은 없어요. 혹시 `weekly` 템플릿 말인가요?"
    );
    let error = library.find("zzz").expect_err("no such template");
    assert!(error.worded(Lang::En).contains("Available: 4ls, kpt,"));
    assert!(
        error
            .worded(Lang::Ko)
            .contains("쓸 수 있는 템플릿: 4ls, kpt,")
    );
}

#[test]
fn a_refused_period_says_why_with_examples_in_both_languages() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a date");
    let cases = [
        ("2026-13", "2026-W21", "알 수 없는 기간이에요"),
        ("2101", "1970 to 2100", "1970년부터 2100년 사이를 벗어나는"),
        (
            "2017-01-01..2027-01-01",
            "10 years",
            "10년이 넘는 기간이에요",
        ),
    ];
    for (input, en, ko) in cases {
        let error = Period::parse(input, today).expect_err(input);
        assert!(error.worded(Lang::En).contains(en), "{input}");
        assert!(error.worded(Lang::Ko).contains(ko), "{input}");
    }
}

#[test]
fn withheld_anonymous_answers_are_explained_in_both_languages() {
    let withheld = Withheld {
        question_id: "note".into(),
        question: "note".into(),
        varies: false,
        answers: 3,
        rounds: 2,
    };
    let note = withheld_note(&withheld, 3, Lang::En);
    assert!(note.starts_with("3 anonymous answers to \u{201c}note\u{201d} withheld"));
    assert!(note.contains("fewer than 3 members") && note.contains("those rounds"));
    let note = withheld_note(&withheld, 3, Lang::Ko);
    assert!(
        note.contains("익명 답변 3개") && note.contains("회차마다"),
        "{note}"
    );
}

#[test]
fn a_question_whose_words_change_by_round_is_named_as_the_same_question_in_other_rounds() {
    let rows = [
        (1, "What happened in week 1?"),
        (2, "What happened in week 2?"),
        (3, "What happened in week 3?"),
    ];
    let (kept, withheld) = withhold(rows.to_vec(), 3, |row| AnswerKey {
        round: row.0,
        question_id: "happened",
        question: row.1,
        anonymous: true,
    });
    assert!(kept.is_empty());
    assert!(withheld[0].varies);
    assert_eq!(
        withheld_note(&withheld[0], 3, Lang::En),
        "3 anonymous answers to \u{201c}What happened in week 1?\u{201d} (the same question over \
         3 rounds) withheld: fewer than 3 members answered it anonymously in those \
         rounds, so the author could be singled out."
    );
    assert!(withheld_note(&withheld[0], 3, Lang::Ko).starts_with(
        "\u{201c}What happened in week 1?\u{201d}(같은 질문, 3개 회차)에 온 익명 답변 3개는"
    ));
}

#[test]
fn follow_ups_are_read_in_either_language_and_shown_in_the_readers() {
    let rows = [
        ("진행 중: 매일 30분", ResolutionStatus::OnTrack, "매일 30분"),
        (
            "잘 되고 있음: 매일 30분",
            ResolutionStatus::OnTrack,
            "매일 30분",
        ),
        ("잘되고있어요", ResolutionStatus::OnTrack, ""),
        ("그만둠：무릎 부상", ResolutionStatus::Dropped, "무릎 부상"),
        ("이룸", ResolutionStatus::Done, ""),
        (
            "바뀜\n하프 마라톤으로",
            ResolutionStatus::Changed,
            "하프 마라톤으로",
        ),
        (
            "on track: 30 minutes a day",
            ResolutionStatus::OnTrack,
            "30 minutes a day",
        ),
    ];
    for (text, status, note) in rows {
        let read = read_follow_up(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((read.status, read.note.as_str()), (status, note), "{text}");
    }
    for text in ["점검 전", "not followed up yet", "going fine"] {
        assert!(read_follow_up(text).is_err(), "{text}");
    }
    for lang in Lang::ALL {
        for status in [
            ResolutionStatus::OnTrack,
            ResolutionStatus::Changed,
            ResolutionStatus::Done,
            ResolutionStatus::Dropped,
        ] {
            let shown = show_follow_up(lang, status, "메모");
            let read = read_follow_up(&shown).unwrap_or_else(|e| panic!("{shown}: {e}"));
            assert_eq!((read.status, read.note.as_str()), (status, "메모"));
        }
    }
    assert_eq!(
        status_word(Lang::Ko, ResolutionStatus::OnTrack),
        "잘 되고 있음"
    );
    assert_eq!(status_word(Lang::Ko, ResolutionStatus::Open), "점검 전");
}
