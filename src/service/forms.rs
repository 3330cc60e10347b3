//! The answer form of a round: one field per question in the reader's language, holding an
//! earlier answer or what was just typed, and the reason a refused field was refused. This is
//! the one place a question's kind becomes the shape of its input.

use std::collections::HashMap;

use super::asker::Asker;
use super::grid_form::{grid_fields, grid_labels};
use super::ids::FormId;
use super::recalls::Recalls;
use super::reply::{Form, FormField, InputShape};
use super::rounds::RoundForm;
use crate::domain::answer::FormErrors;
use crate::domain::lang::Lang;
use crate::domain::template::{Question, QuestionKind};
use crate::service::i18n::worded::Worded;

/// The most characters a scale answer such as `3/5` or `3점` takes.
const SCALE_INPUT_LEN: usize = 5;

/// The form of `round`, each field starting with `values[question id]` when there is one,
/// carrying its error from `errors` and the earlier answer it recalls from `recalls`.
pub fn answer_form(
    asker: &Asker,
    round: &RoundForm,
    (values, recalls): (&HashMap<String, String>, &Recalls),
    errors: &FormErrors,
) -> Form {
    let mut fields = Vec::new();
    for question in &round.template.questions {
        if question.is_mandalart() {
            fields.extend(grid_fields(asker, round, question, values, errors));
            continue;
        }
        fields.push(FormField {
            id: question.id.to_string(),
            label: round.label(asker, question),
            short_label: round.short_label(asker, question),
            input: shape(&question.kind, asker.lang()),
            max_len: input_len(question).min(asker.limits.input_len),
            required: question.required,
            value: values.get(question.id.as_str()).cloned(),
            error: errors
                .iter()
                .find(|(id, _)| id == &question.id)
                .map(|(_, error)| error.worded(asker.lang())),
            recall: recalls.get(question.id.as_str()).cloned(),
        });
    }
    Form {
        id: FormId::Answer(round.delivery.delivery_id),
        title: round.title(asker),
        fields,
    }
}

/// How an answer to a question of `kind` is typed in.
fn shape(kind: &QuestionKind, lang: Lang) -> InputShape {
    match kind {
        QuestionKind::Text => InputShape::Paragraph,
        QuestionKind::List { .. } => InputShape::Lines,
        QuestionKind::Scale { low, high } => InputShape::Number {
            min: Question::SCALE_MIN,
            max: Question::SCALE_MAX,
            low: low.get(lang).to_string(),
            high: high.get(lang).to_string(),
        },
        // Never one field: `grid_fields` gives each part of the grid its own.
        QuestionKind::Mandalart => InputShape::Lines,
    }
}

/// The most characters the field takes.
fn input_len(question: &Question) -> usize {
    match question.kind {
        QuestionKind::Scale { .. } => SCALE_INPUT_LEN,
        QuestionKind::Text | QuestionKind::List { .. } | QuestionKind::Mandalart => {
            question.max_len
        }
    }
}

/// The labels of `round`'s questions in the asker's language: `(question id, label)`.
pub fn round_labels(asker: &Asker, round: &RoundForm) -> Vec<(String, String)> {
    let mut labels = Vec::new();
    for question in &round.template.questions {
        labels.push((question.id.to_string(), round.label(asker, question)));
        if question.is_mandalart() {
            labels.extend(grid_labels(asker, round, question));
        }
    }
    labels
}

/// The submitted texts, each under its question's label from `labels` (the id only when no
/// label is known), for a reply that must give them back (nothing typed is ever lost).
pub fn typed_text(labels: &[(String, String)], values: &[(String, String)]) -> String {
    values
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(id, value)| {
            let label = labels
                .iter()
                .find(|(known, _)| known == id)
                .map_or(id.as_str(), |(_, label)| label.as_str());
            format!("**{label}**\n{value}")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
