//! Every text of a template has a length limit, named with the text and its language in the
//! refusal: names, descriptions, question texts and scale labels.

use crate::domain::template::*;

/// A template with `name`, `description` and one question with `text`; a scale question with
/// the ends `low` and `high`.
fn template(name: &str, description: &str, text: &str, low: &str) -> String {
    format!(
        "id = \"team\"\nname = {{ en = \"{name}\", ko = \"팀\" }}\n\
         description = {{ en = \"About\", ko = \"{description}\" }}\n\
         [[questions]]\nid = \"q\"\ntext = {{ en = \"{text}\", ko = \"질문\" }}\n\
         [[questions]]\nid = \"mood\"\nkind = \"scale\"\ntext = {{ en = \"Mood?\", ko = \"기분은?\" }}\n\
         low = {{ en = \"{low}\", ko = \"낮음\" }}\nhigh = {{ en = \"High\", ko = \"높음\" }}\n"
    )
}

fn refusal(text: &str) -> String {
    Template::from_toml("long.toml", text)
        .expect_err("refused")
        .to_string()
}

#[test]
fn texts_up_to_their_limits_load() {
    let name = "N".repeat(Template::MAX_NAME_LEN);
    let description = "설".repeat(Template::MAX_DESCRIPTION_LEN);
    let text = "Q".repeat(Question::MAX_TEXT_LEN);
    let low = "L".repeat(Question::MAX_LABEL_LEN);
    let loaded = Template::from_toml("long.toml", &template(&name, &description, &text, &low));
    assert!(loaded.is_ok(), "{loaded:?}");
}

#[test]
fn a_text_past_its_limit_is_refused_naming_it_and_the_limit() {
    let cases = [
        (
            template(&"N".repeat(61), "설명", "Q", "Low"),
            "`name`: the English text is 61 characters; at most 60 fit. Shorten it",
        ),
        (
            template("Team", &"설".repeat(301), "Q", "Low"),
            "`description`: the Korean text is 301 characters; at most 300 fit. Shorten it",
        ),
        (
            template("Team", "설명", &"Q".repeat(301), "Low"),
            "question `q` text: the English text is 301 characters; at most 300 fit. Shorten it",
        ),
        (
            template("Team", "설명", "Q", &"L".repeat(46)),
            "question `mood` low label: the English text is 46 characters; at most 45 fit. \
             Shorten it",
        ),
    ];
    for (text, expected) in cases {
        let refused = refusal(&text);
        assert!(refused.contains(expected), "{refused}");
    }
}
