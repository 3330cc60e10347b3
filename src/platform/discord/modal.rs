//! Answer forms as Discord modals: at most five text inputs per modal, so a longer form is asked
//! in pages (each a [`FormPage`]) whose answers the service keeps until the last page is
//! submitted; each input keeps the question's limit (at most 4,000 characters). A question longer than a
//! label (45 characters) is labelled by its template's short form (or shortened at a word, with
//! "…"), and its whole text is the input's placeholder; the prompt above lists every question in
//! full. A question that recalls an earlier answer shows it as the placeholder instead (100
//! characters: "A year ago you wrote: …").

use serenity::all::{
    ActionRowComponent, CreateActionRow, CreateInputText, CreateModal, InputTextStyle,
    ModalInteractionData,
};

use super::LIMITS;
use crate::platform::fit::{fit, fit_title};
use crate::service::ids::FormPage;
use crate::service::reply::{Form, FormField, InputShape, Recalled};

/// Discord's longest modal title and input label.
const TITLE_LIMIT: usize = 45;
/// Discord's longest placeholder.
const PLACEHOLDER_LIMIT: usize = 100;

/// How many modals `form` takes.
pub fn page_count(form: &Form) -> usize {
    form.fields.len().div_ceil(LIMITS.form_inputs).max(1)
}

/// The page of `form` that shows field `index`.
pub fn page_of(index: usize) -> usize {
    index / LIMITS.form_inputs
}

/// The id of a form's page: the form alone when one modal holds it.
pub fn modal_id(form: &Form, page: usize) -> FormPage {
    let page = (page_count(form) > 1).then_some(page);
    FormPage {
        form: form.id,
        page,
    }
}

/// The modal for page `page` of `form`, inputs holding their kept values.
pub fn modal(form: &Form, page: usize) -> CreateModal {
    let pages = page_count(form);
    let mut title = form.title.clone();
    if pages > 1 {
        title = format!("({}/{pages}) {title}", page + 1);
    }
    let rows = form
        .fields
        .iter()
        .skip(page * LIMITS.form_inputs)
        .take(LIMITS.form_inputs)
        .map(|field| CreateActionRow::InputText(input(field)))
        .collect();
    let id = modal_id(form, page).to_string();
    CreateModal::new(id, fit_title(&title, TITLE_LIMIT)).components(rows)
}

/// What a field's input is labelled: its question when it fits, else the template's short
/// form, else the question shortened at a word; marked `⚠` when the last submit refused it.
fn label(field: &FormField) -> String {
    let mark = if field.error.is_some() { "⚠ " } else { "" };
    let room = TITLE_LIMIT - mark.chars().count();
    let text = match &field.short_label {
        _ if field.label.chars().count() <= room => field.label.as_str(),
        Some(short) => short.as_str(),
        None => field.label.as_str(),
    };
    format!("{mark}{}", fit(text, room))
}

fn input(field: &FormField) -> CreateInputText {
    let style = match field.input {
        InputShape::Number { .. } => InputTextStyle::Short,
        InputShape::Paragraph | InputShape::Lines => InputTextStyle::Paragraph,
    };
    let label = label(field);
    let limit = field.max_len.clamp(1, LIMITS.input_len) as u16;
    let shown = label.trim_start_matches("⚠ ");
    let mut input = CreateInputText::new(style, label.clone(), field.id.clone())
        .max_length(limit)
        .required(field.required);
    if let Some(recall) = &field.recall {
        input = input.placeholder(fit(&recalled(recall), PLACEHOLDER_LIMIT));
    } else if shown != field.label {
        input = input.placeholder(fit(&field.label, PLACEHOLDER_LIMIT));
    }
    if let Some(value) = field.value.as_deref().filter(|v| !v.is_empty()) {
        input = input.value(value.chars().take(LIMITS.input_len).collect::<String>());
    }
    input
}

/// The earlier answer a field recalls, on one line: the only text a modal shows beside an
/// input (its placeholder, seen while the input is empty), so it wins over the question's text.
fn recalled(recall: &Recalled) -> String {
    let text: Vec<&str> = recall.text.lines().map(str::trim).collect();
    format!("{} {}", recall.intro, text.join(" · "))
}

/// The (field id, text) pairs a modal submit carries.
pub fn submitted_values(data: &ModalInteractionData) -> Vec<(String, String)> {
    data.components
        .iter()
        .flat_map(|row| row.components.iter())
        .filter_map(|component| match component {
            ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::DeliveryId;
    use crate::service::ids::FormId;

    const FORM: FormId = FormId::Answer(DeliveryId(42));

    fn form(fields: usize) -> Form {
        Form {
            id: FORM,
            title: "Weekly".into(),
            fields: (0..fields)
                .map(|i| FormField {
                    id: format!("q{i}"),
                    label: format!("Question {i}"),
                    short_label: None,
                    input: InputShape::Paragraph,
                    max_len: 5000,
                    required: true,
                    value: None,
                    error: None,
                    recall: None,
                })
                .collect(),
        }
    }

    #[test]
    fn seven_questions_take_two_modals_and_five_take_one() {
        assert_eq!(page_count(&form(7)), 2);
        assert_eq!(page_count(&form(5)), 1);
        assert_eq!(modal_id(&form(5), 0).page, None);
        assert_eq!(modal_id(&form(7), 1).page, Some(1));
        assert_eq!(page_of(6), 1);
    }

    fn inputs_of(form: &Form) -> Vec<serde_json::Value> {
        let modal = serde_json::to_value(modal(form, 0)).unwrap();
        let rows = modal["components"].as_array().unwrap().clone();
        rows.iter().map(|r| r["components"][0].clone()).collect()
    }

    #[test]
    fn a_question_longer_than_a_label_shows_its_short_form_and_its_whole_text_as_placeholder() {
        let mut form = form(3);
        let long = "What will you focus on next week? One item per line.";
        form.fields[0].label = long.into();
        form.fields[0].short_label = Some("Your focus for next week".into());
        form.fields[1].label = long.into();
        form.fields[2].label = long.into();
        form.fields[2].short_label = Some("Your focus for next week".into());
        form.fields[2].error = Some("Please answer.".into());

        let inputs = inputs_of(&form);

        assert_eq!(inputs[0]["label"], "Your focus for next week");
        assert_eq!(inputs[0]["placeholder"], long);
        assert_eq!(
            inputs[1]["label"],
            "What will you focus on next week? One item…"
        );
        assert_eq!(inputs[1]["placeholder"], long);
        assert_eq!(inputs[2]["label"], "⚠ Your focus for next week");
        for input in &inputs {
            assert!(input["label"].as_str().unwrap().chars().count() <= TITLE_LIMIT);
        }
    }

    #[test]
    fn a_question_that_fits_is_its_own_label_without_a_placeholder() {
        let inputs = inputs_of(&form(1));

        assert_eq!(inputs[0]["label"], "Question 0");
        assert!(inputs[0].get("placeholder").is_none_or(|p| p.is_null()));
    }

    #[test]
    fn a_recall_is_the_placeholder_on_one_line_within_discords_limit() {
        let mut form = form(2);
        form.fields[0].label = "What will you focus on next week? One item per line.".into();
        form.fields[0].recall = Some(Recalled {
            intro: "A year ago you wrote:".into(),
            text: format!("Ship small\n{}", "word ".repeat(40)),
        });
        let inputs = inputs_of(&form);

        let placeholder = inputs[0]["placeholder"].as_str().unwrap();
        assert!(placeholder.starts_with("A year ago you wrote: Ship small · word"));
        assert!(
            placeholder.chars().count() <= PLACEHOLDER_LIMIT,
            "{placeholder}"
        );
        assert!(inputs[1].get("placeholder").is_none_or(|p| p.is_null()));
    }
}
