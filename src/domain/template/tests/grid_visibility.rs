//! Who reads a Mandalart question's answers: its author alone unless the template says
//! `team`; `anonymous` is refused, as a plan gives its author away.

use crate::domain::template::*;

const HEAD: &str = "id = \"plans\"\ndescription = { en = \"About\", ko = \"소개\" }\n[name]\nen = \"Plans\"\nko = \"계획\"\n";

/// A template with one Mandalart question `plan` and one text question `why`, each with `extra`.
fn load(extra: &str) -> Result<Template, TemplateError> {
    let text = format!(
        "{HEAD}[[questions]]\nid = \"plan\"\nkind = \"mandalart\"\ntext = {{ en = \"P\", ko = \"계획\" }}\n{extra}[[questions]]\nid = \"why\"\ntext = {{ en = \"W\", ko = \"이유\" }}\n"
    );
    Template::from_toml("teams/plans.toml", &text)
}

#[test]
fn a_mandalart_is_private_unless_the_template_shares_it_while_other_questions_default_to_the_team()
{
    let plain = load("").expect("loads");
    assert_eq!(plain.questions[0].visibility.as_str(), "private");
    assert_eq!(plain.questions[1].visibility.as_str(), "team");
    let shared = load("visibility = \"team\"\n").expect("loads");
    assert_eq!(shared.questions[0].visibility.as_str(), "team");
}

#[test]
fn an_anonymous_mandalart_is_refused_with_the_line_and_what_works() {
    let error = load("visibility = \"anonymous\"\n").expect_err("refused");
    assert_eq!(
        error.to_string(),
        "teams/plans.toml:6: question `plan`: a Mandalart cannot be anonymous, as a plan gives \
         its author away; use visibility = \"private\" (the default for a Mandalart) or \"team\""
    );
}
