//! A Markdown note (one per week or day, as blogs of weekly retrospectives are written): its
//! date from the front matter (`date:`) or the file name, then the text under each heading as
//! the answer to the question the heading names.
//!
//! The level of the first heading that names a question is the question level: headings above
//! it (a title) are passed over, headings at it must name a question, and deeper ones are part
//! of the answer. Text outside every question is not imported and is counted.

use chrono::NaiveDateTime;

use super::headings::HeadingMap;
use super::notes::NoteAnswer;
use super::problem::{ImportError, Place, Problem};
use super::when::{date_in_name, parse_when};
use crate::domain::visibility::Visibility;

/// One note file.
#[derive(Debug, Clone, Copy)]
pub struct NoteFile<'a> {
    /// The path as the person named it (for messages).
    pub path: &'a str,
    /// The file's name (where a date may be).
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// What a note holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedNote {
    /// Its answers, in the order written.
    pub answers: Vec<NoteAnswer>,
    /// Lines of text outside every question, not imported.
    pub skipped_lines: usize,
}

/// What the front matter says.
struct Front {
    when: Option<NaiveDateTime>,
    visibility: Option<Visibility>,
    body_starts: usize,
}

/// Reads `file` as `member`'s note; answers take `visibility` unless the front matter says.
pub fn parse_note(
    file: NoteFile<'_>,
    map: &HeadingMap,
    member: &str,
    visibility: Visibility,
) -> Result<ParsedNote, ImportError> {
    let lines: Vec<&str> = file.text.lines().collect();
    let error = |line: usize, problem| ImportError::new(file.path, Place::Line(line), problem);
    let front = front_matter(&lines).map_err(|(line, p)| error(line, p))?;
    let at = match (front.when, date_in_name(file.name)) {
        (Some(at), _) => at,
        (None, Some(Ok(date))) => date.and_time(chrono::NaiveTime::MIN),
        (None, Some(Err(given))) => {
            return Err(ImportError::new(
                file.path,
                Place::File,
                Problem::BadDate(given),
            ));
        }
        (None, None) => return Err(ImportError::new(file.path, Place::File, Problem::NoDate)),
    };
    let sections = Sections::read(&lines[front.body_starts..], front.body_starts, map)
        .map_err(|(line, p)| error(line, p))?;
    let visibility = front.visibility.unwrap_or(visibility);
    let mut answers: Vec<NoteAnswer> = Vec::new();
    for (question, line, body) in sections.found {
        if let Some(first) = answers.iter().find(|a| a.question == question) {
            let other = format!("{}:{}", file.path, first.line);
            let problem = Problem::AnsweredTwice {
                question: question.to_string(),
                other,
            };
            return Err(error(line, problem));
        }
        answers.push(NoteAnswer {
            member: member.to_string(),
            at,
            question,
            raw: body,
            visibility,
            file: file.path.to_string(),
            line,
        });
    }
    Ok(ParsedNote {
        answers,
        skipped_lines: sections.skipped,
    })
}

/// Reads YAML (`---`) or TOML (`+++`) front matter: `date` and `visibility`; other keys are
/// passed over.
fn front_matter(lines: &[&str]) -> Result<Front, (usize, Problem)> {
    let mut front = Front {
        when: None,
        visibility: None,
        body_starts: 0,
    };
    let Some(fence) = lines
        .first()
        .map(|l| l.trim_end())
        .filter(|l| *l == "---" || *l == "+++")
    else {
        return Ok(front);
    };
    let Some(end) = lines[1..].iter().position(|l| l.trim_end() == fence) else {
        return Ok(front);
    };
    for (i, line) in lines[1..=end].iter().enumerate() {
        let separator = if fence == "---" { ':' } else { '=' };
        let Some((key, value)) = line.split_once(separator) else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        match key.trim() {
            "date" => {
                let when =
                    parse_when(value).ok_or_else(|| (i + 2, Problem::BadDate(value.into())))?;
                front.when = Some(when);
            }
            "visibility" => {
                let word = value
                    .parse()
                    .map_err(|_| (i + 2, Problem::BadVisibility(value.into())))?;
                front.visibility = Some(word);
            }
            _ => {}
        }
    }
    front.body_starts = end + 2;
    Ok(front)
}

/// The answers found under question headings.
struct Sections {
    found: Vec<(crate::domain::template::QuestionId, usize, String)>,
    skipped: usize,
}

/// A heading: its level and text, or `None` for another line.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    let rest = &line[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// The lines of `body` with whether each is inside a fenced code block.
fn fenced(body: &[&str]) -> Vec<bool> {
    let mut inside = false;
    body.iter()
        .map(|line| {
            let fence =
                line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
            let was = inside;
            if fence {
                inside = !inside;
            }
            was || fence
        })
        .collect()
}

impl Sections {
    fn read(body: &[&str], offset: usize, map: &HeadingMap) -> Result<Sections, (usize, Problem)> {
        let code = fenced(body);
        let headings: Vec<Option<(usize, &str)>> = body
            .iter()
            .zip(&code)
            .map(|(line, &code)| if code { None } else { heading(line) })
            .collect();
        let level = headings
            .iter()
            .flatten()
            .filter(|(_, text)| map.question(text).is_some())
            .map(|(level, _)| *level)
            .min()
            .ok_or_else(|| {
                (
                    offset + 1,
                    Problem::NoQuestions {
                        known: map.known().to_vec(),
                    },
                )
            })?;
        let mut sections = Sections {
            found: Vec::new(),
            skipped: 0,
        };
        let mut current: Option<(crate::domain::template::QuestionId, usize, Vec<&str>)> = None;
        for (i, (line, found)) in body.iter().zip(&headings).enumerate() {
            let number = offset + i + 1;
            match found {
                Some((depth, text)) if *depth <= level => {
                    sections.close(current.take());
                    if *depth == level {
                        let question = map.question(text).ok_or_else(|| {
                            let known = map.known().to_vec();
                            (
                                number,
                                Problem::UnknownHeading {
                                    heading: (*text).into(),
                                    known,
                                },
                            )
                        })?;
                        current = Some((question.clone(), number, Vec::new()));
                    }
                }
                _ => match &mut current {
                    Some((_, _, lines)) => lines.push(line),
                    None if !line.trim().is_empty() && found.is_none() => sections.skipped += 1,
                    None => {}
                },
            }
        }
        sections.close(current);
        Ok(sections)
    }

    fn close(&mut self, section: Option<(crate::domain::template::QuestionId, usize, Vec<&str>)>) {
        if let Some((question, line, lines)) = section {
            let body = lines.join("\n").trim().to_string();
            if !body.is_empty() {
                self.found.push((question, line, body));
            }
        }
    }
}
