//! What Slack checks in Block Kit before it accepts a message or a view: at most 50 blocks in a
//! message and 100 in a modal; section texts up to 3,000 characters, headers 150, context
//! elements 10, actions 25, button texts 75; block and action ids up to 255; a modal's title,
//! submit and close texts up to 24, its private metadata 3,000 and callback id 255; an input's
//! label 2,000 and a `plain_text_input`'s lengths and initial value 3,000; placeholders 150.
//! Refusals read as Slack's: `[ERROR] <what> [json-pointer:<where>]`.

use serde_json::Value;

const MESSAGE_BLOCKS: usize = 50;
const MODAL_BLOCKS: usize = 100;
const SECTION_TEXT: usize = 3000;
const SECTION_FIELDS: usize = 10;
const FIELD_TEXT: usize = 2000;
const HEADER_TEXT: usize = 150;
const CONTEXT_ELEMENTS: usize = 10;
const ACTIONS: usize = 25;
const BUTTON_TEXT: usize = 75;
const BUTTON_VALUE: usize = 2000;
const ID: usize = 255;
const VIEW_TITLE: usize = 24;
const METADATA: usize = 3000;
const INPUT_LABEL: usize = 2000;
const INPUT_TEXT: usize = 3000;
const PLACEHOLDER: usize = 150;
/// The longest `text` of a message.
pub const MESSAGE_TEXT: usize = 40_000;

/// The problems found, each as Slack words it.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<String>);

impl Problems {
    fn at(&mut self, what: String, pointer: &str) {
        self.0
            .push(format!("[ERROR] {what} [json-pointer:{pointer}]"));
    }

    fn longer(&mut self, text: Option<&str>, max: usize, pointer: &str) {
        if text.is_some_and(|t| t.chars().count() > max) {
            self.at(format!("must be less than {} characters", max + 1), pointer);
        }
    }

    fn present(&mut self, text: Option<&str>, max: usize, pointer: &str) {
        match text {
            None | Some("") => self.at("must be more than 0 characters".into(), pointer),
            Some(_) => self.longer(text, max, pointer),
        }
    }

    fn items(&mut self, list: usize, max: usize, pointer: &str) {
        if list > max {
            self.at(format!("no more than {max} items allowed"), pointer);
        }
    }
}

/// Checks a message's `blocks` (a list, or the JSON text of one).
pub fn message(blocks: &Value, problems: &mut Problems) {
    let blocks = decoded(blocks);
    let list = blocks.as_array().cloned().unwrap_or_default();
    problems.items(list.len(), MESSAGE_BLOCKS, "/blocks");
    for (i, block) in list.iter().enumerate() {
        block_of(block, &format!("/blocks/{i}"), problems);
    }
}

/// Checks a view (`views.open`, `views.update`, `views.push`).
pub fn view(view: &Value, problems: &mut Problems) {
    let text = |key: &str| view[key]["text"].as_str();
    problems.present(text("title"), VIEW_TITLE, "/view/title/text");
    for key in ["submit", "close"] {
        if view.get(key).is_some() {
            problems.present(text(key), VIEW_TITLE, &format!("/view/{key}/text"));
        }
    }
    problems.longer(
        view["private_metadata"].as_str(),
        METADATA,
        "/view/private_metadata",
    );
    problems.longer(view["callback_id"].as_str(), ID, "/view/callback_id");
    let list = view["blocks"].as_array().cloned().unwrap_or_default();
    problems.items(list.len(), MODAL_BLOCKS, "/view/blocks");
    for (i, block) in list.iter().enumerate() {
        block_of(block, &format!("/view/blocks/{i}"), problems);
    }
}

/// Blocks sent as a JSON string are read as the list they encode.
pub fn decoded(blocks: &Value) -> Value {
    match blocks {
        Value::String(encoded) => serde_json::from_str(encoded).unwrap_or(Value::Null),
        other => other.clone(),
    }
}

fn block_of(block: &Value, at: &str, problems: &mut Problems) {
    problems.longer(block["block_id"].as_str(), ID, &format!("{at}/block_id"));
    match block["type"].as_str().unwrap_or_default() {
        "section" => section(block, at, problems),
        "header" => problems.present(
            block["text"]["text"].as_str(),
            HEADER_TEXT,
            &format!("{at}/text/text"),
        ),
        "context" => {
            let elements = block["elements"].as_array().map_or(0, Vec::len);
            problems.items(elements, CONTEXT_ELEMENTS, &format!("{at}/elements"));
        }
        "actions" => actions(block, at, problems),
        "input" => input(block, at, problems),
        "divider" | "image" | "rich_text" | "file" => {}
        other => problems.at(format!("unsupported type: {other}"), &format!("{at}/type")),
    }
}

fn section(block: &Value, at: &str, problems: &mut Problems) {
    let text = block["text"]["text"].as_str();
    let fields = block["fields"].as_array().cloned().unwrap_or_default();
    if text.is_none() && fields.is_empty() {
        problems.at("must provide either text or fields".into(), at);
    }
    if block.get("text").is_some() {
        problems.present(text, SECTION_TEXT, &format!("{at}/text/text"));
    }
    problems.items(fields.len(), SECTION_FIELDS, &format!("{at}/fields"));
    for (i, field) in fields.iter().enumerate() {
        problems.present(
            field["text"].as_str(),
            FIELD_TEXT,
            &format!("{at}/fields/{i}/text"),
        );
    }
    if block["accessory"]["type"] == "button" {
        button(&block["accessory"], &format!("{at}/accessory"), problems);
    }
}

fn actions(block: &Value, at: &str, problems: &mut Problems) {
    let elements = block["elements"].as_array().cloned().unwrap_or_default();
    problems.items(elements.len(), ACTIONS, &format!("{at}/elements"));
    for (i, element) in elements.iter().enumerate() {
        if element["type"] == "button" {
            button(element, &format!("{at}/elements/{i}"), problems);
        }
    }
}

fn button(button: &Value, at: &str, problems: &mut Problems) {
    problems.present(
        button["text"]["text"].as_str(),
        BUTTON_TEXT,
        &format!("{at}/text/text"),
    );
    problems.longer(button["action_id"].as_str(), ID, &format!("{at}/action_id"));
    problems.longer(
        button["value"].as_str(),
        BUTTON_VALUE,
        &format!("{at}/value"),
    );
}

fn input(block: &Value, at: &str, problems: &mut Problems) {
    problems.present(
        block["label"]["text"].as_str(),
        INPUT_LABEL,
        &format!("{at}/label/text"),
    );
    problems.longer(
        block["hint"]["text"].as_str(),
        INPUT_LABEL,
        &format!("{at}/hint/text"),
    );
    let element = &block["element"];
    let here = format!("{at}/element");
    problems.longer(
        element["action_id"].as_str(),
        ID,
        &format!("{here}/action_id"),
    );
    problems.longer(
        element["placeholder"]["text"].as_str(),
        PLACEHOLDER,
        &format!("{here}/placeholder/text"),
    );
    if element["type"] != "plain_text_input" {
        return;
    }
    for key in ["min_length", "max_length"] {
        if element[key]
            .as_u64()
            .is_some_and(|n| n as usize > INPUT_TEXT)
        {
            problems.at(
                format!("must be less than {}", INPUT_TEXT + 1),
                &format!("{here}/{key}"),
            );
        }
    }
    let initial = element["initial_value"].as_str();
    problems.longer(initial, INPUT_TEXT, &format!("{here}/initial_value"));
}
