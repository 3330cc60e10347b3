//! Question texts and kinds of stored template versions, read and parsed once per version, for
//! recaps and digests that quote many answers.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::ids::TemplateVersionId;
use crate::domain::lang::Lang;
use crate::domain::template::{PlaceholderValues, QuestionKind, Template};
use crate::store::{Store, StoreError};

/// Question texts and kinds by template version, read once per version.
pub(crate) struct Questions<'a> {
    store: &'a Store,
    lang: Lang,
    team_name: &'a str,
    templates: HashMap<TemplateVersionId, Option<Arc<Template>>>,
    texts: HashMap<TemplateVersionId, HashMap<String, (String, QuestionKind)>>,
}

impl<'a> Questions<'a> {
    pub(crate) fn new(store: &'a Store, lang: Lang, team_name: &'a str) -> Self {
        Questions {
            store,
            lang,
            team_name,
            templates: HashMap::new(),
            texts: HashMap::new(),
        }
    }

    /// The question ids of a template version already read, in the order it asks them.
    pub(crate) fn order(&self, template: TemplateVersionId) -> Vec<String> {
        self.templates
            .get(&template)
            .and_then(Option::as_ref)
            .map(|t| {
                t.questions
                    .iter()
                    .map(|q| q.id.as_str().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The question's text (placeholders filled for `date`) and kind; an unknown question is
    /// shown by its id as text.
    pub(crate) async fn get(
        &mut self,
        template: TemplateVersionId,
        question: &str,
        date: NaiveDate,
    ) -> Result<(String, QuestionKind), StoreError> {
        if let Some(found) = self.texts.get(&template).and_then(|t| t.get(question)) {
            return Ok(found.clone());
        }
        if !self.templates.contains_key(&template) {
            let parsed = match self.store.template(template).await {
                Ok(parsed) => Some(parsed),
                Err(StoreError::Corrupt { .. }) => None,
                Err(error) => return Err(error),
            };
            self.templates.insert(template, parsed);
        }
        let found = self.templates[&template]
            .as_ref()
            .and_then(|t| {
                let values = PlaceholderValues::for_round(t, date, self.team_name);
                t.questions
                    .iter()
                    .find(|q| q.id.as_str() == question)
                    .map(|q| (q, values))
            })
            .map(|(q, values)| {
                (
                    q.text.filled(&values).get(self.lang).to_string(),
                    q.kind.clone(),
                )
            })
            .unwrap_or_else(|| (question.to_string(), QuestionKind::Text));
        self.texts
            .entry(template)
            .or_default()
            .insert(question.to_string(), found.clone());
        Ok(found)
    }
}
