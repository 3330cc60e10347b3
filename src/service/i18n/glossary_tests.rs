//! The catalogs and the built-in templates use the glossary's words: `docs/glossary.md` lists,
//! for each concept, the words that must not stand in for it, and these tests fail on any of
//! them in a catalog text or a template text of that language.

use super::catalog;
use crate::domain::lang::Lang;

/// The glossary, as shipped.
const GLOSSARY: &str = include_str!("../../../docs/glossary.md");

/// Catalog ids whose texts are words a member may type, not words hoego writes.
const TYPED: [&str; 2] = ["follow_up.typed.", "console.yes_words"];

/// The words that must not appear in `lang`'s texts, each with its concept: the backquoted
/// words in the table rows' "never in English" (fourth) or "never in Korean" (fifth) column.
fn banned(glossary: &str, lang: Lang) -> Vec<(String, String)> {
    let column = match lang {
        Lang::En => 4,
        Lang::Ko => 5,
    };
    let mut words = Vec::new();
    for line in glossary.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // `| a | b | c | d | e |` splits into 7 cells, the first and last empty.
        let (Some(concept), Some(cell)) = (cells.get(1), cells.get(column)) else {
            continue;
        };
        for (at, part) in cell.split('`').enumerate() {
            if at % 2 == 1 && !part.is_empty() {
                words.push((part.to_string(), concept.to_string()));
            }
        }
    }
    words
}

/// Every text of a built-in template in `lang`: the values of its `en` / `ko` keys.
fn template_texts(lang: Lang) -> Vec<(String, String)> {
    let key = lang.code();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/templates");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("config/templates is readable") {
        let path = entry.expect("a directory entry").path();
        let source = std::fs::read_to_string(&path).expect("a readable template");
        let value: toml::Value = toml::from_str(&source).expect("a valid template");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        collect(&value, key, &name, &mut texts);
    }
    texts
}

fn collect(value: &toml::Value, key: &str, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::Table(table) => {
            for (name, inner) in table {
                match inner {
                    toml::Value::String(text) if name == key => {
                        out.push((at.to_string(), text.clone()));
                    }
                    _ => collect(inner, key, &format!("{at}.{name}"), out),
                }
            }
        }
        toml::Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                collect(item, key, &format!("{at}[{n}]"), out);
            }
        }
        _ => {}
    }
}

/// `(where, word, concept)` for each banned word found in `texts`.
fn offences(texts: &[(String, String)], banned: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (place, text) in texts {
        let lower = text.to_lowercase();
        for (word, concept) in banned {
            if lower.contains(&word.to_lowercase()) {
                found.push(format!("{place}: `{word}` (the glossary says {concept})"));
            }
        }
    }
    found
}

fn catalog_texts(lang: Lang) -> Vec<(String, String)> {
    let catalog = catalog();
    catalog
        .ids(lang)
        .into_iter()
        .filter(|id| !TYPED.iter().any(|typed| id.starts_with(typed)))
        .map(|id| {
            (
                id.to_string(),
                catalog.get(lang, id).unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_glossary_lists_words_to_avoid_in_both_languages() {
    let (en, ko) = (banned(GLOSSARY, Lang::En), banned(GLOSSARY, Lang::Ko));
    assert!(en.iter().any(|(w, _)| w == "turning point"), "{en:?}");
    assert!(ko.iter().any(|(w, _)| w == "구성원"), "{ko:?}");
    assert!(ko.iter().any(|(w, _)| w == "드리"), "{ko:?}");
    assert!(!ko.iter().any(|(w, _)| w == "turning point"), "{ko:?}");
}

#[test]
fn the_catalogs_and_templates_use_only_the_glossarys_words() {
    let mut found = Vec::new();
    for lang in [Lang::En, Lang::Ko] {
        let words = banned(GLOSSARY, lang);
        found.extend(offences(&catalog_texts(lang), &words));
        found.extend(offences(&template_texts(lang), &words));
    }
    assert!(
        found.is_empty(),
        "words docs/glossary.md rules out: {found:#?}"
    );
}

#[test]
fn a_banned_word_in_a_text_is_found_with_its_concept() {
    let words = banned(
        "| concept | en | ko | never en | never ko |\n|---|---|---|---|---|\n\
         | member | member | 멤버 | | `구성원`, `팀원` |\n",
        Lang::Ko,
    );
    let texts = [("a.b".to_string(), "팀원에게 물어봐요".to_string())];
    assert_eq!(
        offences(&texts, &words),
        vec!["a.b: `팀원` (the glossary says member)".to_string()]
    );
}
