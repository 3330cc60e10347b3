//! A round's digest, posted when the round closes: its shared answers grouped by question or,
//! per schedule, by member (anonymous ones without a name, and in by-member digests in their own
//! section grouped by question, never under their author), and who has not answered, by display
//! name (never a ping).

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write};
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::inert::inert;
use super::labels::{RecapWords, fill};
use super::quote::{QuestionGroup, Quote as Entry};
use crate::domain::answer::AnswerValue;
use crate::domain::lang::Lang;
use crate::domain::template::QuestionKind;

/// How a schedule's digest is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DigestGrouping {
    /// Each question with everyone's answers to it (the default).
    #[default]
    Question,
    /// Each member who answered with their named answers; anonymous answers apart, by question.
    Member,
}

impl DigestGrouping {
    /// The stored word (`question`, `member`).
    pub fn as_str(self) -> &'static str {
        match self {
            DigestGrouping::Question => "question",
            DigestGrouping::Member => "member",
        }
    }
}

impl fmt::Display for DigestGrouping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DigestGrouping {
    type Err = ();

    fn from_str(word: &str) -> Result<Self, ()> {
        match word {
            "question" => Ok(DigestGrouping::Question),
            "member" => Ok(DigestGrouping::Member),
            _ => Err(()),
        }
    }
}

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
    /// The words it is written with.
    #[serde(skip)]
    pub words: &'static RecapWords,
    /// The round's date.
    pub date: NaiveDate,
    /// How it is rendered: by question or by member.
    pub grouping: DigestGrouping,
    /// Answers grouped by question, in the order given (whatever the grouping).
    pub questions: Vec<QuestionGroup>,
    /// Display names of those asked who did not answer.
    pub not_answered: Vec<String>,
    /// How many were asked.
    pub asked: usize,
    /// Why some anonymous answers are not shown (the anonymity threshold), one line each.
    pub withheld: Vec<String>,
}

/// Builds the digest of one round in the language of `words`; `day` is the round's date in
/// that language. `answers` come in question order.
#[allow(clippy::too_many_arguments)]
pub fn build_digest(
    words: &'static RecapWords,
    name: &str,
    date: NaiveDate,
    day: &str,
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
            Ok(AnswerValue::Grid(grid)) => (grid.outline().join("\n"), true),
            _ => (answer.value.clone(), false),
        };
        questions[at].entries.push(Entry {
            date,
            author: answer.author.clone(),
            text,
            list,
        });
    }
    let title = fill(&words.labels.digest_title, &[("name", name), ("date", day)]);
    Digest {
        title,
        lang: words.lang,
        words,
        date,
        grouping: DigestGrouping::Question,
        questions,
        not_answered,
        asked,
        withheld: Vec::new(),
    }
}

/// One named member's answers in a by-member digest: `(question, entry)` in question order.
type MemberAnswers<'a> = Vec<(&'a str, &'a Entry)>;

impl Digest {
    /// The same digest grouped as `grouping` says.
    pub fn grouped_by(mut self, grouping: DigestGrouping) -> Digest {
        self.grouping = grouping;
        self
    }

    /// The whole digest as Markdown.
    pub fn render(&self) -> String {
        let words = &self.words.labels;
        let mut out = format!("# {}\n\n", self.title);
        match self.grouping {
            DigestGrouping::Question => {
                for group in &self.questions {
                    let _ = writeln!(out, "## {}\n", group.question);
                    for entry in &group.entries {
                        quote(&mut out, entry);
                        let author = entry.author.as_deref().unwrap_or(&words.anonymous);
                        let _ = writeln!(out, ">\n> — {author}\n");
                    }
                }
            }
            DigestGrouping::Member => {
                let (members, anonymous) = self.by_member();
                for (member, answers) in &members {
                    let _ = writeln!(out, "## {member}\n");
                    for (question, entry) in answers {
                        let _ = writeln!(out, "### {question}\n");
                        quote(&mut out, entry);
                        out.push('\n');
                    }
                }
                if !anonymous.is_empty() {
                    let _ = writeln!(out, "## {}\n", words.anonymous_heading);
                    for group in &anonymous {
                        let _ = writeln!(out, "### {}\n", group.question);
                        for entry in &group.entries {
                            quote(&mut out, entry);
                            out.push('\n');
                        }
                    }
                }
            }
        }
        for note in &self.withheld {
            let _ = writeln!(out, "_{note}_\n");
        }
        out.push_str(&self.missing_line());
        out.push('\n');
        out
    }

    /// Named answers by member (by name, each in question order), and the anonymous answers by
    /// question, authorless.
    fn by_member(&self) -> (BTreeMap<&str, MemberAnswers<'_>>, Vec<QuestionGroup>) {
        let mut members: BTreeMap<&str, MemberAnswers<'_>> = BTreeMap::new();
        let mut anonymous = Vec::new();
        for group in &self.questions {
            let mut unnamed = Vec::new();
            for entry in &group.entries {
                match entry.author.as_deref() {
                    Some(author) => members
                        .entry(author)
                        .or_default()
                        .push((group.question.as_str(), entry)),
                    None => unnamed.push(Entry {
                        author: None,
                        ..entry.clone()
                    }),
                }
            }
            if !unnamed.is_empty() {
                anonymous.push(QuestionGroup {
                    question_id: group.question_id.clone(),
                    question: group.question.clone(),
                    entries: unnamed,
                });
            }
        }
        (members, anonymous)
    }

    /// A few lines for the channel when the whole digest is too long for one message.
    pub fn summary(&self) -> String {
        let words = &self.words.labels;
        let mut out = format!("**{}**\n", self.title);
        let counts: Vec<(&str, usize)> = match self.grouping {
            DigestGrouping::Question => self
                .questions
                .iter()
                .map(|g| (g.question.as_str(), g.entries.len()))
                .collect(),
            DigestGrouping::Member => {
                let (members, anonymous) = self.by_member();
                let unnamed = anonymous.iter().map(|g| g.entries.len()).sum::<usize>();
                let mut counts: Vec<(&str, usize)> =
                    members.iter().map(|(m, a)| (*m, a.len())).collect();
                if unnamed > 0 {
                    counts.push((words.anonymous_heading.as_str(), unnamed));
                }
                counts
            }
        };
        for (label, count) in counts {
            let count = match count {
                1 => words.one_answer.clone(),
                n => fill(&words.answers_count, &[("count", &n.to_string())]),
            };
            let _ = writeln!(out, "- {label}: {count}");
        }
        out.push_str(&self.missing_line());
        let _ = write!(out, "\n{}", words.more_in_file);
        out
    }

    fn missing_line(&self) -> String {
        let words = &self.words.labels;
        if self.not_answered.is_empty() {
            return words.everyone_answered.clone();
        }
        // Names as plain text, never `@mentions`.
        format!("{}: {}", words.not_answered, self.not_answered.join(", "))
    }
}

/// One answer as a Markdown quote (list items as bullets), without its attribution.
fn quote(out: &mut String, entry: &Entry) {
    let bullet = if entry.list { "- " } else { "" };
    for line in entry.text.lines() {
        let _ = writeln!(out, "> {bullet}{}", inert(line));
    }
}
