//! The pure recap builder: answers, participation rows, resolutions and milestones in, a
//! [`Recap`] written as a post out.
//!
//! A template that asks for resolutions (a year-end) frames the span: its lists before its first
//! text question open the post, its other questions close it, and its resolutions become the
//! numbered wishes. Every other template recurs: its answers fall into the period of their date,
//! condensed, one block per (template, question) in template order, its scales as mood lines.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::condense::{Item, condense, normalise};
use super::mood::{mood_lines, trends};
use super::participation::participation;
use super::post::{Block, Entry, PhaseSection};
use super::shift::suggestions;
use super::{ParticipationRow, Recap, RecapAnswer, RecapRequest, ResolutionArc, words};
use crate::domain::milestone::phases;
use crate::domain::template::QuestionKind;

/// Compiles a recap. Answers and rows outside the period are left out.
pub fn build(
    request: &RecapRequest,
    answers: Vec<RecapAnswer>,
    rows: &[ParticipationRow],
    resolutions: Vec<ResolutionArc>,
) -> Recap {
    let period = &request.period;
    let mut answers: Vec<RecapAnswer> = answers
        .into_iter()
        .filter(|a| period.contains(a.date))
        .collect();
    answers.sort_by_key(|a| (a.date, a.round));
    let order = TemplateOrder::of(&answers);
    let (unit, cut) = phases(period.from, period.to, &request.milestones, request.reader);
    let bounds: Vec<(NaiveDate, NaiveDate)> = cut.iter().map(|p| (p.from, p.to)).collect();
    let (framing, recurring): (Vec<&RecapAnswer>, Vec<&RecapAnswer>) =
        answers.iter().partition(|a| order.frames(&a.template));
    let scales: Vec<&RecapAnswer> = answers.iter().filter(|a| is_scale(a)).collect();
    let phases = cut
        .into_iter()
        .map(|phase| {
            let inside = |a: &&&RecapAnswer| phase.from <= a.date && a.date <= phase.to;
            // An answer that made a milestone of this period is already in its heading.
            let heading = |a: &&&RecapAnswer| {
                a.milestone
                    && phase.milestones.iter().any(|m| {
                        m.date == a.date && normalise(m.text.as_str()) == normalise(&a.value)
                    })
            };
            let these: Vec<&RecapAnswer> = recurring
                .iter()
                .filter(|a| inside(a) && !heading(a))
                .copied()
                .collect();
            let moods: Vec<&RecapAnswer> = these.iter().copied().filter(|a| is_scale(a)).collect();
            PhaseSection {
                label: words::phase_heading(&phase, unit, request.words),
                from: phase.from,
                to: phase.to,
                milestones: phase.milestones,
                moods: mood_lines(&order.sorted(moods), request.words.lang),
                blocks: blocks(&order, &these, request.max_lines),
            }
        })
        .filter(|p| !p.blocks.is_empty() || !p.moods.is_empty())
        .collect();
    let (opening, closing, wishes) = framing_blocks(&order, &framing);
    let rows: Vec<ParticipationRow> = rows
        .iter()
        .copied()
        .filter(|r| period.contains(r.date))
        .collect();
    let trends = trends(&order.sorted(scales), request.words.lang);
    let suggestions = suggestions(&trends, &request.milestones, request.reader);
    Recap {
        title: words::title(request),
        lang: request.words.lang,
        words: request.words,
        scope: request.scope,
        period: period.clone(),
        period_label: period.label(),
        date: request.today,
        participation: participation(&rows, &bounds),
        trends,
        unit,
        opening,
        phases,
        suggestions,
        closing,
        last_resolutions: resolutions
            .into_iter()
            .filter(|arc| arc.set_on < period.from)
            .collect(),
        wishes,
        answers: answers.into_iter().map(entry).collect(),
        withheld: Vec::new(),
        plan: None,
        next_plan: None,
        then_now: Vec::new(),
        team_plans: None,
    }
}

/// Templates in the order a recap shows them: the most often asked first, then the earliest.
struct TemplateOrder {
    rank: HashMap<String, usize>,
    framing: Vec<String>,
}

impl TemplateOrder {
    fn of(answers: &[RecapAnswer]) -> TemplateOrder {
        let mut seen: Vec<(String, HashSet<i64>, NaiveDate)> = Vec::new();
        let mut framing = Vec::new();
        for a in answers {
            if matches!(a.kind, QuestionKind::List { resolutions: true })
                && !framing.contains(&a.template)
            {
                framing.push(a.template.clone());
            }
            match seen.iter_mut().find(|(t, _, _)| *t == a.template) {
                Some((_, rounds, _)) => {
                    rounds.insert(a.round);
                }
                None => seen.push((a.template.clone(), HashSet::from([a.round]), a.date)),
            }
        }
        seen.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.2.cmp(&b.2)));
        let rank = seen
            .into_iter()
            .enumerate()
            .map(|(i, (t, _, _))| (t, i))
            .collect();
        TemplateOrder { rank, framing }
    }

    fn frames(&self, template: &str) -> bool {
        self.framing.iter().any(|t| t == template)
    }

    /// The key answers are ordered by: template, then the question's place in it.
    fn key(&self, a: &RecapAnswer) -> (usize, usize) {
        (
            self.rank.get(&a.template).copied().unwrap_or(usize::MAX),
            a.position,
        )
    }

    /// `answers` in template order (stable: by date within one question); each key is looked
    /// up once, not at every comparison.
    fn sorted<'a>(&self, mut answers: Vec<&'a RecapAnswer>) -> Vec<&'a RecapAnswer> {
        answers.sort_by_cached_key(|a| self.key(a));
        answers
    }
}

fn is_scale(a: &RecapAnswer) -> bool {
    matches!(a.kind, QuestionKind::Scale { .. })
}

/// One block per (template, question) of the non-scale `answers`, in template order.
fn blocks(order: &TemplateOrder, answers: &[&RecapAnswer], max_lines: usize) -> Vec<Block> {
    // A Mandalart is shown as its grid (`mandalart`), not quoted; like scales it stays in the JSON.
    let texts: Vec<&RecapAnswer> = answers
        .iter()
        .copied()
        .filter(|a| !is_scale(a) && a.kind != QuestionKind::Mandalart)
        .collect();
    let sorted = order.sorted(texts);
    let mut out = Vec::new();
    for group in sorted.chunk_by(|a, b| a.template == b.template && a.question_id == b.question_id)
    {
        let first = group[0];
        let items = group.iter().flat_map(|a| items(a)).collect();
        out.push(Block {
            template: first.template.clone(),
            question_id: first.question_id.clone(),
            heading: first.label.clone(),
            list: matches!(first.kind, QuestionKind::List { .. }),
            authors: condense(items, max_lines),
        });
    }
    out.retain(|b| !b.authors.is_empty());
    out
}

/// A list answer's items, or a text answer whole.
fn items(a: &RecapAnswer) -> impl Iterator<Item = Item<'_>> {
    let item = |text| Item {
        author: a.author.as_deref(),
        date: a.date,
        text,
    };
    let (list, whole) = match a.kind {
        QuestionKind::List { .. } => (Some(a.value.lines()), None),
        _ => (None, Some(a.value.as_str())),
    };
    list.into_iter().flatten().chain(whole).map(item)
}

/// The framing answers as the opening (lists before the template's first text question), the
/// closing (the rest) and the wishes (resolutions); scales are left to the JSON.
fn framing_blocks(
    order: &TemplateOrder,
    answers: &[&RecapAnswer],
) -> (Vec<Block>, Vec<Block>, Vec<Block>) {
    let mut first_text: HashMap<&str, usize> = HashMap::new();
    for a in answers.iter().filter(|a| a.kind == QuestionKind::Text) {
        let at = first_text.entry(&a.template).or_insert(a.position);
        *at = (*at).min(a.position);
    }
    let (mut opening, mut closing, mut wishes) = (Vec::new(), Vec::new(), Vec::new());
    for block in blocks(order, answers, usize::MAX) {
        let sample = answers
            .iter()
            .find(|a| a.template == block.template && a.question_id == block.question_id)
            .expect("a block comes from an answer");
        let opens = first_text
            .get(sample.template.as_str())
            .is_none_or(|&text| sample.position < text);
        match sample.kind {
            QuestionKind::List { resolutions: true } => wishes.push(block),
            _ if opens => opening.push(block),
            _ => closing.push(block),
        }
    }
    (opening, closing, wishes)
}

/// An answer whole, for the JSON and the appendix (taking its texts: it is the answer's last use).
fn entry(a: RecapAnswer) -> Entry {
    Entry {
        date: a.date,
        list: matches!(a.kind, QuestionKind::List { .. }),
        template: a.template,
        question_id: a.question_id,
        question: a.label,
        author: a.author,
        text: a.value,
    }
}
