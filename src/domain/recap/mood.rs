//! Scale answers (mood, energy) as trends over the span and as one line per period: average,
//! direction and sparkline. A trend needs at least three rounds.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::post::{Direction, MoodLine};
use super::{RecapAnswer, Trend, TrendPoint, sparkline};
use crate::domain::lang::Lang;
use crate::domain::template::QuestionKind;

/// The fewest rounds a trend or a mood line is drawn from.
pub(super) const MIN_POINTS: usize = 3;

/// The trend of each scale question in `scales` (answers of one kind, in template order) that
/// has at least [`MIN_POINTS`] rounds.
pub(super) fn trends(scales: &[&RecapAnswer], lang: Lang) -> Vec<Trend> {
    type Rounds = BTreeMap<(NaiveDate, i64), (u32, usize)>;
    let mut order: Vec<((&str, &str), &RecapAnswer)> = Vec::new();
    let mut sums: HashMap<(&str, &str), Rounds> = HashMap::new();
    for answer in scales {
        let Some(point) = point(answer) else { continue };
        let key = (answer.template.as_str(), answer.question_id.as_str());
        if !sums.contains_key(&key) {
            order.push((key, answer));
        }
        let slot = sums
            .entry(key)
            .or_default()
            .entry((answer.date, answer.round))
            .or_default();
        slot.0 += u32::from(point);
        slot.1 += 1;
    }
    order
        .into_iter()
        .filter_map(|(key, first)| {
            let points: Vec<TrendPoint> = sums[&key]
                .iter()
                .map(|(&(date, _), &(sum, count))| TrendPoint {
                    date,
                    average: f64::from(sum) / count as f64,
                    count,
                })
                .collect();
            if points.len() < MIN_POINTS {
                return None;
            }
            let (sum, count) = points.iter().fold((0.0, 0usize), |(s, c), p| {
                (s + p.average * p.count as f64, c + p.count)
            });
            let (low, high) = match &first.kind {
                QuestionKind::Scale { low, high } => (low.get(lang), high.get(lang)),
                _ => ("", ""),
            };
            Some(Trend {
                question_id: key.1.to_string(),
                question: first.label.clone(),
                low: low.to_string(),
                high: high.to_string(),
                sparkline: sparkline(bucketed(&points), 1.0, 5.0),
                average: one_decimal(sum / count.max(1) as f64),
                points,
            })
        })
        .collect()
}

/// The mood lines of one period, from its scale answers.
pub(super) fn mood_lines(scales: &[&RecapAnswer], lang: Lang) -> Vec<MoodLine> {
    trends(scales, lang)
        .into_iter()
        .map(|trend| MoodLine {
            direction: direction(&trend.points),
            question_id: trend.question_id,
            label: trend.question,
            average: trend.average,
            sparkline: trend.sparkline,
        })
        .collect()
}

/// The longest sparkline drawn; more rounds are averaged in equal runs.
const MAX_SPARK: usize = 16;

/// The points' averages, at most [`MAX_SPARK`] of them (longer series averaged in runs).
fn bucketed(points: &[TrendPoint]) -> Vec<f64> {
    let runs = points.len().div_ceil(MAX_SPARK).max(1);
    points
        .chunks(runs)
        .map(|run| run.iter().map(|p| p.average).sum::<f64>() / run.len() as f64)
        .collect()
}

fn point(answer: &RecapAnswer) -> Option<u8> {
    let point = answer.value.trim().parse::<u8>().ok()?;
    (1..=5).contains(&point).then_some(point)
}

/// Rising or falling when the last third averages at least half a point away from the first.
fn direction(points: &[TrendPoint]) -> Direction {
    let third = (points.len() / 3).max(1);
    let mean = |ps: &[TrendPoint]| ps.iter().map(|p| p.average).sum::<f64>() / ps.len() as f64;
    let change = mean(&points[points.len() - third..]) - mean(&points[..third]);
    if change >= 0.5 {
        Direction::Rising
    } else if change <= -0.5 {
        Direction::Falling
    } else {
        Direction::Steady
    }
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
