//! Question texts and kinds of stored template versions, read and parsed once per version, for
//! recaps and digests that quote many answers.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::ids::TemplateVersionId;
use crate::domain::lang::Lang;
use crate::domain::template::{PlaceholderValues, QuestionKind, Recall, Template};
use crate::store::{Store, StoreError};

/// Question texts and kinds by template version, read once per version.
pub(crate) struct Questions<'a> {
    store: &'a Store,
    lang: Lang,
    team_name: &'a str,
    templates: HashMap<TemplateVersionId, Option<Arc<Template>>>,
    /// Where each question's info sits in `infos`.
    texts: HashMap<TemplateVersionId, HashMap<String, usize>>,
    infos: Vec<QuestionInfo>,
    /// The question asked last and its place: answers come question by question, so most
    /// lookups are of the one before.
    last: Option<(TemplateVersionId, String, usize)>,
}

/// What a recap needs to know of a question.
#[derive(Debug, Clone)]
pub(crate) struct QuestionInfo {
    /// The question in the reader's language, placeholders filled.
    pub text: String,
    /// Its short label, else its first sentence (no instructions), placeholders filled.
    pub label: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// Its template's id (`weekly`); answers group by (template, question).
    pub template: String,
    /// Its place in the template.
    pub position: usize,
    /// Whether its answers become milestones.
    pub milestone: bool,
    /// The earlier answer it recalls, if it does ("then vs now").
    pub recall: Option<Recall>,
}

impl<'a> Questions<'a> {
    pub(crate) fn new(store: &'a Store, lang: Lang, team_name: &'a str) -> Self {
        Questions {
            store,
            lang,
            team_name,
            templates: HashMap::new(),
            texts: HashMap::new(),
            infos: Vec::new(),
            last: None,
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
        let info = self.info(template, question, date).await?;
        Ok((info.text.clone(), info.kind.clone()))
    }

    /// The question's text, label, kind, template and place (placeholders filled for the first
    /// `date` asked); an unknown question is shown by its id, as text, after the known ones.
    pub(crate) async fn info(
        &mut self,
        template: TemplateVersionId,
        question: &str,
        date: NaiveDate,
    ) -> Result<&QuestionInfo, StoreError> {
        if let Some((_, _, at)) = (self.last.as_ref())
            .filter(|(last, id, _)| *last == template && id.as_str() == question)
        {
            return Ok(&self.infos[*at]);
        }
        if let Some(&at) = self.texts.get(&template).and_then(|t| t.get(question)) {
            self.last = Some((template, question.to_string(), at));
            return Ok(&self.infos[at]);
        }
        if !self.templates.contains_key(&template) {
            let parsed = match self.store.template(template).await {
                Ok(parsed) => Some(parsed),
                Err(StoreError::Corrupt { .. }) => None,
                Err(error) => return Err(error),
            };
            self.templates.insert(template, parsed);
        }
        let (lang, team_name) = (self.lang, self.team_name);
        let parsed = self.templates[&template].as_ref();
        let found = parsed
            .and_then(|t| {
                let values = PlaceholderValues::for_round(t, date, team_name);
                let position = t.questions.iter().position(|q| q.id.as_str() == question)?;
                let q = &t.questions[position];
                let text = q.text.filled(&values).get(lang).to_string();
                let label = match &q.label {
                    Some(label) => label.filled(&values).get(lang).to_string(),
                    None => first_sentence(&text).to_string(),
                };
                Some(QuestionInfo {
                    text,
                    label,
                    kind: q.kind.clone(),
                    template: t.id.as_str().to_string(),
                    position,
                    milestone: q.milestone,
                    recall: q.recall.clone(),
                })
            })
            .unwrap_or_else(|| QuestionInfo {
                text: question.to_string(),
                label: question.to_string(),
                kind: QuestionKind::Text,
                template: parsed.map_or(format!("{template}"), |t| t.id.as_str().to_string()),
                position: usize::MAX,
                milestone: false,
                recall: None,
            });
        let at = self.infos.len();
        self.infos.push(found);
        let texts = self.texts.entry(template).or_default();
        texts.insert(question.to_string(), at);
        self.last = Some((template, question.to_string(), at));
        Ok(&self.infos[at])
    }
}

/// The text up to its first question mark (a prompt's instructions follow it), else whole.
fn first_sentence(text: &str) -> &str {
    match text.find(['?', '？']) {
        Some(at) => &text[..at + text[at..].chars().next().map_or(1, char::len_utf8)],
        None => text,
    }
}
