//! `capsule = true` on a question: its answer becomes a sealed letter to its author instead of
//! an answer. Only a text question may say it, and nothing that only makes sense of a stored
//! answer (a milestone, a recall, a shared visibility) may go with it.

use super::Loader;
use super::raw::{RawKind, RawQuestion};
use crate::domain::capsule::LetterText;
use crate::domain::template::{QuestionId, TemplateError, TemplateProblem};
use crate::domain::visibility::Visibility;

impl Loader<'_> {
    /// Whether the question is a capsule, or why it may not be one.
    pub(super) fn capsule(
        &self,
        raw: &RawQuestion,
        id: &QuestionId,
    ) -> Result<bool, TemplateError> {
        let Some(given) = raw.capsule.as_ref().filter(|c| *c.get_ref()) else {
            return Ok(false);
        };
        let at = given.span().start;
        if raw.kind != RawKind::Text {
            return Err(self.not_applicable(at, id, "capsule", raw.kind.name()));
        }
        let conflict = |field: &'static str| {
            let question = id.to_string();
            self.error(at, TemplateProblem::CapsuleConflict { question, field })
        };
        if raw.milestone.as_ref().is_some_and(|m| *m.get_ref()) {
            return Err(conflict("milestone"));
        }
        if raw.recall.is_some() {
            return Err(conflict("recall"));
        }
        if let Some(visibility) = &raw.visibility
            && *visibility.get_ref() != Visibility::Private
        {
            return Err(conflict("visibility"));
        }
        if let Some(max_len) = &raw.max_len
            && *max_len.get_ref() > LetterText::MAX_LEN as i64
        {
            let (question, value) = (id.to_string(), *max_len.get_ref());
            let problem = TemplateProblem::CapsuleMaxLen { question, value };
            return Err(self.error(max_len.span().start, problem));
        }
        Ok(true)
    }
}
