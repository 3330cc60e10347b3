//! Which question a note's heading (or a CSV's question cell) answers: the question's id or its
//! text in either language, compared without case, emphasis, numbering or closing punctuation;
//! other headings through the mapping file (`hoego-import.toml`, `[headings]`).

use std::collections::{BTreeMap, HashMap};

use crate::domain::template::{QuestionId, Template};

/// The name of the mapping file an import folder may hold.
pub const MAPPING_FILE: &str = "hoego-import.toml";

/// Headings and the questions they answer, for one template.
#[derive(Debug, Clone)]
pub struct HeadingMap {
    by_heading: HashMap<String, QuestionId>,
    known: Vec<String>,
}

/// The mapping file's content.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    /// Heading → question id.
    #[serde(default)]
    pub headings: BTreeMap<String, String>,
}

impl MappingFile {
    /// Reads a mapping file's TOML; the error is the TOML parser's message.
    pub fn parse(text: &str) -> Result<MappingFile, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

impl HeadingMap {
    /// The headings `template` answers to, plus `mapping`'s; a mapping to a question the
    /// template does not ask is refused with that heading. A `capsule = true` question is never
    /// a heading's: its answers are sealed letters, not notes to import.
    pub fn new(template: &Template, mapping: &MappingFile) -> Result<HeadingMap, String> {
        let mut map = HeadingMap {
            by_heading: HashMap::new(),
            known: Vec::new(),
        };
        for question in template.questions.iter().filter(|q| !q.capsule) {
            let id = question.id.clone();
            map.known.push(id.to_string());
            map.add(id.as_str(), &id);
            map.add(&id.as_str().replace('-', " "), &id);
            for text in [&question.text.en, &question.text.ko] {
                if !text.contains('{') {
                    map.add(text, &id);
                }
            }
        }
        for (heading, target) in &mapping.headings {
            let question = template
                .questions
                .iter()
                .find(|q| q.id.as_str() == target && !q.capsule)
                .ok_or_else(|| format!("{heading:?} = {target:?}"))?;
            map.add(heading, &question.id);
            map.known.push(heading.clone());
        }
        Ok(map)
    }

    fn add(&mut self, heading: &str, id: &QuestionId) {
        let key = normalize(heading);
        if !key.is_empty() {
            self.by_heading.entry(key).or_insert_with(|| id.clone());
        }
    }

    /// The question a heading names, if any.
    pub fn question(&self, heading: &str) -> Option<&QuestionId> {
        self.by_heading.get(&normalize(heading))
    }

    /// Headings that work, for messages: each question's id, then the mapping file's.
    pub fn known(&self) -> &[String] {
        &self.known
    }
}

/// A heading as compared: without emphasis marks, a leading number, symbols or emoji at either
/// end, in lower case with single spaces.
pub fn normalize(heading: &str) -> String {
    let text: String = heading
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let text = text.trim();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let text = if digits > 0 && text[digits..].starts_with(['.', ')']) {
        &text[digits + 1..]
    } else {
        text
    };
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
