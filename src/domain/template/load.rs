//! Reading a template from its TOML file, with errors that name the file and line.
//!
//! # Format
//!
//! ```toml
//! # 1 to 40 lowercase letters, digits and `-`. A team file with a built-in's id replaces it.
//! id = "weekly"
//!
//! [name]                  # required, in both languages
//! en = "Weekly retrospective"
//! ko = "주간 회고"
//!
//! [description]           # required, in both languages
//! en = "A short look back at the week."
//! ko = "한 주를 짧게 돌아봅니다."
//!
//! [[questions]]           # one table per question, asked in file order; at least one
//! id = "went-well"        # unique within the template; same rules as the template id
//! kind = "text"           # "text" (default), "list" (one item per line), "scale" (1 to 5) or
//!                         # "mandalart" (a 9×9 plan: a goal, 8 sub-goals, 8 actions for each)
//! visibility = "team"     # "team" (default), "private" or "anonymous"
//! required = true         # default true
//! max_len = 1000          # characters, 1 to 4000; default 1000 (text), 2000 (list); not for
//!                         # scale or mandalart (40 characters a cell)
//! [questions.text]        # required; inline works too: text = { en = "…", ko = "…" }
//! en = "What went well this week?"
//! ko = "이번 주에 잘한 점은 무엇인가요?"
//!
//! [[questions]]
//! id = "next-week"
//! kind = "list"
//! text = { en = "What will you focus on next week? One item per line.", ko = "다음 주에 집중할 일을 한 줄에 하나씩 적어 주세요." }
//! # Optional: a short form (at most 45 characters) where a form's labels are short (Discord);
//! # without it a question over 45 characters is shortened there at a word, with "…".
//! label = { en = "Your focus for next week", ko = "다음 주에 집중할 일" }
//!
//! [[questions]]
//! id = "resolutions"
//! kind = "list"
//! resolutions = true      # list only: the items are resolutions, recalled later; default false
//! text = { en = "Your resolutions for {next_year}, one per line.", ko = "{next_year}년의 다짐을 한 줄에 하나씩 적어 주세요." }
//!
//! [[questions]]
//! id = "turning-point"
//! required = false
//! visibility = "private"
//! milestone = true        # text only: a non-empty answer becomes the author's milestone, dated
//!                         # at its round; max_len defaults to (and may not exceed) 120
//! text = { en = "Did anything this week change things for you?", ko = "이번 주에 전환점이 될 만한 일이 있었나요?" }
//!
//! [[questions]]
//! id = "periods"
//! kind = "list"
//! periods = true          # list only: until answered, the form offers the periods the member's
//!                         # milestones cut the round's year into, one per line, to edit
//! text = { en = "How would you divide {year} into periods?", ko = "{year}년을 몇 개의 시기로 나눠 보면 어떻게 나뉘나요?" }
//!
//! [[questions]]
//! id = "energy"
//! kind = "scale"
//! text = { en = "How was your energy this week?", ko = "이번 주 에너지는 어땠나요?" }
//! low = { en = "Running on empty", ko = "바닥났어요" }   # scale only and required: what 1 means
//! high = { en = "Full of energy", ko = "에너지가 넘쳐요" } # scale only and required: what 5 means
//!
//! [[questions]]
//! id = "learned"
//! text = { en = "What did {year} teach you?", ko = "{year}년에 새롭게 배운 것은 무엇인가요?" }
//! # Text and list only: the form shows the member, and only them, what they answered to the
//! # named question of this template (often the question itself) in the round held about a
//! # year ("1y") or a quarter ("1q") earlier; their own recap shows the two side by side.
//! recall = { question = "learned", ago = "1y" }
//!
//! [[questions]]
//! id = "to-next-year"
//! required = false
//! capsule = true          # text only: the answer is a sealed letter to its author, opened by
//!                         # DM on the team's next year-end round's day (else 31 December); it
//!                         # is never kept or shown as an answer; max_len at most 3000; not with
//!                         # milestone, recall or a visibility other than "private"
//! text = { en = "A few lines to yourself a year from now", ko = "1년 뒤의 나에게 몇 줄 남겨 주세요" }
//! ```
//!
//! Every text (name, description, question, scale label) may use the placeholders `{year}`,
//! `{next_year}`, `{quarter}`, `{week}` and `{team}`; any other `{name}` is refused. Unknown keys
//! are refused too, so a typo such as `requried` is reported rather than ignored.
//! `config/template-example.toml` is a complete, commented example.

use std::collections::HashMap;

mod capsule;
mod question;
mod raw;
mod recall;

use toml::Spanned;

use raw::{RawLocalized, RawQuestion, RawTemplate};

use super::placeholders::first_unknown;
use super::{Localized, Question, Template, TemplateError, TemplateId, TemplateProblem};
use crate::domain::lang::Lang;

impl Template {
    /// Reads a template from TOML text; `source_name` (usually the file path) names the file in
    /// errors.
    pub fn from_toml(source_name: &str, text: &str) -> Result<Template, TemplateError> {
        parse(source_name, text).map(|(template, _)| template)
    }
}

/// Reads a template and also returns the line of its `id`.
pub(super) fn parse(file: &str, text: &str) -> Result<(Template, usize), TemplateError> {
    let loader = Loader { file, text };
    let raw = loader.deserialize()?;
    loader.template(raw)
}

/// One file being read.
struct Loader<'a> {
    file: &'a str,
    text: &'a str,
}

impl Loader<'_> {
    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn error(&self, offset: usize, problem: TemplateProblem) -> TemplateError {
        TemplateError::Invalid {
            file: self.file.to_string(),
            line: self.line(offset),
            problem,
        }
    }

    fn toml_error(&self, error: &toml::de::Error, problem: TemplateProblem) -> TemplateError {
        self.error(error.span().map_or(0, |span| span.start), problem)
    }

    /// Parses the TOML, telling syntax errors apart from a document of the wrong shape.
    fn deserialize(&self) -> Result<RawTemplate, TemplateError> {
        if let Err(e) = toml::from_str::<toml::Table>(self.text) {
            let problem = TemplateProblem::Syntax(e.message().to_string());
            return Err(self.toml_error(&e, problem));
        }
        toml::from_str::<RawTemplate>(self.text).map_err(|e| {
            let message = e.message().to_string();
            let problem = if message.starts_with("unknown field") {
                TemplateProblem::UnknownField(message)
            } else {
                TemplateProblem::Shape(message)
            };
            self.toml_error(&e, problem)
        })
    }

    fn template(&self, raw: RawTemplate) -> Result<(Template, usize), TemplateError> {
        let id_offset = raw.id.span().start;
        let id = TemplateId::parse(raw.id.get_ref()).map_err(|_| {
            self.error(
                id_offset,
                TemplateProblem::BadTemplateId(raw.id.get_ref().clone()),
            )
        })?;
        let name = self.localized(&raw.name, "`name`", Template::MAX_NAME_LEN)?;
        let description = self.localized(
            &raw.description,
            "`description`",
            Template::MAX_DESCRIPTION_LEN,
        )?;
        let (raw_questions, mut questions) = self.questions(raw.questions)?;
        self.recalls(&id, &raw_questions, &mut questions)?;
        let template = Template {
            id,
            name,
            description,
            looks_back_on_year: raw.looks_back_on == Some(raw::RawLookBack::Year),
            questions,
            source: self.text.to_string(),
        };
        Ok((template, self.line(id_offset)))
    }

    fn questions(
        &self,
        raw: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
    ) -> Result<(Vec<Spanned<RawQuestion>>, Vec<Question>), TemplateError> {
        let (offset, list) = match raw {
            Some(list) => (list.span().start, list.into_inner()),
            None => (self.text.trim_end().len(), Vec::new()),
        };
        if list.is_empty() {
            return Err(self.error(offset, TemplateProblem::NoQuestions));
        }
        let mut first_lines: HashMap<String, usize> = HashMap::new();
        let mut questions = Vec::with_capacity(list.len());
        for raw in &list {
            let question = self.question(raw)?;
            let id_offset = raw.get_ref().id.span().start;
            if let Some(&first_line) = first_lines.get(question.id.as_str()) {
                let id = question.id.to_string();
                let problem = TemplateProblem::DuplicateQuestionId { id, first_line };
                return Err(self.error(id_offset, problem));
            }
            first_lines.insert(question.id.to_string(), self.line(id_offset));
            questions.push(question);
        }
        Ok((list, questions))
    }

    /// A text in both languages, each at most `max` characters.
    fn localized(
        &self,
        spanned: &Spanned<RawLocalized>,
        field: &str,
        max: usize,
    ) -> Result<Localized, TemplateError> {
        let table = spanned.span().start;
        let raw = spanned.get_ref();
        let text = |text, lang| self.lang_text(table, text, (field, max), lang);
        Ok(Localized {
            en: text(raw.en.as_ref(), Lang::En)?,
            ko: text(raw.ko.as_ref(), Lang::Ko)?,
        })
    }

    /// One language of a text: present, not blank, at most `max` characters, and with known
    /// placeholders only.
    fn lang_text(
        &self,
        table: usize,
        text: Option<&Spanned<String>>,
        (field, max): (&str, usize),
        lang: Lang,
    ) -> Result<String, TemplateError> {
        let missing = || TemplateProblem::MissingText {
            field: field.to_string(),
            lang,
        };
        let Some(text) = text else {
            return Err(self.error(table, missing()));
        };
        let offset = text.span().start;
        let value = text.get_ref().trim();
        if value.is_empty() {
            return Err(self.error(offset, missing()));
        }
        let len = value.chars().count();
        if len > max {
            let field = field.to_string();
            let problem = TemplateProblem::TextTooLong {
                field,
                lang,
                len,
                max,
            };
            return Err(self.error(offset, problem));
        }
        if let Some(name) = first_unknown(value) {
            let problem = TemplateProblem::UnknownPlaceholder(name.to_string());
            return Err(self.error(offset, problem));
        }
        Ok(value.to_string())
    }
}
