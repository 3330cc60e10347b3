//! The `/hoego` command tree in every language hoego speaks: each command's, option's and
//! choice's description (and for Korean its name) from the catalogs' `[slash]` section, so a
//! Korean Discord client shows `/회고 답변` and Korean help under every option.
//!
//! Entries are keyed by the path of English names: `hoego schedule add` is the command,
//! `hoego schedule add tz` its option, `hoego schedule add digest by-question` a choice.

use crate::domain::lang::Lang;
use crate::service::i18n::catalog;

use super::{Data, Error};

/// The Discord locale each non-default language is registered under.
const LOCALES: [(Lang, &str); 1] = [(Lang::Ko, "ko")];

/// A command of the tree.
type Command = poise::Command<Data, Error>;

/// Sets every description of `command` and its subcommands from the English catalog, and adds
/// the names and descriptions of the other languages. A text missing from a catalog leaves
/// the code's own (the catalog tests make sure none is missing).
pub fn localize(command: &mut Command) {
    let path = command.name.to_string();
    localize_at(command, &path);
}

fn localize_at(command: &mut Command, path: &str) {
    if let Some(about) = text(Lang::En, "about", path) {
        command.description = Some(about.into());
    }
    for (lang, locale) in LOCALES {
        if let Some(name) = text(lang, "name", path) {
            command
                .name_localizations
                .to_mut()
                .push((locale.into(), name.into()));
        }
        if let Some(about) = text(lang, "about", path) {
            let localized = (locale.into(), about.into());
            command.description_localizations.to_mut().push(localized);
        }
    }
    for parameter in &mut command.parameters {
        let here = format!("{path} {}", parameter.name);
        if let Some(about) = text(Lang::En, "about", &here) {
            parameter.description = Some(about.into());
        }
        for (lang, locale) in LOCALES {
            if let Some(name) = text(lang, "name", &here) {
                let localized = (locale.into(), name.into());
                parameter.name_localizations.to_mut().push(localized);
            }
            if let Some(about) = text(lang, "about", &here) {
                let localized = (locale.into(), about.into());
                parameter.description_localizations.to_mut().push(localized);
            }
            for choice in parameter.choices.to_mut() {
                let key = format!("{here} {}", choice.name);
                if let Some(label) = text(lang, "choice", &key) {
                    choice
                        .localizations
                        .to_mut()
                        .push((locale.into(), label.into()));
                }
            }
        }
    }
    for sub in &mut command.subcommands {
        let here = format!("{path} {}", sub.name);
        localize_at(sub, &here);
    }
}

/// The catalog's `slash.<kind>.<path>` text in `lang`, if it has one.
fn text(lang: Lang, kind: &str, path: &str) -> Option<String> {
    catalog()
        .get(lang, &format!("slash.{kind}.{path}"))
        .map(str::to_string)
}

/// Every path of the tree with what it is: (`name`/`about`/`choice`, path), for the tests.
#[cfg(test)]
pub fn paths(command: &Command) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    collect(command, command.name.to_string(), &mut found);
    found
}

#[cfg(test)]
fn collect(command: &Command, path: String, found: &mut Vec<(&'static str, String)>) {
    found.push(("name", path.clone()));
    found.push(("about", path.clone()));
    for parameter in &command.parameters {
        let here = format!("{path} {}", parameter.name);
        found.push(("name", here.clone()));
        found.push(("about", here.clone()));
        for choice in parameter.choices.iter() {
            found.push(("choice", format!("{here} {}", choice.name)));
        }
    }
    for sub in &command.subcommands {
        collect(sub, format!("{path} {}", sub.name), found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_option_and_choice_has_its_texts_in_every_catalog() {
        let tree = super::super::commands::hoego();
        let paths = paths(&tree);
        assert!(
            paths.len() > 100,
            "only {} paths: is the walk broken?",
            paths.len()
        );
        let mut missing = Vec::new();
        for (kind, path) in &paths {
            for lang in Lang::ALL {
                if text(lang, kind, path).is_none() {
                    missing.push(format!("{lang}: slash.{kind}.{path}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "missing from the catalogs: {missing:#?}"
        );
    }

    #[test]
    fn the_english_names_in_the_catalog_are_the_commands_own() {
        let tree = super::super::commands::hoego();
        for (kind, path) in paths(&tree).iter().filter(|(kind, _)| *kind != "about") {
            let last = path.rsplit(' ').next().unwrap_or_default();
            let english = text(Lang::En, kind, path).unwrap_or_default();
            if *kind == "name" {
                assert_eq!(english, last, "slash.name.{path}");
            } else {
                assert!(!english.is_empty(), "slash.choice.{path}");
            }
        }
    }

    #[test]
    fn no_catalog_entry_names_a_path_the_tree_lacks() {
        let tree = super::super::commands::hoego();
        let known: Vec<String> = paths(&tree)
            .into_iter()
            .map(|(kind, path)| format!("slash.{kind}.{path}"))
            .collect();
        for lang in Lang::ALL {
            for id in catalog().ids(lang) {
                if id.starts_with("slash.") {
                    assert!(
                        known.iter().any(|k| k == id),
                        "{lang}: {id} is not in the tree"
                    );
                }
            }
        }
    }
}
