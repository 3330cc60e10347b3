//! `recall = { question = "…", ago = "1y" | "1q" }` on a template question: a text or list
//! question of the same template, a year or a quarter back; anything else is refused with the
//! template, the question and an example that works.

use crate::domain::template::*;

const HEAD: &str = "id = \"team\"\ndescription = { en = \"About\", ko = \"소개\" }\n[name]\nen = \"Team\"\nko = \"팀\"\n";
const ENERGY: &str = "[[questions]]\nid = \"energy\"\nkind = \"scale\"\ntext = { en = \"E\", ko = \"에너지\" }\nlow = { en = \"L\", ko = \"낮음\" }\nhigh = { en = \"H\", ko = \"높음\" }\n";

/// A template whose question `q` has `extra`, followed by a scale question `energy`.
fn load(extra: &str) -> Result<Template, TemplateError> {
    Template::from_toml(
        "teams/recall.toml",
        &format!(
            "{HEAD}[[questions]]\nid = \"q\"\ntext = {{ en = \"Q\", ko = \"질문\" }}\n{extra}{ENERGY}"
        ),
    )
}

#[test]
fn a_question_recalls_itself_or_a_later_question_a_year_or_a_quarter_back() {
    let template = load("recall = { question = \"q\", ago = \"1y\" }\n").expect("loads");
    let recall = template.questions[0].recall.clone().expect("a recall");
    assert_eq!(recall.question.as_str(), "q");
    assert_eq!(recall.ago, Ago::Year);
    assert_eq!(template.questions[1].recall, None);

    let text = format!(
        "{HEAD}[[questions]]\nid = \"now\"\nkind = \"list\"\ntext = {{ en = \"N\", ko = \"지금\" }}\nrecall = {{ question = \"then\", ago = \"1q\" }}\n[[questions]]\nid = \"then\"\ntext = {{ en = \"T\", ko = \"그때\" }}\n"
    );
    let later = Template::from_toml("teams/recall.toml", &text).expect("loads");
    let recall = later.questions[0].recall.clone().expect("a recall");
    assert_eq!(
        (recall.question.as_str(), recall.ago),
        ("then", Ago::Quarter)
    );
}

#[test]
fn a_bad_recall_is_refused_naming_the_template_the_question_and_an_example() {
    let example = "e.g. recall = { question = \"q\", ago = \"1y\" }";
    let cases = [
        (
            "recall = { question = \"lerned\", ago = \"1y\" }\n",
            format!(
                "teams/recall.toml:9: template `team`, question `q`: `recall` names question `lerned`, which this template does not ask; name one of its text or list questions, {example}"
            ),
        ),
        (
            "recall = { question = \"q\", ago = \"2y\" }\n",
            format!(
                "teams/recall.toml:9: template `team`, question `q`: `recall` has ago = \"2y\"; use \"1y\" (about a year before) or \"1q\" (about a quarter before), {example}"
            ),
        ),
        (
            "recall = { question = \"energy\", ago = \"1q\" }\n",
            format!(
                "teams/recall.toml:9: template `team`, question `q`: `recall` names `energy`, a scale question; only text and list answers are recalled, {example}"
            ),
        ),
    ];
    for (extra, wanted) in cases {
        let error = load(extra).expect_err(extra);
        assert_eq!(error.to_string(), wanted);
    }
}

#[test]
fn recall_on_a_scale_or_with_a_missing_or_unknown_key_is_refused() {
    let on_scale = format!("{HEAD}{ENERGY}recall = {{ question = \"energy\", ago = \"1y\" }}\n");
    let error = Template::from_toml("teams/recall.toml", &on_scale).expect_err("a scale");
    assert!(
        error
            .to_string()
            .ends_with("question `energy`: `recall` does not apply to a scale question"),
        "{error}"
    );
    for extra in [
        "recall = { question = \"q\" }\n",
        "recall = { question = \"q\", ago = \"1y\", when = \"now\" }\n",
    ] {
        let error = load(extra).expect_err(extra).to_string();
        assert!(error.starts_with("teams/recall.toml:"), "{error}");
        assert!(error.contains("ago") || error.contains("when"), "{error}");
    }
}
