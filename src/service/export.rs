//! `export`: everything the member wrote, as a Markdown file to read and a JSON file to keep
//! (a hoego export document that `hoego import` reads back), with dates, the questions as
//! asked, visibility and every earlier version of edited answers.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Service;
use super::asker::Asker;
use super::capsules;
use super::error::ServiceError;
use super::export_plans::export_plans;
use super::i18n::resolution_words::status_word;
use super::reply::{Attachment, Reply};
use crate::domain::ids::TemplateVersionId;
use crate::domain::import::{Document, DocumentKind};
use crate::domain::mandalart::{CELLS, Grid};
use crate::domain::template::{PlaceholderValues, Template};
use crate::store::{AnswerRecord, MemberExport, ResolutionHistory};

impl Service {
    /// `export`: the member's answers as `hoego-export.md` and `hoego-export.json`.
    pub(crate) async fn export(&self, asker: &Asker) -> Result<Reply, ServiceError> {
        self.count_heavy(asker)?;
        let data = self.store.member_export(asker.member.id).await?;
        let letters = self.store.capsules_of(asker.member.id).await?;
        let text = match (data.answers.first(), data.answers.last()) {
            (Some(first), Some(last)) => {
                let count = data.answers.len().to_string();
                let (from, to) = (
                    first.occurrence_local.date().to_string(),
                    last.occurrence_local.date().to_string(),
                );
                let args = [("count", count.as_str()), ("from", &from), ("to", &to)];
                asker.t("export.ready", &args)
            }
            _ if !letters.is_empty() => {
                let count = letters.len().to_string();
                asker.t("capsule.export_only", &[("count", &count)])
            }
            _ => return Ok(asker.reply(asker.t("export.empty", &[]))),
        };
        let now = self.clock.now();
        let templates = self.parse_templates(&data.templates);
        let dataset = self
            .store
            .member_dataset(asker.team.id, asker.member.id)
            .await?;
        let histories = self.store.resolution_histories(asker.member.id).await?;
        let (plans, pictures) = export_plans(asker, &dataset.mandalarts)?;
        let json = Document::new(DocumentKind::Member, now, dataset)
            .to_json()
            .into_bytes();
        let mut attachments = vec![
            attachment(
                "hoego-export.md",
                "text/markdown",
                [
                    markdown(asker, &data, &histories, &templates, now),
                    plans,
                    capsules::export_markdown(asker, &letters, now),
                ]
                .concat()
                .into_bytes(),
            ),
            attachment("hoego-export.json", "application/json", json),
        ];
        attachments.extend(pictures);
        Ok(Reply {
            attachments,
            ..asker.reply(text)
        })
    }
}

fn attachment(filename: &str, content_type: &str, bytes: Vec<u8>) -> Attachment {
    Attachment {
        filename: filename.into(),
        content_type: content_type.into(),
        bytes,
    }
}

type Templates = BTreeMap<TemplateVersionId, Arc<Template>>;

impl Service {
    /// The export's template versions, parsed once per version (shared with every other reader).
    fn parse_templates(&self, sources: &BTreeMap<TemplateVersionId, String>) -> Templates {
        sources
            .iter()
            .filter_map(|(id, source)| {
                let parsed = self.store.parsed_template(*id, source).ok()?;
                Some((*id, parsed))
            })
            .collect()
    }
}

/// The question as it was asked, in the member's language (its id when unreadable).
fn question_text(asker: &Asker, templates: &Templates, answer: &AnswerRecord) -> String {
    let date = answer.occurrence_local.date();
    templates
        .get(&answer.template_id)
        .and_then(|t| {
            let values = PlaceholderValues::for_round(t, date, asker.team.name.clone());
            t.questions
                .iter()
                .find(|q| q.id.as_str() == answer.question_id)
                .map(|q| q.text.filled(&values).get(asker.lang()).to_string())
        })
        .unwrap_or_else(|| answer.question_id.clone())
}

fn round_name(answer: &AnswerRecord) -> &str {
    answer
        .schedule_name
        .as_deref()
        .unwrap_or(&answer.template_key)
}

fn markdown(
    asker: &Asker,
    data: &MemberExport,
    histories: &[ResolutionHistory],
    templates: &Templates,
    now: DateTime<Utc>,
) -> String {
    let name = asker.member.display_name.as_str();
    let mut out = format!(
        "# {}\n\n{}\n",
        asker.t(
            "export.md_title",
            &[("name", name), ("team", &asker.team.name)]
        ),
        asker.t("export.md_exported", &[("when", &asker.stamp(now))]),
    );
    let mut current_round = None;
    for answer in &data.answers {
        let round = (round_name(answer), answer.occurrence_local);
        if current_round != Some(round) {
            out.push_str(&format!("\n## {} · {}\n", round.0, round.1.date()));
            current_round = Some(round);
        }
        out.push_str(&answer_markdown(asker, templates, answer));
    }
    out.push_str(&resolutions_markdown(asker, data, histories));
    out
}

/// The resolutions, each with every follow-up and its note, oldest first.
fn resolutions_markdown(
    asker: &Asker,
    data: &MemberExport,
    histories: &[ResolutionHistory],
) -> String {
    if data.resolutions.is_empty() {
        return String::new();
    }
    let mut out = format!("\n## {}\n\n", asker.t("export.md_resolutions", &[]));
    // Both lists are read in the same order (made, position, id).
    for (i, r) in data.resolutions.iter().enumerate() {
        let visibility = asker.t(&format!("visibility.{}", r.visibility.as_str()), &[]);
        out.push_str(&format!(
            "- {} — {} ({visibility})\n",
            r.text,
            status_word(asker.lang(), r.status)
        ));
        for (at, status, note) in histories.get(i).map_or(&[][..], |h| &h.follow_ups) {
            let note = match note.as_str() {
                "" => String::new(),
                note => format!(": {}", note.replace('\n', " / ")),
            };
            let when = asker.stamp(*at);
            let status = status_word(asker.lang(), *status);
            out.push_str(&format!("  - {when} — {status}{note}\n"));
        }
    }
    out
}

fn answer_markdown(asker: &Asker, templates: &Templates, answer: &AnswerRecord) -> String {
    let visibility = asker.t(&format!("visibility.{}", answer.visibility.as_str()), &[]);
    let meta = asker.t(
        "export.md_meta",
        &[
            ("visibility", &visibility),
            ("created", &asker.stamp(answer.created_at)),
            ("updated", &asker.stamp(answer.updated_at)),
        ],
    );
    let grid = is_grid(templates, answer);
    let mut out = format!(
        "\n### {}\n\n{}\n\n_{meta}_\n",
        question_text(asker, templates, answer),
        match grid {
            true => grid_line(asker, &answer.value),
            false => quoted(&answer.value),
        }
    );
    if !answer.history.is_empty() {
        out.push_str(&format!("\n{}\n\n", asker.t("export.md_history", &[])));
        for old in &answer.history {
            let value = match grid {
                true => grid_line(asker, &old.value),
                false => old.value.replace('\n', " / "),
            };
            out.push_str(&format!("- {}: {value}\n", asker.stamp(old.replaced_at)));
        }
    }
    out
}

/// Whether the answer is to a Mandalart question (its text is the grid's stored form).
fn is_grid(templates: &Templates, answer: &AnswerRecord) -> bool {
    let template = templates.get(&answer.template_id);
    let mut questions = template.map(|t| t.questions.iter()).into_iter().flatten();
    questions.any(|q| q.id.as_str() == answer.question_id && q.is_mandalart())
}

/// A stored grid in words (its table and picture have their own section): how full it is.
fn grid_line(asker: &Asker, stored: &str) -> String {
    match Grid::from_storage(stored) {
        Some(grid) => {
            let (filled, cells) = (grid.filled().to_string(), CELLS.to_string());
            asker.t("export.md_grid", &[("filled", &filled), ("cells", &cells)])
        }
        None => quoted(stored),
    }
}

/// An answer's text as a Markdown block quote, so its own Markdown cannot break the file.
fn quoted(value: &str) -> String {
    value
        .lines()
        .map(|line| format!("> {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
