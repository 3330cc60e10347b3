//! `milestone = true` on a template question: text questions only, answers no longer than a
//! milestone.

use crate::domain::template::*;

const HEAD: &str = "id = \"team\"\ndescription = { en = \"About\", ko = \"소개\" }\n[name]\nen = \"Team\"\nko = \"팀\"\n";

fn load(question: &str) -> Result<Template, TemplateError> {
    Template::from_toml(
        "teams/turning.toml",
        &format!(
            "{HEAD}[[questions]]\nid = \"q\"\ntext = {{ en = \"Q\", ko = \"질문\" }}\n{question}"
        ),
    )
}

#[test]
fn a_milestone_question_is_a_text_question_limited_to_a_milestone_length() {
    let template = load("milestone = true\nrequired = false\n").expect("loads");
    let q = &template.questions[0];
    assert!(q.milestone);
    assert_eq!(q.kind, QuestionKind::Text);
    assert_eq!(q.max_len, 120);
    let shorter = load("milestone = true\nmax_len = 80\n").expect("loads");
    assert_eq!(shorter.questions[0].max_len, 80);
    let plain = load("").expect("loads");
    assert!(!plain.questions[0].milestone);
    assert_eq!(plain.questions[0].max_len, 1000);
}

#[test]
fn milestone_on_another_kind_or_with_a_longer_limit_is_refused_with_its_line() {
    let cases = [
        (
            "kind = \"list\"\nmilestone = true\n",
            "teams/turning.toml:10: question `q`: `milestone` does not apply to a list question",
        ),
        (
            "kind = \"scale\"\nmilestone = true\nlow = { en = \"L\", ko = \"낮음\" }\nhigh = { en = \"H\", ko = \"높음\" }\n",
            "teams/turning.toml:10: question `q`: `milestone` does not apply to a scale question",
        ),
        (
            "milestone = true\nmax_len = 500\n",
            "teams/turning.toml:10: question `q`: max_len 500 is longer than a milestone; a `milestone = true` question takes 1 to 120",
        ),
    ];
    for (question, wanted) in cases {
        let error = load(question).expect_err(question);
        assert_eq!(error.to_string(), wanted);
    }
}

#[test]
fn the_built_in_weekly_asks_for_a_mood_and_a_private_turning_point() {
    let library = TemplateLibrary::built_in();
    let weekly = library
        .templates()
        .find(|t| t.id.as_str() == "weekly")
        .expect("weekly");
    let ids: Vec<&str> = weekly.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "went-well",
            "was-hard",
            "next-week",
            "mood",
            "turning-point"
        ]
    );
    let mood = &weekly.questions[3];
    assert!(matches!(mood.kind, QuestionKind::Scale { .. }) && !mood.required);
    let turning = &weekly.questions[4];
    assert!(turning.milestone && !turning.required);
    assert_eq!(
        turning.visibility,
        crate::domain::visibility::Visibility::Private
    );
    let with_milestones: Vec<&str> = library
        .templates()
        .filter(|t| t.questions.iter().any(|q| q.milestone))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(with_milestones, ["weekly"]);
}
