//! The domain's refusals and notes, worded for people through the catalogs. The domain says
//! what is wrong (a kind and its values); this module says it in the reader's language, so a
//! third language is one more catalog and never a change to the domain.

use super::t;
use crate::domain::anonymity::Withheld;
use crate::domain::answer::AnswerError;
use crate::domain::lang::Lang;
use crate::domain::mandalart::{GridError, SIDE};
use crate::domain::period::{MAX_YEARS, PERIOD_EXAMPLES, PeriodError, PeriodProblem, YEARS};
use crate::domain::template::{Question, UnknownTemplate};

/// Something the domain refused, told to a person in their language.
pub trait Worded {
    /// The message in `lang`, with what works where it helps.
    fn worded(&self, lang: Lang) -> String;
}

impl Worded for AnswerError {
    fn worded(&self, lang: Lang) -> String {
        match self {
            AnswerError::Required => t(lang, "answer_error.required", &[]),
            AnswerError::TooLong { chars, limit } => t(
                lang,
                "answer_error.too_long",
                &[("chars", &chars.to_string()), ("limit", &limit.to_string())],
            ),
            AnswerError::NotOnScale { given, low, high } => t(
                lang,
                "answer_error.not_on_scale",
                &[
                    ("given", &format!("{given:?}")),
                    ("min", &Question::SCALE_MIN.to_string()),
                    ("max", &Question::SCALE_MAX.to_string()),
                    ("low", low.get(lang)),
                    ("high", high.get(lang)),
                ],
            ),
            AnswerError::UnknownQuestion => t(lang, "answer_error.unknown_question", &[]),
            AnswerError::NotAFollowUp { given } => t(
                lang,
                "answer_error.not_a_follow_up",
                &[("given", &format!("{given:?}"))],
            ),
            AnswerError::Grid { problem, .. } => problem.worded(lang),
            AnswerError::NotAGrid => t(lang, "answer_error.not_a_grid", &[]),
        }
    }
}

impl Worded for GridError {
    fn worded(&self, lang: Lang) -> String {
        match self {
            GridError::TooManyLines { given } => t(
                lang,
                "answer_error.grid_too_many_lines",
                &[("given", &given.to_string()), ("most", &SIDE.to_string())],
            ),
            GridError::CellTooLong { line, chars, limit } => t(
                lang,
                "answer_error.cell_too_long",
                &[
                    ("line", &line.to_string()),
                    ("chars", &chars.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ),
        }
    }
}

impl Worded for UnknownTemplate {
    fn worded(&self, lang: Lang) -> String {
        let given = self.given.as_str();
        match &self.suggestion {
            Some(suggestion) => t(
                lang,
                "template.unknown_suggest",
                &[("given", given), ("suggestion", suggestion)],
            ),
            None => t(
                lang,
                "template.unknown_list",
                &[("given", given), ("available", &self.available.join(", "))],
            ),
        }
    }
}

impl Worded for PeriodError {
    fn worded(&self, lang: Lang) -> String {
        let given = format!("{:?}", self.given);
        let (first, last) = (YEARS.0.to_string(), YEARS.1.to_string());
        let max = MAX_YEARS.to_string();
        let id = match self.problem {
            PeriodProblem::Unknown => "period_error.unknown",
            PeriodProblem::OutOfRange => "period_error.out_of_range",
            PeriodProblem::TooLong => "period_error.too_long",
        };
        t(
            lang,
            id,
            &[
                ("given", &given),
                ("first", &first),
                ("last", &last),
                ("max", &max),
                ("examples", PERIOD_EXAMPLES),
            ],
        )
    }
}

/// The note shown in place of anonymous answers withheld below `threshold`, in `lang`.
pub fn withheld_note(withheld: &Withheld, threshold: usize, lang: Lang) -> String {
    let id = if withheld.varies {
        "anonymity.withheld_varying"
    } else if withheld.rounds == 1 {
        "anonymity.withheld_one_round"
    } else {
        "anonymity.withheld_rounds"
    };
    t(
        lang,
        id,
        &[
            ("count", &withheld.answers.to_string()),
            ("question", &withheld.question),
            ("threshold", &threshold.to_string()),
            ("rounds", &withheld.rounds.to_string()),
        ],
    )
}
