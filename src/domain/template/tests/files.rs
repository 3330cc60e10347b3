//! Reading template files: defaults, and broken files reported with file, line and problem.

use crate::domain::template::*;
use crate::domain::visibility::Visibility;

/// The first five lines of a valid template, before its questions (which start on line 6).
macro_rules! head {
    () => {
        "id = \"team\"\ndescription = { en = \"About\", ko = \"소개\" }\n[name]\nen = \"Team\"\nko = \"팀\"\n"
    };
}

/// A valid question table for the broken-file cases.
macro_rules! question {
    ($id:literal) => {
        concat!(
            "[[questions]]\nid = \"",
            $id,
            "\"\ntext = { en = \"Q\", ko = \"질문\" }\n"
        )
    };
}

#[test]
fn unset_question_fields_take_their_defaults() {
    let text = concat!(
        head!(),
        "[[questions]]\nid = \"t\"\ntext = { en = \"A\", ko = \"가\" }\n",
        "[[questions]]\nid = \"l\"\nkind = \"list\"\ntext = { en = \"B\", ko = \"나\" }\n",
    );
    let template = Template::from_toml("defaults.toml", text).expect("loads");
    let [text_q, list_q] = &template.questions[..] else {
        panic!("two questions expected");
    };
    assert_eq!(text_q.kind, QuestionKind::Text);
    assert_eq!(text_q.max_len, 1000);
    assert_eq!(list_q.kind, QuestionKind::List { resolutions: false });
    assert_eq!(list_q.max_len, 2000);
    for q in [text_q, list_q] {
        assert!(q.required);
        assert_eq!(q.visibility, Visibility::Team);
    }
}

#[test]
fn broken_template_files_name_the_file_the_line_and_the_problem() {
    // (what is wrong, file text, line, part of the message)
    let cases: &[(&str, &str, usize, &str)] = &[
        (
            "syntax",
            concat!(head!(), "[[questions]]\nid = \"q\n"),
            7,
            "not valid TOML",
        ),
        (
            "unknown question field",
            concat!(head!(), question!("q"), "requried = false\n"),
            9,
            "unknown field `requried`",
        ),
        (
            "unknown text field",
            concat!(
                head!(),
                "[[questions]]\nid = \"q\"\n[questions.text]\nen = \"Q\"\nko = \"질문\"\nfr = \"Q\"\n"
            ),
            11,
            "unknown field `fr`",
        ),
        (
            "unknown name field",
            concat!(head!(), "author = \"me\"\n", question!("q")),
            6,
            "unknown field `author`",
        ),
        (
            "missing Korean question text",
            concat!(
                head!(),
                "[[questions]]\nid = \"q\"\n[questions.text]\nen = \"Q\"\n"
            ),
            8,
            "question `q` text: the Korean text (`ko`) is missing",
        ),
        (
            "blank English question text",
            concat!(
                head!(),
                "[[questions]]\nid = \"q\"\ntext = { en = \" \", ko = \"질문\" }\n"
            ),
            8,
            "the English text (`en`) is missing or empty",
        ),
        (
            "no question text",
            concat!(head!(), "[[questions]]\nid = \"q\"\n"),
            6,
            "question `q` text: the English text",
        ),
        (
            "missing Korean name",
            concat!(
                "id = \"team\"\ndescription = { en = \"A\", ko = \"가\" }\n[name]\nen = \"Team\"\n",
                question!("q")
            ),
            3,
            "`name`: the Korean text (`ko`)",
        ),
        (
            "label longer than a form label",
            concat!(
                head!(),
                "[[questions]]\nid = \"q\"\ntext = { en = \"Q\", ko = \"질문\" }\n",
                "label = { en = \"A label that goes on and on past what a form shows\", ko = \"짧게\" }\n"
            ),
            9,
            "question `q`: the English label is 50 characters; a label is a short form of the question, at most 45",
        ),
        (
            "missing description",
            concat!(
                "id = \"team\"\nname = { en = \"A\", ko = \"가\" }\n",
                question!("q")
            ),
            1,
            "missing field `description`",
        ),
        (
            "duplicate question id",
            concat!(head!(), question!("q"), question!("r"), question!("q")),
            13,
            "question id `q` is used twice (first on line 7)",
        ),
        (
            "empty question list",
            concat!(
                "id = \"team\"\nquestions = []\n",
                "description = { en = \"A\", ko = \"가\" }\n[name]\nen = \"T\"\nko = \"팀\"\n"
            ),
            2,
            "no questions",
        ),
        ("no questions at all", head!(), 5, "no questions"),
        (
            "max_len 0",
            concat!(head!(), question!("q"), "max_len = 0\n"),
            9,
            "max_len 0 is out of range; use 1 to 4000",
        ),
        (
            "max_len over 4000",
            concat!(head!(), question!("q"), "max_len = 4001\n"),
            9,
            "max_len 4001 is out of range",
        ),
        (
            "negative max_len",
            concat!(head!(), question!("q"), "max_len = -5\n"),
            9,
            "max_len -5 is out of range",
        ),
        (
            "max_len as text",
            concat!(head!(), question!("q"), "max_len = \"100\"\n"),
            9,
            "invalid type",
        ),
        (
            "max_len on a scale",
            concat!(
                head!(),
                question!("q"),
                "kind = \"scale\"\nmax_len = 10\nlow = { en = \"L\", ko = \"낮음\" }\nhigh = { en = \"H\", ko = \"높음\" }\n"
            ),
            10,
            "`max_len` does not apply to a scale question",
        ),
        (
            "scale without high label",
            concat!(
                head!(),
                question!("q"),
                "kind = \"scale\"\nlow = { en = \"L\", ko = \"낮음\" }\n"
            ),
            6,
            "question `q`: a scale needs labels for both ends; add `[questions.high]`",
        ),
        (
            "scale without labels",
            concat!(head!(), question!("q"), "kind = \"scale\"\n"),
            6,
            "add `[questions.low]`",
        ),
        (
            "scale label missing Korean",
            concat!(
                head!(),
                question!("q"),
                "kind = \"scale\"\nlow = { en = \"L\" }\nhigh = { en = \"H\", ko = \"높음\" }\n"
            ),
            10,
            "question `q` low label: the Korean text",
        ),
        (
            "label on a text question",
            concat!(
                head!(),
                question!("q"),
                "low = { en = \"L\", ko = \"낮음\" }\n"
            ),
            9,
            "`low` does not apply to a text question",
        ),
        (
            "resolutions on a text question",
            concat!(head!(), question!("q"), "resolutions = true\n"),
            9,
            "`resolutions` does not apply to a text question",
        ),
        (
            "bad template id",
            concat!(
                "id = \"Weekly Retro\"\n",
                "description = { en = \"A\", ko = \"가\" }\n[name]\nen = \"T\"\nko = \"팀\"\n",
                question!("q")
            ),
            1,
            "bad template id \"Weekly Retro\"",
        ),
        (
            "template id too long",
            concat!(
                "id = \"a-very-long-template-id-that-goes-on-and-on\"\n",
                "description = { en = \"A\", ko = \"가\" }\n[name]\nen = \"T\"\nko = \"팀\"\n",
                question!("q")
            ),
            1,
            "bad template id",
        ),
        (
            "bad question id",
            concat!(head!(), question!("q"), question!("Went_Well")),
            10,
            "bad question id \"Went_Well\"",
        ),
        (
            "unknown placeholder",
            concat!(
                head!(),
                "[[questions]]\nid = \"q\"\n[questions.text]\nen = \"In {year}?\"\nko = \"{yaer}년에는?\"\n"
            ),
            10,
            "unknown placeholder `{yaer}`",
        ),
        (
            "unknown placeholder in description",
            concat!(
                "id = \"team\"\n\n\ndescription = { en = \"For {teem}\", ko = \"소개\" }\n[name]\nen = \"T\"\nko = \"팀\"\n",
                question!("q")
            ),
            4,
            "unknown placeholder `{teem}`",
        ),
        (
            "unknown kind",
            concat!(head!(), question!("q"), "kind = \"essay\"\n"),
            9,
            "unknown variant `essay`",
        ),
        (
            "unknown visibility",
            concat!(head!(), question!("q"), "visibility = \"public\"\n"),
            9,
            "unknown variant `public`",
        ),
        (
            "question without id",
            concat!(
                head!(),
                "[[questions]]\ntext = { en = \"Q\", ko = \"질문\" }\n"
            ),
            6,
            "missing field `id`",
        ),
    ];
    for (what, text, line, wanted) in cases {
        let error = Template::from_toml("teams/broken.toml", text)
            .expect_err(&format!("{what}: should not load"));
        let shown = error.to_string();
        assert!(
            shown.starts_with(&format!("teams/broken.toml:{line}: ")),
            "{what}: wrong file or line in {shown:?}"
        );
        assert!(shown.contains(wanted), "{what}: {shown:?} lacks {wanted:?}");
    }
}

#[test]
fn syntax_and_unknown_field_errors_are_told_apart() {
    let syntax = Template::from_toml("a.toml", "id = ").expect_err("broken");
    let unknown = Template::from_toml("a.toml", concat!(head!(), "colour = 1\n")).expect_err("x");
    assert!(matches!(
        syntax,
        TemplateError::Invalid {
            problem: TemplateProblem::Syntax(_),
            ..
        }
    ));
    assert!(matches!(
        unknown,
        TemplateError::Invalid {
            problem: TemplateProblem::UnknownField(_),
            line: 6,
            ..
        }
    ));
}
