//! One `[[questions]]` table read into a [`Question`]: its kind and the fields that apply to
//! it, its short label and its length limit.

use toml::Spanned;

use super::Loader;
use super::raw::{RawKind, RawLocalized, RawQuestion};
use crate::domain::lang::Lang;
use crate::domain::template::{
    Localized, Question, QuestionId, QuestionKind, TemplateError, TemplateProblem,
};
use crate::domain::visibility::Visibility;

impl Loader<'_> {
    pub(super) fn question(
        &self,
        spanned: &Spanned<RawQuestion>,
    ) -> Result<Question, TemplateError> {
        let raw = spanned.get_ref();
        let id = QuestionId::parse(raw.id.get_ref()).map_err(|_| {
            let problem = TemplateProblem::BadQuestionId(raw.id.get_ref().clone());
            self.error(raw.id.span().start, problem)
        })?;
        let field = format!("question `{id}` text");
        let text = match &raw.text {
            Some(text) => self.localized(text, &field, Question::MAX_TEXT_LEN)?,
            None => {
                let problem = TemplateProblem::MissingText {
                    field,
                    lang: Lang::En,
                };
                return Err(self.error(spanned.span().start, problem));
            }
        };
        let kind = self.kind(spanned, &id)?;
        let max_len = self.max_len(raw, &id, &kind)?;
        let label = self.label(raw, &id)?;
        let capsule = self.capsule(raw, &id)?;
        let visibility = match capsule {
            true => Visibility::Private,
            false => self.visibility(spanned, &id, &kind)?,
        };
        Ok(Question {
            id,
            kind,
            text,
            label,
            visibility,
            max_len,
            required: raw.required.unwrap_or(true),
            milestone: raw.milestone.as_ref().is_some_and(|m| *m.get_ref()),
            periods: raw.periods.as_ref().is_some_and(|p| *p.get_ref()),
            capsule,
            // Read by `Loader::recalls` once every question of the template is known.
            recall: None,
        })
    }

    fn kind(
        &self,
        spanned: &Spanned<RawQuestion>,
        id: &QuestionId,
    ) -> Result<QuestionKind, TemplateError> {
        let raw = spanned.get_ref();
        let kind = raw.kind.name();
        if raw.kind != RawKind::List
            && let Some(given) = &raw.resolutions
        {
            return Err(self.not_applicable(given.span().start, id, "resolutions", kind));
        }
        if raw.kind != RawKind::Text
            && let Some(given) = &raw.milestone
        {
            return Err(self.not_applicable(given.span().start, id, "milestone", kind));
        }
        if raw.kind != RawKind::List
            && let Some(given) = &raw.periods
        {
            return Err(self.not_applicable(given.span().start, id, "periods", kind));
        }
        if raw.kind != RawKind::Scale {
            for (field, label) in [("low", &raw.low), ("high", &raw.high)] {
                if let Some(label) = label {
                    return Err(self.not_applicable(label.span().start, id, field, kind));
                }
            }
        }
        Ok(match raw.kind {
            RawKind::Text => QuestionKind::Text,
            RawKind::List => QuestionKind::List {
                resolutions: raw.resolutions.as_ref().is_some_and(|r| *r.get_ref()),
            },
            RawKind::Scale => QuestionKind::Scale {
                low: self.scale_label(spanned, id, "low", raw.low.as_ref())?,
                high: self.scale_label(spanned, id, "high", raw.high.as_ref())?,
            },
            RawKind::Mandalart => QuestionKind::Mandalart,
        })
    }

    /// Who reads the answers: the template's word, else the team (a Mandalart: its author
    /// alone). A Mandalart cannot be anonymous: a plan gives its author away.
    fn visibility(
        &self,
        spanned: &Spanned<RawQuestion>,
        id: &QuestionId,
        kind: &QuestionKind,
    ) -> Result<Visibility, TemplateError> {
        let grid = *kind == QuestionKind::Mandalart;
        match spanned.get_ref().visibility.as_ref().map(|v| *v.get_ref()) {
            Some(Visibility::Anonymous) if grid => {
                let question = id.to_string();
                let problem = TemplateProblem::AnonymousGrid { question };
                Err(self.error(spanned.span().start, problem))
            }
            Some(visibility) => Ok(visibility),
            None if grid => Ok(Visibility::Private),
            None => Ok(Visibility::Team),
        }
    }

    pub(super) fn not_applicable(
        &self,
        offset: usize,
        id: &QuestionId,
        field: &'static str,
        kind: &'static str,
    ) -> TemplateError {
        let question = id.to_string();
        let problem = TemplateProblem::NotApplicable {
            question,
            field,
            kind,
        };
        self.error(offset, problem)
    }

    fn scale_label(
        &self,
        question: &Spanned<RawQuestion>,
        id: &QuestionId,
        end: &'static str,
        label: Option<&Spanned<RawLocalized>>,
    ) -> Result<Localized, TemplateError> {
        match label {
            Some(label) => {
                let field = format!("question `{id}` {end} label");
                self.localized(label, &field, Question::MAX_LABEL_LEN)
            }
            None => {
                let question_id = id.to_string();
                let problem = TemplateProblem::MissingScaleLabel {
                    question: question_id,
                    end,
                };
                Err(self.error(question.span().start, problem))
            }
        }
    }

    /// The optional short label: both languages, each at most [`Question::MAX_LABEL_LEN`].
    fn label(
        &self,
        raw: &RawQuestion,
        id: &QuestionId,
    ) -> Result<Option<Localized>, TemplateError> {
        let Some(spanned) = &raw.label else {
            return Ok(None);
        };
        // Longer than a text may be is refused first; a label has its own, shorter limit below.
        let field = format!("question `{id}` label");
        let label = self.localized(spanned, &field, Question::MAX_TEXT_LEN)?;
        for lang in [Lang::En, Lang::Ko] {
            let len = label.get(lang).chars().count();
            if len > Question::MAX_LABEL_LEN {
                let question = id.to_string();
                let problem = TemplateProblem::LabelTooLong {
                    question,
                    lang,
                    len,
                };
                return Err(self.error(spanned.span().start, problem));
            }
        }
        Ok(Some(label))
    }

    fn max_len(
        &self,
        raw: &RawQuestion,
        id: &QuestionId,
        kind: &QuestionKind,
    ) -> Result<usize, TemplateError> {
        let milestone = raw.milestone.as_ref().is_some_and(|m| *m.get_ref());
        let Some(given) = &raw.max_len else {
            return Ok(match milestone {
                true => Question::MILESTONE_MAX_LEN,
                false => Question::default_max_len(kind),
            });
        };
        let offset = given.span().start;
        if let QuestionKind::Scale { .. } | QuestionKind::Mandalart = kind {
            return Err(self.not_applicable(offset, id, "max_len", kind.as_str()));
        }
        let question = id.to_string();
        let value = *given.get_ref();
        match usize::try_from(value) {
            Ok(len) if milestone && len > Question::MILESTONE_MAX_LEN => {
                let problem = TemplateProblem::MilestoneMaxLen { question, value };
                Err(self.error(offset, problem))
            }
            Ok(len) if (1..=Question::MAX_MAX_LEN).contains(&len) => Ok(len),
            _ => Err(self.error(offset, TemplateProblem::MaxLen { question, value })),
        }
    }
}
