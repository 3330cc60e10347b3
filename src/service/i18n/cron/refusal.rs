//! A refused schedule expression, worded for people through the catalogs' `[cron_error]`: what
//! was wrong, in which field, what that field accepts and an example that works.

use super::super::t;
use super::super::worded::Worded;
use crate::domain::lang::Lang;
use crate::domain::schedule::{CronError, CronField, FieldProblem};

impl Worded for CronError {
    fn worded(&self, lang: Lang) -> String {
        let hint = t(lang, "cron_error.hint", &[]);
        match self {
            CronError::Empty => t(lang, "cron_error.empty", &[("hint", &hint)]),
            CronError::FieldCount { expr, count } => t(
                lang,
                "cron_error.field_count",
                &[
                    ("expr", expr),
                    ("count", &count.to_string()),
                    ("hint", &hint),
                ],
            ),
            CronError::Shortcut { expr, instead } => t(
                lang,
                "cron_error.shortcut",
                &[("expr", expr), ("instead", instead)],
            ),
            CronError::Field {
                field,
                text,
                problem,
            } => {
                let key = field_key(*field);
                let name = t(lang, &format!("cron_error.field_name.{key}"), &[]);
                let accepts = t(lang, &format!("cron_error.accepts.{key}"), &[]);
                let example = t(lang, &format!("cron_error.example.{key}"), &[]);
                t(
                    lang,
                    "cron_error.field",
                    &[
                        ("field", &name),
                        ("text", text),
                        ("problem", &problem.worded(lang)),
                        ("accepts", &accepts),
                        ("example", &example),
                    ],
                )
            }
            CronError::NeverFires { expr } => t(lang, "cron_error.never_fires", &[("expr", expr)]),
            CronError::Engine { expr, reason } => t(
                lang,
                "cron_error.engine",
                &[("expr", expr), ("reason", reason)],
            ),
        }
    }
}

impl Worded for FieldProblem {
    fn worded(&self, lang: Lang) -> String {
        let say =
            |id: &str, args: &[(&str, &str)]| t(lang, &format!("cron_error.problem.{id}"), args);
        match self {
            FieldProblem::EmptyEntry => say("empty_entry", &[]),
            FieldProblem::QuestionMark => say("question_mark", &[]),
            FieldProblem::AnyInList { part } => say("any_in_list", &[("part", part)]),
            FieldProblem::Backwards { part } => say("backwards", &[("part", part)]),
            FieldProblem::StepWithoutRange { range, step, max } => say(
                "step_without_range",
                &[("range", range), ("step", step), ("max", &max.to_string())],
            ),
            FieldProblem::BadStep { step, max } => {
                say("bad_step", &[("step", step), ("max", &max.to_string())])
            }
            FieldProblem::LoneLast => say("lone_last", &[]),
            FieldProblem::BadNth { nth } => say("bad_nth", &[("nth", nth)]),
            FieldProblem::ModifierOnRange { text, example } => {
                say("modifier_on_range", &[("text", text), ("example", example)])
            }
            FieldProblem::MissingValue => say("missing_value", &[]),
            FieldProblem::OutOfRange { text } => say("out_of_range", &[("text", text)]),
            FieldProblem::NotAMonth { text } => say("not_a_month", &[("text", text)]),
            FieldProblem::NotAWeekday { text } => say("not_a_weekday", &[("text", text)]),
            FieldProblem::NotANumber { text } => say("not_a_number", &[("text", text)]),
        }
    }
}

/// A field's key in the catalogs.
fn field_key(field: CronField) -> &'static str {
    match field {
        CronField::Minute => "minute",
        CronField::Hour => "hour",
        CronField::DayOfMonth => "day_of_month",
        CronField::Month => "month",
        CronField::DayOfWeek => "day_of_week",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::CronSpec;

    fn refused(expr: &str, lang: Lang) -> String {
        CronSpec::parse(expr).expect_err(expr).worded(lang)
    }

    #[test]
    fn a_refused_expression_reads_in_english_as_the_domain_tells_it() {
        for expr in [
            "",
            "0 17 * *",
            "@daily",
            "61 * * * *",
            "0 9 30 2 *",
            "0 9 * * 5#6",
        ] {
            let error = CronSpec::parse(expr).expect_err(expr);
            assert_eq!(error.worded(Lang::En), error.to_string(), "{expr}");
        }
    }

    #[test]
    fn a_refused_expression_reads_in_korean_with_no_english_sentence_left() {
        #[rustfmt::skip]
        let cases = [
            ("61 * * * *", "분 필드를 읽을 수 없어요(`61`). `61`: 범위를 벗어난 값이에요. 분 필드에 쓸 수 있는 값: 0부터 59까지의 수. 예: `0`, `30` 또는 `*/15`"),
            ("0 17 * *", "`0 17 * *`에는 필드가 4개 있어요."),
            ("@daily", "`0 0 * * *`"),
            ("0 9 * * MONDAY", "`MONDAY`: 요일이 아니에요."),
            ("0 9 30 2 *", "한 번도 실행되지 않아요"),
        ];
        for (expr, wanted) in cases {
            let korean = refused(expr, Lang::Ko);
            assert!(korean.contains(wanted), "{expr}: {korean}");
            for english in ["field", "range", "accepts", "never", "e.g."] {
                assert!(!korean.contains(english), "{expr}: {korean}");
            }
        }
    }
}
