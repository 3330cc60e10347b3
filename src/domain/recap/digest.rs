//! A round's digest, posted when the round closes: its shared answers grouped by question
//! (anonymous ones without a name), and who has not answered, by display name (never a ping).

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::words::labels;
use super::{Entry, QuestionGroup};
use crate::domain::answer::AnswerValue;
use crate::domain::lang::Lang;
use crate::domain::template::QuestionKind;

/// One shared answer of the round; `author` is `None` for an anonymous one.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestAnswer {
    /// The question's id.
    pub question_id: String,
    /// The question's text in the team's language.
    pub question: String,
    /// Its kind.
    pub kind: QuestionKind,
    /// The stored value.
    pub value: String,
    /// The author's name, or `None` when anonymous.
    pub author: Option<String>,
}

/// A compiled round digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    /// The heading, e.g. `weekly · 2026-12-04`.
    pub title: String,
    /// The language it is written in.
    pub lang: Lang,
    /// The round's date.
    pub date: NaiveDate,
    /// Answers grouped by question, in the order given.
    pub questions: Vec<QuestionGroup>,
    /// Display names of those asked who did not answer.
    pub not_answered: Vec<String>,
    /// How many were asked.
    pub asked: usize,
}

/// Builds the digest of one round. `answers` come in question order.
pub fn build_digest(
    lang: Lang,
    name: &str,
    date: NaiveDate,
    answers: &[DigestAnswer],
    not_answered: Vec<String>,
    asked: usize,
) -> Digest {
    let mut questions: Vec<QuestionGroup> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for answer in answers {
        let at = *index.entry(&answer.question_id).or_insert_with(|| {
            questions.push(QuestionGroup {
                question_id: answer.question_id.clone(),
                question: answer.question.clone(),
                entries: Vec::new(),
            });
            questions.len() - 1
        });
        let (text, list) = match AnswerValue::from_storage(&answer.kind, &answer.value) {
            Ok(AnswerValue::List(items)) => (items.join("\n"), true),
            Ok(AnswerValue::Scale(point)) => (format!("{point}/5"), false),
            _ => (answer.value.clone(), false),
        };
        questions[at].entries.push(Entry {
            date,
            author: answer.author.clone(),
            text,
            list,
        });
    }
    let title = match lang {
        Lang::En => format!("Round digest: {name} · {date}"),
        Lang::Ko => format!("{name} 회고 모음 · {date}"),
    };
    Digest {
        title,
        lang,
        date,
        questions,
        not_answered,
        asked,
    }
}

impl Digest {
    /// The whole digest as Markdown.
    pub fn render(&self) -> String {
        let words = labels(self.lang);
        let mut out = format!("# {}\n\n", self.title);
        for group in &self.questions {
            let _ = writeln!(out, "## {}\n", group.question);
            for entry in &group.entries {
                let bullet = if entry.list { "- " } else { "" };
                for line in entry.text.lines() {
                    let _ = writeln!(out, "> {bullet}{line}");
                }
                let author = entry.author.as_deref().unwrap_or(words.anonymous);
                let _ = writeln!(out, ">\n> — {author}\n");
            }
        }
        out.push_str(&self.missing_line());
        out.push('\n');
        out
    }

    /// A few lines for the channel when the whole digest is too long for one message.
    pub fn summary(&self) -> String {
        let words = labels(self.lang);
        let mut out = format!("**{}**\n", self.title);
        for group in &self.questions {
            let count = group.entries.len();
            let _ = match self.lang {
                Lang::En => writeln!(out, "- {}: {count} answers", group.question),
                Lang::Ko => writeln!(out, "- {}: 답변 {count}개", group.question),
            };
        }
        out.push_str(&self.missing_line());
        let _ = write!(out, "\n{}", words.more_in_file);
        out
    }

    fn missing_line(&self) -> String {
        let words = labels(self.lang);
        if self.not_answered.is_empty() {
            return words.everyone_answered.to_string();
        }
        // Names as plain text, never `@mentions`.
        format!("{}: {}", words.not_answered, self.not_answered.join(", "))
    }
}
