//! `PUT /applications/{app}/commands` (and the guild variant): the command schema Discord
//! checks before it registers anything: names (1–32 characters, lowercase, letters, digits,
//! `-` `_` `'`), descriptions (1–100), at most 25 options and 25 choices, subcommands only in
//! groups, required options before optional ones, unique option names, and at most 4,000
//! characters of names, descriptions and choices per command in any one language.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::errors::{FormErrors, join};

const NAME: usize = 32;
const DESCRIPTION: usize = 100;
const OPTIONS: usize = 25;
const CHOICES: usize = 25;
const CHOICE_TEXT: usize = 100;
const COMMAND_SIZE: usize = 4000;
const SUBCOMMAND: u64 = 1;
const GROUP: u64 = 2;

/// Checks a bulk overwrite's body: the list of commands.
pub fn check(body: &Value) -> Result<(), super::errors::Refusal> {
    let mut errors = FormErrors::default();
    let commands = body.as_array().cloned().unwrap_or_default();
    for (i, command) in commands.iter().enumerate() {
        let at = vec![i.to_string()];
        name(&join(&at, &["name"]), command["name"].as_str(), &mut errors);
        let chat_input = command["type"].as_u64().unwrap_or(1) == 1;
        if chat_input {
            description(&at, command, &mut errors);
        }
        localizations(&at, command, &mut errors);
        options(&at, command, 0, &mut errors);
        let largest = size_by_locale(command).into_iter().max().unwrap_or(0);
        if largest > COMMAND_SIZE {
            errors.other(
                &at,
                "APPLICATION_COMMAND_TOO_LARGE",
                format!("Command exceeds maximum size ({COMMAND_SIZE})"),
            );
        }
    }
    errors.into_result()
}

fn name(at: &[String], name: Option<&str>, errors: &mut FormErrors) {
    let Some(name) = name else {
        errors.bad_length(at, 1, NAME);
        return;
    };
    let count = name.chars().count();
    let allowed = |c: char| c.is_alphanumeric() || "-_'".contains(c);
    let lowercase = name.chars().all(|c| c.to_lowercase().eq([c]));
    if count == 0 || count > NAME {
        errors.bad_length(at, 1, NAME);
    } else if !name.chars().all(allowed) || !lowercase {
        errors.other(
            at,
            "APPLICATION_COMMAND_INVALID_NAME",
            "Command name is invalid".into(),
        );
    }
}

fn description(at: &[String], item: &Value, errors: &mut FormErrors) {
    errors.length(
        &join(at, &["description"]),
        item["description"].as_str(),
        1,
        DESCRIPTION,
    );
}

fn localizations(at: &[String], item: &Value, errors: &mut FormErrors) {
    for (locale, text) in item["name_localizations"].as_object().into_iter().flatten() {
        name(
            &join(at, &["name_localizations", locale]),
            text.as_str(),
            errors,
        );
    }
    let descriptions = item["description_localizations"].as_object();
    for (locale, text) in descriptions.into_iter().flatten() {
        let where_ = join(at, &["description_localizations", locale]);
        errors.length(&where_, text.as_str(), 1, DESCRIPTION);
    }
}

/// Checks `item`'s options; `depth` 0 is the command, 1 a group or subcommand, 2 a subcommand
/// in a group.
fn options(at: &[String], item: &Value, depth: usize, errors: &mut FormErrors) {
    let Some(list) = item["options"].as_array() else {
        return;
    };
    if list.len() > OPTIONS {
        errors.bad_length(&join(at, &["options"]), 0, OPTIONS);
    }
    let mut names = HashSet::new();
    let mut optional_seen = false;
    for (i, option) in list.iter().enumerate() {
        let here = join(at, &["options", &i.to_string()]);
        let kind = option["type"].as_u64().unwrap_or(0);
        let option_name = option["name"].as_str();
        name(&join(&here, &["name"]), option_name, errors);
        description(&here, option, errors);
        localizations(&here, option, errors);
        if !names.insert(option_name.unwrap_or_default().to_string()) {
            errors.other(
                &join(&here, &["name"]),
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                "Option names must be unique within one list of options".into(),
            );
        }
        nesting(&here, item, kind, depth, errors);
        if kind != SUBCOMMAND && kind != GROUP {
            let required = option["required"].as_bool().unwrap_or(false);
            if required && optional_seen {
                errors.other(
                    &join(&here, &["required"]),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options".into(),
                );
            }
            optional_seen |= !required;
            choices(&here, option, errors);
        }
        options(&here, option, depth + 1, errors);
    }
}

/// Groups only at the top, subcommands only at the top or in a group, and nothing else beside
/// subcommands and groups.
fn nesting(at: &[String], parent: &Value, kind: u64, depth: usize, errors: &mut FormErrors) {
    let parent_kind = parent["type"].as_u64().unwrap_or(1);
    let in_group = depth == 1 && parent_kind == GROUP;
    let allowed = match kind {
        GROUP => depth == 0,
        SUBCOMMAND => depth == 0 || in_group,
        _ => !in_group && (depth == 0 || parent_kind == SUBCOMMAND),
    };
    let siblings: Vec<u64> = parent["options"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| o["type"].as_u64().unwrap_or(0))
        .collect();
    let mixed = siblings.iter().any(|k| *k == SUBCOMMAND || *k == GROUP)
        && siblings.iter().any(|k| *k != SUBCOMMAND && *k != GROUP);
    if !allowed || mixed {
        errors.other(
            &join(at, &["type"]),
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Sub-command and sub-command group option types are mutually exclusive to all other types".into(),
        );
    }
}

fn choices(at: &[String], option: &Value, errors: &mut FormErrors) {
    let Some(choices) = option["choices"].as_array() else {
        return;
    };
    if choices.len() > CHOICES {
        errors.bad_length(&join(at, &["choices"]), 0, CHOICES);
    }
    for (i, choice) in choices.iter().enumerate() {
        let here = join(at, &["choices", &i.to_string()]);
        errors.length(
            &join(&here, &["name"]),
            choice["name"].as_str(),
            1,
            CHOICE_TEXT,
        );
        if let Some(value) = choice["value"].as_str() {
            errors.length(&join(&here, &["value"]), Some(value), 1, CHOICE_TEXT);
        }
    }
}

/// The characters of names, descriptions and choices of `command`, in the default language and
/// in each language it is localized to (a localized text counts instead of the default one).
fn size_by_locale(command: &Value) -> Vec<usize> {
    let mut locales = BTreeSet::new();
    collect_locales(command, &mut locales);
    let mut sizes = vec![size(command, None)];
    sizes.extend(locales.iter().map(|l| size(command, Some(l))));
    sizes
}

fn collect_locales(item: &Value, locales: &mut BTreeSet<String>) {
    for key in ["name_localizations", "description_localizations"] {
        locales.extend(
            item[key]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(l, _)| l.clone()),
        );
    }
    for child in item["options"].as_array().into_iter().flatten() {
        collect_locales(child, locales);
    }
    for choice in item["choices"].as_array().into_iter().flatten() {
        collect_locales(choice, locales);
    }
}

fn size(item: &Value, locale: Option<&str>) -> usize {
    let text = |key: &str| {
        let localized = locale.and_then(|l| item[format!("{key}_localizations")][l].as_str());
        localized
            .or(item[key].as_str())
            .map_or(0, |t| t.chars().count())
    };
    let value = item["value"].as_str().map_or(0, |v| v.chars().count());
    let children: usize = ["options", "choices"]
        .iter()
        .flat_map(|key| item[*key].as_array().into_iter().flatten())
        .map(|child| size(child, locale))
        .sum();
    text("name") + text("description") + value + children
}
