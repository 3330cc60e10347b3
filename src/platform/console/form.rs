//! Asking a form in a terminal, question by question: each question with its kind and limit
//! (a scale with what its ends mean), one line per answer (list items separated by `|`),
//! `/cancel` to give up; refused answers are asked again with the reason, the rest kept.

use tokio::io::AsyncBufRead;

use super::Console;
use super::io::Input;
use crate::domain::lang::Lang;
use crate::service::i18n::t;
use crate::service::reply::{Form, FormField, InputShape, Reply};
use crate::service::{Interaction, Outcome};

/// What the person typed to give up on a form.
const CANCEL: &str = "/cancel";
/// Separates the items of a list typed on one line.
const ITEM_SEPARATOR: char = '|';

impl Console {
    /// Asks every field of `form` (written in `lang`), submits, and asks again the refused
    /// fields until the form is saved, refused, cancelled or the input ends.
    pub(super) async fn fill_form<R: AsyncBufRead + Unpin>(
        &self,
        input: &mut Input<R>,
        mut form: Form,
        lang: Lang,
    ) {
        let mut ask_all = true;
        loop {
            if !ask_all {
                self.out.line(&t(lang, "console.fix_errors", &[]));
            }
            let Some(values) = self.ask_fields(input, &form, ask_all, lang).await else {
                return;
            };
            let submit = Interaction::Submit(form.id, values);
            match self.service.interact(&self.actor, submit).await {
                Outcome::Invalid(Reply {
                    form: Some(refused),
                    ..
                }) => {
                    form = refused;
                    ask_all = false;
                }
                Outcome::Invalid(reply)
                | Outcome::Done(reply)
                | Outcome::Refused(reply)
                | Outcome::Unavailable(reply)
                | Outcome::Elsewhere(reply) => {
                    return self.show_reply_only(&reply);
                }
            }
        }
    }

    /// The answers to submit: asked anew for the fields to ask, kept for the others. `None`
    /// when cancelled or when the input ended.
    async fn ask_fields<R: AsyncBufRead + Unpin>(
        &self,
        input: &mut Input<R>,
        form: &Form,
        ask_all: bool,
        lang: Lang,
    ) -> Option<Vec<(String, String)>> {
        let total = form.fields.len();
        let mut values = Vec::with_capacity(total);
        for (index, field) in form.fields.iter().enumerate() {
            let kept = field.value.clone().unwrap_or_default();
            if !ask_all && field.error.is_none() {
                values.push((field.id.clone(), kept));
                continue;
            }
            self.out.line(&question_text(lang, index + 1, total, field));
            let Some(line) = self.read(input).await else {
                self.out.line(&t(lang, "console.input_ended", &[]));
                return None;
            };
            self.echo(&line);
            if line.trim() == CANCEL {
                self.out.line(&t(lang, "console.cancelled", &[]));
                return None;
            }
            let typed = if line.trim().is_empty() {
                kept
            } else {
                from_line(field, &line)
            };
            values.push((field.id.clone(), typed));
        }
        Some(values)
    }
}

/// The question, what kind of answer it takes, what it holds now and why it was refused.
fn question_text(lang: Lang, number: usize, total: usize, field: &FormField) -> String {
    let (number, total) = (number.to_string(), total.to_string());
    let mut lines = vec![t(
        lang,
        "answer.question",
        &[
            ("number", &number),
            ("total", &total),
            ("question", &field.label),
        ],
    )];
    let limit = field.max_len.to_string();
    lines.push(match &field.input {
        InputShape::Paragraph => t(lang, "console.hint_text", &[("limit", &limit)]),
        InputShape::Lines => t(lang, "console.hint_list", &[("limit", &limit)]),
        InputShape::Number { low, high, .. } => {
            t(lang, "console.hint_scale", &[("low", low), ("high", high)])
        }
    });
    if let Some(recall) = &field.recall {
        let then: Vec<&str> = recall.text.lines().map(str::trim).collect();
        lines.push(format!("↺ {} {}", recall.intro, then.join(" | ")));
    }
    if let Some(value) = field.value.as_deref().filter(|v| !v.trim().is_empty()) {
        let shown = to_line(field, value);
        lines.push(t(lang, "console.current", &[("value", &shown)]));
    } else if !field.required {
        lines.push(t(lang, "console.optional", &[]));
    }
    if let Some(error) = &field.error {
        lines.push(format!("⚠ {error}"));
    }
    lines.join("\n")
}

/// A typed line as the field's value: list items go one per line.
fn from_line(field: &FormField, line: &str) -> String {
    match field.input {
        InputShape::Lines => line
            .split(ITEM_SEPARATOR)
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n"),
        InputShape::Paragraph | InputShape::Number { .. } => line.trim().to_string(),
    }
}

/// A value shown on one line: list items separated by ` | `.
fn to_line(field: &FormField, value: &str) -> String {
    match field.input {
        InputShape::Lines => value.lines().collect::<Vec<_>>().join(" | "),
        InputShape::Paragraph | InputShape::Number { .. } => value.replace('\n', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(input: InputShape) -> FormField {
        FormField {
            id: "q".into(),
            label: "Q?".into(),
            short_label: None,
            input,
            max_len: 100,
            required: true,
            value: None,
            error: None,
            recall: None,
        }
    }

    #[test]
    fn a_list_typed_on_one_line_becomes_one_item_per_line_and_back() {
        let list = field(InputShape::Lines);
        assert_eq!(from_line(&list, "run | read|  write "), "run\nread\nwrite");
        assert_eq!(to_line(&list, "run\nread"), "run | read");
        let text = field(InputShape::Paragraph);
        assert_eq!(from_line(&text, " a | b "), "a | b");
    }
}
