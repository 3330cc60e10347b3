//! The `recall` of each question, checked once the whole template is read: it names a text or
//! list question of the same template and looks back `1y` or `1q`.

use toml::Spanned;

use super::Loader;
use super::raw::{RawQuestion, RawRecall};
use crate::domain::template::{
    Ago, Question, QuestionId, QuestionKind, Recall, TemplateError, TemplateId, TemplateProblem,
};

impl Loader<'_> {
    /// Sets each question's `recall` from its raw table (`raw[i]` is `questions[i]`).
    pub(super) fn recalls(
        &self,
        template: &TemplateId,
        raw: &[Spanned<RawQuestion>],
        questions: &mut [Question],
    ) -> Result<(), TemplateError> {
        let kinds: Vec<(QuestionId, QuestionKind, bool)> = questions
            .iter()
            .map(|q| (q.id.clone(), q.kind.clone(), q.capsule))
            .collect();
        for (raw, question) in raw.iter().zip(questions.iter_mut()) {
            if let Some(spanned) = &raw.get_ref().recall {
                let at = spanned.span().start;
                let asking = (template, &question.id);
                question.recall =
                    Some(self.recall(asking, &question.kind, spanned.get_ref(), at, &kinds)?);
            }
        }
        Ok(())
    }

    fn recall(
        &self,
        (template, id): (&TemplateId, &QuestionId),
        kind: &QuestionKind,
        raw: &RawRecall,
        at: usize,
        kinds: &[(QuestionId, QuestionKind, bool)],
    ) -> Result<Recall, TemplateError> {
        if !recallable(kind) {
            return Err(self.not_applicable(at, id, "recall", kind.as_str()));
        }
        let (template, question) = (template.to_string(), id.to_string());
        let named = raw.question.get_ref().trim();
        let found = kinds.iter().find(|(known, ..)| known.as_str() == named);
        let recalled = match found {
            None => {
                let recalled = named.to_string();
                let problem = TemplateProblem::RecallUnknownQuestion {
                    template,
                    question,
                    recalled,
                };
                return Err(self.error(raw.question.span().start, problem));
            }
            Some((_, _, true)) => {
                let recalled = named.to_string();
                let problem = TemplateProblem::RecallCapsule {
                    template,
                    question,
                    recalled,
                };
                return Err(self.error(raw.question.span().start, problem));
            }
            Some((_, kind, _)) if !recallable(kind) => {
                let problem = TemplateProblem::RecallKind {
                    template,
                    question,
                    recalled: named.to_string(),
                    kind: kind.as_str(),
                };
                return Err(self.error(raw.question.span().start, problem));
            }
            Some((known, ..)) => known.clone(),
        };
        let Some(ago) = Ago::parse(raw.ago.get_ref()) else {
            let given = raw.ago.get_ref().clone();
            let problem = TemplateProblem::RecallAgo {
                template,
                question,
                given,
            };
            return Err(self.error(raw.ago.span().start, problem));
        };
        Ok(Recall {
            question: recalled,
            ago,
        })
    }
}

/// Whether a question of `kind` may recall or be recalled: text and lists (a scale has its
/// trend, a Mandalart its own sheet).
fn recallable(kind: &QuestionKind) -> bool {
    matches!(kind, QuestionKind::Text | QuestionKind::List { .. })
}
