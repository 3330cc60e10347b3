//! The pure recap builder: answers, participation rows and resolutions in, a [`Recap`] out.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::participation::participation;
use super::timeline::slots;
use super::{
    Entry, ParticipationRow, QuestionGroup, Recap, RecapAnswer, RecapRequest, ResolutionArc,
    Section, Trend, TrendPoint, sparkline, words,
};
use crate::domain::answer::AnswerValue;
use crate::domain::lang::Lang;
use crate::domain::template::QuestionKind;

/// Compiles a recap. Answers and rows outside the period are left out; scale answers become
/// trends, the others quotes in the timeline section of their date, grouped by question.
pub fn build(
    request: &RecapRequest,
    answers: Vec<RecapAnswer>,
    rows: &[ParticipationRow],
    resolutions: Vec<ResolutionArc>,
) -> Recap {
    let period = &request.period;
    let slots = slots(period, request.lang);
    let mut sections: Vec<Section> = slots
        .iter()
        .map(|slot| Section {
            label: slot.label.clone(),
            from: slot.from,
            to: slot.to,
            questions: Vec::new(),
        })
        .collect();
    let mut in_period: Vec<RecapAnswer> = answers
        .into_iter()
        .filter(|a| period.contains(a.date))
        .collect();
    in_period.sort_by_key(|a| (a.date, a.round));
    let mut scales: Vec<RecapAnswer> = Vec::new();
    let mut groups: Vec<HashMap<String, usize>> = vec![HashMap::new(); sections.len()];
    for answer in in_period {
        if matches!(answer.kind, QuestionKind::Scale { .. }) {
            scales.push(answer);
            continue;
        }
        let index = slot_index(&sections, answer.date);
        quote(&mut sections[index], &mut groups[index], answer);
    }
    sections.retain(|s| !s.questions.is_empty());
    let bounds: Vec<(NaiveDate, NaiveDate)> = slots.iter().map(|s| (s.from, s.to)).collect();
    let rows: Vec<ParticipationRow> = rows
        .iter()
        .copied()
        .filter(|r| period.contains(r.date))
        .collect();
    Recap {
        title: words::title(request),
        lang: request.lang,
        scope: request.scope,
        period: period.clone(),
        period_label: period.label(),
        date: request.today,
        participation: participation(&rows, &bounds),
        trends: trends(&scales, request.lang),
        sections,
        resolutions,
        withheld: Vec::new(),
    }
}

fn slot_index(sections: &[Section], date: NaiveDate) -> usize {
    sections
        .partition_point(|s| s.to < date)
        .min(sections.len() - 1)
}

fn quote(section: &mut Section, groups: &mut HashMap<String, usize>, answer: RecapAnswer) {
    let index = match groups.get(&answer.question_id) {
        Some(&index) => index,
        None => {
            section.questions.push(QuestionGroup {
                question_id: answer.question_id.clone(),
                question: answer.question,
                entries: Vec::new(),
            });
            groups.insert(answer.question_id, section.questions.len() - 1);
            section.questions.len() - 1
        }
    };
    let list = matches!(answer.kind, QuestionKind::List { .. });
    // A stored list is its items joined by line breaks; blank lines are dropped.
    let tidy = |v: &str| !v.contains("\n\n") && !v.starts_with('\n') && !v.ends_with('\n');
    let text = if list && !tidy(&answer.value) {
        match AnswerValue::from_storage(&answer.kind, &answer.value) {
            Ok(AnswerValue::List(items)) => items.join("\n"),
            _ => answer.value,
        }
    } else {
        answer.value
    };
    section.questions[index].entries.push(Entry {
        date: answer.date,
        author: answer.author,
        text,
        list,
    });
}

/// Per round (date, id): the sum of the points and how many answered.
type RoundSums = BTreeMap<(NaiveDate, i64), (u32, usize)>;

/// One trend per scale question, in the order first answered; one point per round.
fn trends(scales: &[RecapAnswer], lang: Lang) -> Vec<Trend> {
    let mut order: Vec<&str> = Vec::new();
    let mut points: HashMap<&str, RoundSums> = HashMap::new();
    let mut texts: HashMap<&str, &RecapAnswer> = HashMap::new();
    for answer in scales {
        let Ok(point) = answer.value.parse::<u8>() else {
            continue;
        };
        if !(1..=5).contains(&point) {
            continue;
        }
        let id = answer.question_id.as_str();
        if !points.contains_key(id) {
            order.push(id);
            texts.insert(id, answer);
        }
        let slot = points
            .entry(id)
            .or_default()
            .entry((answer.date, answer.round))
            .or_insert((0, 0));
        slot.0 += u32::from(point);
        slot.1 += 1;
    }
    order
        .into_iter()
        .map(|id| {
            let points: Vec<TrendPoint> = points[id]
                .iter()
                .map(|(&(date, _), &(sum, count))| TrendPoint {
                    date,
                    average: f64::from(sum) / count as f64,
                    count,
                })
                .collect();
            let (sum, count) = points.iter().fold((0.0, 0usize), |(s, c), p| {
                (s + p.average * p.count as f64, c + p.count)
            });
            let (low, high) = match &texts[id].kind {
                QuestionKind::Scale { low, high } => (low.get(lang), high.get(lang)),
                _ => ("", ""),
            };
            Trend {
                question_id: id.to_string(),
                question: texts[id].question.clone(),
                low: low.to_string(),
                high: high.to_string(),
                sparkline: sparkline(points.iter().map(|p| p.average), 1.0, 5.0),
                average: (sum / count.max(1) as f64 * 10.0).round() / 10.0,
                points,
            }
        })
        .collect()
}
