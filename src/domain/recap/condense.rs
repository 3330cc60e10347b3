//! Condensing: answers (and list items) equal after normalising case, spaces and punctuation
//! merge into one line with a count and a date range; each author keeps the few lines given most
//! often, then most recently, and the rest are counted.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::post::{AuthorLines, Line};

/// `text` lowercased, punctuation dropped, runs of spaces made one: the key equal answers share.
pub fn normalise(text: &str) -> String {
    // Words are split at spaces and at punctuation other than `'`; within a word only letters
    // and digits are kept (so `don't` is `dont`); empty words are dropped.
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c != '\'' {
            gap = true;
        }
    }
    out
}

/// One item to condense: its author, date and text (borrowed from its answer).
pub(super) struct Item<'a> {
    pub author: Option<&'a str>,
    pub date: NaiveDate,
    pub text: &'a str,
}

/// A line being merged: the text as last written, how often, first and last dates.
struct Merging<'a> {
    text: &'a str,
    count: usize,
    first: NaiveDate,
    last: NaiveDate,
}

/// One author's lines so far, and where each normalised text sits among them.
type Author<'a> = (Option<&'a str>, Vec<Merging<'a>>, HashMap<String, usize>);

/// The items merged per author (by name, the unnamed last), each author's lines ranked by
/// count then recency, at most `max_lines` shown.
pub(super) fn condense(items: Vec<Item<'_>>, max_lines: usize) -> Vec<AuthorLines> {
    let mut authors: Vec<Author> = Vec::new();
    let mut index: HashMap<Option<&str>, usize> = HashMap::new();
    for item in items {
        let text = item.text.trim();
        if text.is_empty() {
            continue;
        }
        let slot = *index.entry(item.author).or_insert_with(|| {
            authors.push((item.author, Vec::new(), HashMap::new()));
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
                    line.text = text;
                }
            }
            None => {
                keys.insert(key, lines.len());
                lines.push(Merging {
                    text,
                    count: 1,
                    first: item.date,
                    last: item.date,
                });
            }
        }
    }
    // By name ignoring case, then as written; the unnamed last. Each name lowercased once.
    authors.sort_by_cached_key(|(author, _, _)| {
        (
            author.is_none(),
            author.map(|name| (name.to_lowercase(), name)),
        )
    });
    authors
        .into_iter()
        .map(|(author, mut lines, _)| {
            lines.sort_by(|a, b| b.count.cmp(&a.count).then(b.last.cmp(&a.last)));
            let more = lines.len().saturating_sub(max_lines);
            lines.truncate(max_lines);
            AuthorLines {
                author: author.map(str::to_string),
                lines: lines
                    .into_iter()
                    .map(|m| Line {
                        text: m.text.to_string(),
                        count: m.count,
                        first: m.first,
                        last: m.last,
                    })
                    .collect(),
                more,
            }
        })
        .collect()
}
