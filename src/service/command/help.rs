//! One help line per command (usage and purpose) in every language, and the help texts built
//! from them. Usages and examples are the same in every language; purposes are catalog ids.

use crate::domain::lang::Lang;
use crate::service::i18n::t;

pub use super::help_entries::{ENTRIES, HelpEntry};
use super::values::nearest;

/// Topics that stand for several entries (`help schedule` lists every `schedule …` line).
const GROUPS: &[&str] = &["schedule", "milestone", "capsule", "mandalart"];

fn matches(entry: &HelpEntry, topic: &str) -> bool {
    entry.topic == topic
        || (GROUPS.contains(&topic)
            && entry
                .topic
                .strip_prefix(topic)
                .is_some_and(|rest| rest.starts_with(' ')))
}

/// The entries a topic covers: one for a command, several for a group such as `schedule`.
pub fn entries(topic: &str) -> impl Iterator<Item = &'static HelpEntry> {
    let topic = normalize(topic);
    ENTRIES.iter().filter(move |e| matches(e, &topic))
}

fn normalize(topic: &str) -> String {
    let words: Vec<&str> = topic.split_whitespace().collect();
    let words = match words.first() {
        Some(first) if matches!(*first, "/hoego" | "hoego") => &words[1..],
        _ => &words[..],
    };
    words.join(" ").to_lowercase()
}

/// The canonical spelling of a known topic (`Schedule  Add` → `schedule add`).
pub fn find_topic(topic: &str) -> Option<&'static str> {
    let topic = normalize(topic);
    let group = GROUPS.iter().find(|&&g| g == topic);
    let entry = ENTRIES.iter().find(|e| e.topic == topic).map(|e| &e.topic);
    entry.or(group).copied()
}

/// The topic nearest to a misspelt one (`recpa` → `recap`, `schedule ad` → `schedule add`).
pub fn nearest_topic(topic: &str) -> Option<&'static str> {
    let topics: Vec<&'static str> = ENTRIES
        .iter()
        .map(|e| e.topic)
        .chain(GROUPS.iter().copied())
        .collect();
    nearest(&normalize(topic), &topics)
}

/// A command that works for a topic (the first entry's, for a group), in `lang`.
pub fn example(topic: &str, lang: Lang) -> Option<String> {
    entries(topic).next().map(|e| example_in(e, lang))
}

/// An entry's example in `lang`: the same command, with its free text (a note, a milestone's
/// words) from the catalog's `[help.examples]` where it has any.
pub fn example_in(entry: &HelpEntry, lang: Lang) -> String {
    let id = format!("help.examples.{}", entry.topic.replace(' ', "_"));
    match crate::service::i18n::catalog().get(lang, &id) {
        Some(text) => text.to_string(),
        None => entry.example.to_string(),
    }
}

/// The help line of one entry: `` `usage` — purpose``.
pub fn help_line(lang: Lang, entry: &HelpEntry) -> String {
    format!("`{}` — {}", entry.usage, t(lang, entry.purpose, &[]))
}

/// The help lines of a topic (none for an unknown topic).
pub fn help_lines(lang: Lang, topic: &str) -> Vec<String> {
    entries(topic).map(|e| help_line(lang, e)).collect()
}

/// The whole help (`None`), or the help of one topic with an example per command. An unknown
/// topic says so, suggests the nearest one, and shows the whole help.
pub fn help_text(lang: Lang, topic: Option<&str>) -> String {
    let Some(topic) = topic.filter(|t| !t.trim().is_empty()) else {
        return overview(lang);
    };
    let found: Vec<&HelpEntry> = entries(topic).collect();
    if found.is_empty() {
        let mut lines = vec![t(lang, "help.no_topic", &[("topic", topic.trim())])];
        if let Some(near) = nearest_topic(topic) {
            lines.push(t(lang, "error.did_you_mean", &[("suggestion", near)]));
        }
        lines.push(String::new());
        lines.push(overview(lang));
        return lines.join("\n");
    }
    let mut lines = Vec::new();
    for entry in found {
        lines.push(help_line(lang, entry));
        lines.push(format!(
            "    {}",
            t(
                lang,
                "help.example",
                &[("example", &example_in(entry, lang))]
            )
        ));
    }
    lines.join("\n")
}

/// Every help line, between a header and a footer.
fn overview(lang: Lang) -> String {
    let mut lines = vec![t(lang, "help.header", &[])];
    lines.extend(ENTRIES.iter().map(|e| format!("• {}", help_line(lang, e))));
    lines.push(t(lang, "help.footer", &[]));
    lines.join("\n")
}
