//! Condensing: answers (and list items) equal after normalising case, spaces and punctuation
//! merge into one line with a count and a date range; each author keeps the few lines given most
//! often, then most recently, and the rest are counted.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::post::{AuthorLines, Line};

/// `text` lowercased, punctuation dropped, runs of spaces made one: the key equal answers share.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || (!c.is_alphanumeric() && c != '\''))
        .filter(|w| !w.is_empty())
    {
        let word: String = word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// One item to condense: its author, date and text.
pub(super) struct Item {
    pub author: Option<String>,
    pub date: NaiveDate,
    pub text: String,
}

/// One author's lines so far, and where each normalised text sits among them.
type Author = (Option<String>, Vec<Line>, HashMap<String, usize>);

/// The items merged per author (by name, the unnamed last), each author's lines ranked by
/// count then recency, at most `max_lines` shown.
pub(super) fn condense(items: Vec<Item>, max_lines: usize) -> Vec<AuthorLines> {
    let mut authors: Vec<Author> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for item in items {
        let text = item.text.trim();
        if text.is_empty() {
            continue;
        }
        let slot = *index.entry(item.author.clone()).or_insert_with(|| {
            authors.push((item.author.clone(), Vec::new(), HashMap::new()));
            authors.len() - 1
        });
        let (_, lines, keys) = &mut authors[slot];
        let key = match normalise(text) {
            key if key.is_empty() => text.to_string(),
            key => key,
        };
        match keys.get(&key) {
            Some(&at) => {
                let line = &mut lines[at];
                line.count += 1;
                line.first = line.first.min(item.date);
                if item.date >= line.last {
                    line.last = item.date;
                    line.text = text.to_string();
                }
            }
            None => {
                keys.insert(key, lines.len());
                lines.push(Line {
                    text: text.to_string(),
                    count: 1,
                    first: item.date,
                    last: item.date,
                });
            }
        }
    }
    authors.sort_by(|a, b| match (&a.0, &b.0) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(x), Some(y)) => x.to_lowercase().cmp(&y.to_lowercase()).then(x.cmp(y)),
    });
    authors
        .into_iter()
        .map(|(author, mut lines, _)| {
            lines.sort_by(|a, b| b.count.cmp(&a.count).then(b.last.cmp(&a.last)));
            let more = lines.len().saturating_sub(max_lines);
            lines.truncate(max_lines);
            AuthorLines {
                author,
                lines,
                more,
            }
        })
        .collect()
}
