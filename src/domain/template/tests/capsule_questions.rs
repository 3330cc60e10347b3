//! `capsule = true` on a template question: a text question whose answer is a sealed letter,
//! always private; refused, with its line and what to do, on another kind, with a milestone, a
//! recall or a shared visibility, with a limit longer than a letter, and when recalled.

use crate::domain::template::*;

const HEAD: &str = "id = \"team\"\ndescription = { en = \"About\", ko = \"소개\" }\n[name]\nen = \"Team\"\nko = \"팀\"\n";

fn load(question: &str) -> Result<Template, TemplateError> {
    Template::from_toml(
        "teams/letter.toml",
        &format!(
            "{HEAD}[[questions]]\nid = \"q\"\ntext = {{ en = \"Q\", ko = \"질문\" }}\n{question}"
        ),
    )
}

fn refused(question: &str) -> String {
    load(question).expect_err("refused").to_string()
}

#[test]
fn a_capsule_question_is_a_private_text_question() {
    let template = load("capsule = true\nrequired = false\n").expect("loads");
    let q = &template.questions[0];
    assert!(q.capsule && !q.required);
    assert_eq!(
        (q.kind.clone(), q.visibility.as_str()),
        (QuestionKind::Text, "private")
    );
    assert_eq!(q.max_len, 1000);
    let said_private = load("capsule = true\nvisibility = \"private\"\nmax_len = 3000\n");
    assert_eq!(said_private.expect("loads").questions[0].max_len, 3000);
    let plain = load("capsule = false\n").expect("loads");
    assert!(!plain.questions[0].capsule);
    assert_eq!(plain.questions[0].visibility.as_str(), "team");
}

#[test]
fn capsule_on_another_kind_is_refused_with_its_line() {
    assert_eq!(
        refused("kind = \"list\"\ncapsule = true\n"),
        "teams/letter.toml:10: question `q`: `capsule` does not apply to a list question"
    );
    assert_eq!(
        refused("kind = \"mandalart\"\ncapsule = true\n"),
        "teams/letter.toml:10: question `q`: `capsule` does not apply to a mandalart question"
    );
}

#[test]
fn capsule_with_what_only_a_kept_answer_has_is_refused_saying_what_to_remove() {
    for (extra, field) in [
        ("milestone = true\n", "milestone"),
        ("recall = { question = \"q\", ago = \"1y\" }\n", "recall"),
        ("visibility = \"team\"\n", "visibility"),
        ("visibility = \"anonymous\"\n", "visibility"),
    ] {
        assert_eq!(
            refused(&format!("capsule = true\n{extra}")),
            format!(
                "teams/letter.toml:9: question `q`: a `capsule = true` question's answer is sealed as a letter, not kept as an answer, so `{field}` does not go with it; remove `{field}` (or `capsule`), e.g. capsule = true, required = false"
            ),
            "{extra}"
        );
    }
    assert_eq!(
        refused("capsule = true\nmax_len = 3001\n"),
        "teams/letter.toml:10: question `q`: max_len 3001 is longer than a letter; a `capsule = true` question takes 1 to 3000"
    );
}

#[test]
fn a_recall_of_a_capsule_question_is_refused() {
    let text = format!(
        "{HEAD}[[questions]]\nid = \"now\"\ntext = {{ en = \"N\", ko = \"지금\" }}\nrecall = {{ question = \"letter\", ago = \"1y\" }}\n[[questions]]\nid = \"letter\"\ncapsule = true\ntext = {{ en = \"L\", ko = \"편지\" }}\n"
    );
    let error = Template::from_toml("teams/letter.toml", &text).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "teams/letter.toml:9: template `team`, question `now`: `recall` names `letter`, a `capsule = true` question whose answers are sealed letters; name a text or list question that is not a capsule, e.g. recall = { question = \"now\", ago = \"1y\" }"
    );
}
