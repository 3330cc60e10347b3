//! The check of a model's reply: JSON sentences, each citing the ids of the items it rests on.
//! A sentence that cites nothing, cites an id that was not sent (or an item of another period),
//! or states a number none of its cited items holds is dropped and counted; a reply that is not
//! the JSON asked for, is not in the reader's language, or keeps no sentence fails whole.

use serde::Serialize;
use serde_json::Value;

use super::SummaryInput;
use super::numbers::numbers;
use crate::domain::lang::Lang;

/// Most sentences kept for one period or for the span; the rest are not shown.
pub const MAX_SENTENCES: usize = 6;
/// Longest sentence kept, in characters.
pub const MAX_SENTENCE_CHARS: usize = 600;

/// One sentence kept, with the ids it cites (in the order given, without repeats).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Sentence {
    /// What it says.
    pub text: String,
    /// The ids of the items it rests on.
    pub cites: Vec<String>,
}

/// Sentences dropped by the check, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Dropped {
    /// Cited no item.
    pub uncited: usize,
    /// Cited an id that was not in the request, or an item of another period.
    pub unknown: usize,
    /// Stated a number that none of its cited items holds.
    pub numbers: usize,
    /// Were empty, too long, or past the number kept for their section.
    pub other: usize,
}

impl Dropped {
    /// All sentences dropped.
    pub fn total(&self) -> usize {
        self.uncited + self.unknown + self.numbers + self.other
    }
}

/// A reply that passed: the span's sentences, each period's, and what was dropped.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Checked {
    /// Sentences about the whole span.
    pub span: Vec<Sentence>,
    /// Sentences per period (numbered from 1), in period order; periods without any left out.
    pub periods: Vec<(usize, Vec<Sentence>)>,
    /// What the check dropped.
    pub dropped: Dropped,
}

impl Checked {
    /// Every kept sentence, the span's first.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.span
            .iter()
            .chain(self.periods.iter().flat_map(|(_, s)| s))
    }
}

/// Why a reply was not used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Not the JSON asked for.
    Malformed(String),
    /// Not written in the reader's language.
    WrongLanguage,
    /// Every sentence was dropped.
    AllDropped(Dropped),
}

/// Checks `content` (the model's message) against the `input` it was written from; `numerals`
/// are the number words of the reader's language (lowercase word, value).
pub fn check(
    input: &SummaryInput,
    content: &str,
    numerals: &[(String, u32)],
) -> Result<Checked, Failure> {
    let value: Value = serde_json::from_str(unfenced(content))
        .map_err(|e| Failure::Malformed(format!("not JSON: {e}")))?;
    let Some(object) = value.as_object() else {
        return Err(Failure::Malformed("not a JSON object".into()));
    };
    let span = object.get("span").map(sentences).transpose()?;
    let mut periods = Vec::new();
    if let Some(list) = object.get("periods") {
        let list = list
            .as_array()
            .ok_or_else(|| Failure::Malformed("`periods` is not a list".into()))?;
        for entry in list {
            let n = entry.get("period").and_then(Value::as_u64);
            let n = n.ok_or_else(|| Failure::Malformed("a period without its number".into()))?;
            let given = entry.get("sentences").map(sentences).transpose()?;
            periods.push((n as usize, given.unwrap_or_default()));
        }
    }
    let span = span.unwrap_or_default();
    let all = span.iter().chain(periods.iter().flat_map(|(_, s)| s));
    if !in_language(all.map(|s| s.text.as_str()), input.lang) {
        return Err(Failure::WrongLanguage);
    }
    let mut dropped = Dropped::default();
    let span = keep(input, None, span, numerals, &mut dropped);
    let mut kept = Vec::new();
    for (n, given) in periods {
        let valid = (1..=input.periods.len()).contains(&n);
        let sentences = keep(input, valid.then_some(n), given, numerals, &mut dropped);
        if !valid {
            continue;
        }
        if !sentences.is_empty() {
            kept.push((n, sentences));
        }
    }
    kept.sort_by_key(|(n, _)| *n);
    if span.is_empty() && kept.is_empty() {
        return Err(Failure::AllDropped(dropped));
    }
    Ok(Checked {
        span,
        periods: kept,
        dropped,
    })
}

/// The reply without a Markdown code fence around it.
fn unfenced(content: &str) -> &str {
    let trimmed = content.trim();
    let Some(rest) = trimmed.strip_prefix("```") else {
        return trimmed;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    rest.strip_suffix("```").unwrap_or(rest).trim()
}

/// Sentences as given: `[{"text": …, "cites": [ids]}]`.
fn sentences(value: &Value) -> Result<Vec<Sentence>, Failure> {
    let list = value
        .as_array()
        .ok_or_else(|| Failure::Malformed("sentences are not a list".into()))?;
    list.iter()
        .map(|entry| {
            let text = entry.get("text").and_then(Value::as_str);
            let text = text.ok_or_else(|| Failure::Malformed("a sentence without text".into()))?;
            let mut cites: Vec<String> = Vec::new();
            for id in entry
                .get("cites")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let id = id.as_str().map(|s| s.trim().to_string());
                let id = id.ok_or_else(|| Failure::Malformed("a cited id is not text".into()))?;
                if !cites.contains(&id) {
                    cites.push(id);
                }
            }
            Ok(Sentence {
                text: text.trim().to_string(),
                cites,
            })
        })
        .collect()
}

/// The sentences of one section that pass, counting the others into `dropped`. `period` is the
/// section's period; `None` for the span, or for a period that does not exist (nothing kept).
fn keep(
    input: &SummaryInput,
    period: Option<usize>,
    given: Vec<Sentence>,
    numerals: &[(String, u32)],
    dropped: &mut Dropped,
) -> Vec<Sentence> {
    let mut kept = Vec::new();
    for sentence in given {
        let items: Vec<_> = sentence.cites.iter().map(|id| input.item(id)).collect();
        let fits =
            |item: &super::Item| period.is_none() || item.period.is_none_or(|p| Some(p) == period);
        if sentence.cites.is_empty() {
            dropped.uncited += 1;
        } else if items.iter().any(|item| !item.is_some_and(fits)) {
            dropped.unknown += 1;
        } else if !numbers(&sentence.text, numerals).is_subset(&cited_numbers(&items, numerals)) {
            dropped.numbers += 1;
        } else if sentence.text.is_empty()
            || sentence.text.chars().count() > MAX_SENTENCE_CHARS
            || kept.len() == MAX_SENTENCES
        {
            dropped.other += 1;
        } else {
            kept.push(sentence);
        }
    }
    kept
}

fn cited_numbers(
    items: &[Option<&super::Item>],
    numerals: &[(String, u32)],
) -> std::collections::BTreeSet<String> {
    items
        .iter()
        .flatten()
        .flat_map(|item| numbers(&item.text, numerals))
        .collect()
}

/// Whether the texts are written in `lang`: Korean when at least half of their letters are
/// Hangul, English when at most a tenth are (names and quoted words in the other script pass).
pub fn in_language<'a>(texts: impl Iterator<Item = &'a str>, lang: Lang) -> bool {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for c in texts.flat_map(str::chars).filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
        {
            hangul += 1;
        }
    }
    match lang {
        Lang::Ko => hangul * 2 >= letters && hangul > 0,
        Lang::En => hangul * 10 <= letters,
    }
}
