//! A [`Form`] as a Slack modal: one `plain_text_input` per question (limit: the question's, at
//! most 3000), block ids = question ids, what the form is and where it came from in the view's
//! private metadata; and a submission read back into (question id, text) pairs.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use slack_morphism::prelude::{SlackBlock, SlackStatefulView, SlackView};

use super::LIMITS;
use super::blocks::escape;
use crate::platform::fit::{fit, fit_title};
use crate::service::ids::FormId;
use crate::service::reply::{Form, FormField, InputShape, Recalled};

/// Slack's most blocks in a modal.
const MODAL_BLOCKS: usize = 100;

/// The callback id of every hoego modal.
pub const CALLBACK_ID: &str = "hoego-form";
/// The action id of each text input.
const INPUT_ACTION: &str = "text";
/// Slack's limits: title and button texts 24 characters, labels 2000.
const TITLE_LIMIT: usize = 24;
const LABEL_LIMIT: usize = 2000;
/// Slack's longest text of a context element.
const CONTEXT_LIMIT: usize = 3000;

/// What a modal carries back in `private_metadata`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The service's form id, as its wire text.
    pub form: String,
    /// The workspace the form belongs to.
    pub team: String,
}

impl Metadata {
    /// The form, when its id is one hoego made.
    pub fn form_id(&self) -> Option<FormId> {
        self.form.parse().ok()
    }
}

/// The modal for `form`, with its submit and close labels in the reader's language. A title
/// longer than Slack's 24 characters is shown whole above the questions, and the modal's own
/// title is its name alone (or, still too long, the name shortened before the date).
pub fn modal(form: &Form, metadata: &Metadata, submit: &str, close: &str) -> Value {
    let title = title(&form.title);
    let mut blocks: Vec<Value> = Vec::new();
    if title != form.title {
        let text = format!("*{}*", escape(&form.title));
        blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": text}}));
    }
    let room = LIMITS.form_inputs.min(MODAL_BLOCKS - blocks.len());
    let taken = form.fields.len().min(room);
    for (index, field) in form.fields.iter().take(room).enumerate() {
        // A recall takes a block of its own only while every input still fits.
        let fits = blocks.len() + (taken - index) < MODAL_BLOCKS;
        if let Some(recall) = field.recall.as_ref().filter(|_| fits) {
            blocks.push(recalled(recall));
        }
        blocks.push(input(field));
    }
    json!({
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": {"type": "plain_text", "text": title},
        "submit": plain(submit, TITLE_LIMIT),
        "close": plain(close, TITLE_LIMIT),
        "private_metadata": serde_json::to_string(metadata).unwrap_or_default(),
        "blocks": blocks,
    })
}

/// A form's title as a modal title: whole when it fits, else its name before the date, else
/// shortened keeping the date.
fn title(full: &str) -> String {
    if full.chars().count() <= TITLE_LIMIT {
        return full.to_string();
    }
    match full.rsplit_once(" · ") {
        Some((name, _)) if name.chars().count() <= TITLE_LIMIT => name.to_string(),
        _ => fit_title(full, TITLE_LIMIT),
    }
}

/// `modal` as slack-morphism's view.
pub fn view(modal: Value) -> Option<SlackView> {
    serde_json::from_value(modal).ok()
}

fn input(field: &FormField) -> Value {
    let (multiline, placeholder) = match &field.input {
        InputShape::Paragraph | InputShape::Lines => (true, None),
        InputShape::Number { min, max, .. } => (false, Some(format!("{min} – {max}"))),
    };
    let mut element = json!({
        "type": "plain_text_input",
        "action_id": INPUT_ACTION,
        "multiline": multiline,
        "max_length": field.max_len.clamp(1, LIMITS.input_len),
    });
    if let Some(value) = field.value.as_deref().filter(|v| !v.is_empty()) {
        let kept: String = value.chars().take(LIMITS.input_len).collect();
        element["initial_value"] = json!(kept);
    }
    if let Some(placeholder) = placeholder {
        element["placeholder"] = plain(&placeholder, 150);
    }
    json!({
        "type": "input",
        "block_id": field.id,
        "label": plain(&field.label, LABEL_LIMIT),
        "optional": !field.required,
        "element": element,
    })
}

/// The earlier answer a field recalls, as a context block above its input: the intro in bold,
/// the answer quoted (the modal is seen by its author only).
fn recalled(recall: &Recalled) -> Value {
    let quoted: Vec<String> = recall
        .text
        .lines()
        .map(|line| format!("> {}", escape(line)))
        .collect();
    let text = format!("*{}*\n{}", escape(&recall.intro), quoted.join("\n"));
    json!({"type": "context", "elements": [{"type": "mrkdwn", "text": fit(&text, CONTEXT_LIMIT)}]})
}

fn plain(text: &str, limit: usize) -> Value {
    json!({"type": "plain_text", "text": fit(text, limit)})
}

/// The metadata of a submitted hoego modal, or `None` for a view that is not ours.
pub fn metadata(view: &SlackStatefulView) -> Option<Metadata> {
    let SlackView::Modal(modal) = &view.view else {
        return None;
    };
    if modal.callback_id.as_ref().map(|c| c.0.as_str()) != Some(CALLBACK_ID) {
        return None;
    }
    serde_json::from_str(modal.private_metadata.as_deref()?).ok()
}

/// The (question id, text) pairs of a submitted view, in the order of its blocks.
pub fn values(view: &SlackStatefulView) -> Vec<(String, String)> {
    let order: Vec<String> = match &view.view {
        SlackView::Modal(modal) => modal
            .blocks
            .iter()
            .filter_map(|block| match block {
                SlackBlock::Input(input) => input.block_id.as_ref().map(|id| id.0.clone()),
                _ => None,
            })
            .collect(),
        SlackView::Home(_) => Vec::new(),
    };
    let state = view.state_params.state.as_ref();
    let mut typed: HashMap<String, String> = HashMap::new();
    for (block, actions) in state.map(|s| &s.values).into_iter().flatten() {
        let text = actions
            .values()
            .find_map(|v| v.value.clone())
            .unwrap_or_default();
        typed.insert(block.0.clone(), text);
    }
    let mut pairs: Vec<(String, String)> = order
        .iter()
        .filter_map(|id| typed.remove(id).map(|text| (id.clone(), text)))
        .collect();
    let mut rest: Vec<(String, String)> = typed.into_iter().collect();
    rest.sort();
    pairs.extend(rest);
    pairs
}

/// Slack's per-field errors for a refused form: block id → reason.
pub fn errors(form: &Form) -> HashMap<String, String> {
    form.fields
        .iter()
        .filter_map(|f| f.error.clone().map(|e| (f.id.clone(), e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeliveryId;

    fn form() -> Form {
        Form {
            id: FormId::Answer(DeliveryId(7)),
            title: "Weekly retrospective for team Platform".into(),
            fields: vec![
                FormField {
                    id: "went_well".into(),
                    label: "What went well?".into(),
                    short_label: None,
                    input: InputShape::Paragraph,
                    max_len: 4000,
                    required: true,
                    value: Some("kept".into()),
                    error: Some("Please answer this question.".into()),
                    recall: None,
                },
                FormField {
                    id: "energy".into(),
                    label: "Energy".into(),
                    short_label: None,
                    input: InputShape::Number {
                        min: 1,
                        max: 5,
                        low: String::new(),
                        high: String::new(),
                    },
                    max_len: 1,
                    required: false,
                    value: None,
                    error: None,
                    recall: None,
                },
            ],
        }
    }

    #[test]
    fn a_form_becomes_a_modal_slack_accepts() {
        let metadata = Metadata {
            form: FormId::Answer(DeliveryId(7)).to_string(),
            team: "T1".into(),
        };
        let modal = modal(&form(), &metadata, "Save", "Cancel");
        assert_eq!(modal["title"]["text"], "Weekly retrospective…");
        let mut dated = form();
        dated.title = "Weekly retrospective · 2026-12-04".into();
        let dated = super::modal(&dated, &metadata, "Save", "Cancel");
        assert_eq!(dated["title"]["text"], "Weekly retrospective");
        assert_eq!(
            modal["blocks"][0]["text"]["text"],
            "*Weekly retrospective for team Platform*"
        );
        assert_eq!(modal["blocks"][1]["block_id"], "went_well");
        assert_eq!(modal["blocks"][1]["element"]["max_length"], 3000);
        assert_eq!(modal["blocks"][1]["element"]["initial_value"], "kept");
        assert_eq!(modal["blocks"][2]["optional"], true);
        assert_eq!(modal["blocks"][2]["element"]["multiline"], false);
        assert_eq!(
            modal["blocks"][2]["element"]["placeholder"]["text"],
            "1 – 5"
        );
        assert_eq!(metadata.form_id(), Some(FormId::Answer(DeliveryId(7))));
        assert!(view(modal).is_some());
        assert_eq!(
            errors(&form()).get("went_well").map(String::as_str),
            Some("Please answer this question.")
        );
    }

    fn metadata() -> Metadata {
        Metadata {
            form: FormId::Answer(DeliveryId(7)).to_string(),
            team: "T1".into(),
        }
    }

    #[test]
    fn a_recall_is_a_context_block_above_its_input_while_every_input_fits() {
        let mut form = form();
        form.fields[0].recall = Some(Recalled {
            intro: "A year ago you wrote:".into(),
            text: "Ship <small>\nSay no".into(),
        });
        let shown = modal(&form, &metadata(), "Save", "Close");
        let blocks = shown["blocks"].as_array().unwrap();
        let context = blocks.iter().position(|b| b["type"] == "context").unwrap();
        assert_eq!(blocks[context + 1]["block_id"], "went_well");
        let text = &blocks[context]["elements"][0]["text"];
        assert_eq!(
            text,
            "*A year ago you wrote:*\n> Ship &lt;small&gt;\n> Say no"
        );

        let field = form.fields[0].clone();
        form.fields = (0..LIMITS.form_inputs).map(|_| field.clone()).collect();
        let full = modal(&form, &metadata(), "Save", "Close");
        let blocks = full["blocks"].as_array().unwrap();
        assert!(blocks.len() <= MODAL_BLOCKS, "{}", blocks.len());
        let inputs = blocks.iter().filter(|b| b["type"] == "input").count();
        assert_eq!(inputs, LIMITS.form_inputs.min(MODAL_BLOCKS - 1));
    }
}
