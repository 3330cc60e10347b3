//! Suggested turning points: where a scale (the weekly mood) shifts sharply and no milestone
//! the reader may see is near, the recap suggests one, marked as a suggestion for the reader to
//! confirm with `milestone add`; it never states it as something that happened.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Trend, TrendPoint};
use crate::domain::milestone::{Milestone, Reader};

/// Rounds compared on each side of a candidate shift.
pub(super) const WINDOW: usize = 6;
/// The least change between the two windows' averages (on the 1–5 scale) called sharp.
pub(super) const SHARP: f64 = 1.0;
/// A milestone this many days or fewer from a shift explains it.
pub(super) const EXPLAINED_WITHIN_DAYS: i64 = 21;
/// At most this many suggestions in one recap.
const MAX_SUGGESTIONS: usize = 2;

/// A sharp shift of a scale that no milestone explains.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The scale question's id.
    pub question_id: String,
    /// Its label.
    pub label: String,
    /// The first round after the shift.
    pub date: NaiveDate,
    /// The average of the [`WINDOW`] rounds before it.
    pub before: f64,
    /// The average of the [`WINDOW`] rounds from it on.
    pub after: f64,
}

/// The sharpest unexplained shifts of `trends`, oldest first.
pub(super) fn suggestions(
    trends: &[Trend],
    milestones: &[Milestone],
    reader: Reader,
) -> Vec<Suggestion> {
    let seen: Vec<NaiveDate> = milestones
        .iter()
        .filter(|m| m.visible_to(reader))
        .map(|m| m.date)
        .collect();
    let mut out: Vec<Suggestion> = trends
        .iter()
        .flat_map(|trend| shifts(&trend.points).into_iter().map(move |s| (trend, s)))
        .filter(|(_, (at, _, _, from))| {
            !seen.iter().any(|&m| {
                let near = |d: NaiveDate| (m - d).num_days().abs() <= EXPLAINED_WITHIN_DAYS;
                near(*at) || (*from <= m && m <= *at)
            })
        })
        .map(|(trend, (date, before, after, _))| Suggestion {
            question_id: trend.question_id.clone(),
            label: trend.question.clone(),
            date,
            before: one_decimal(before),
            after: one_decimal(after),
        })
        .collect();
    out.sort_by(|a, b| {
        (b.after - b.before)
            .abs()
            .total_cmp(&(a.after - a.before).abs())
    });
    out.truncate(MAX_SUGGESTIONS);
    out.sort_by_key(|s| s.date);
    out
}

/// Each sharp shift of `points`: (first round after it, average before, average after, last
/// round before it). Sharp: the windows' averages differ by at least [`SHARP`], and the windows
/// themselves hold level (each moves less than a third of the step in its direction), so a
/// slow slope is not taken for a turn. Shifts closer than [`WINDOW`] rounds to a sharper one
/// are the same shift.
fn shifts(points: &[TrendPoint]) -> Vec<(NaiveDate, f64, f64, NaiveDate)> {
    if points.len() < 2 * WINDOW {
        return Vec::new();
    }
    let mean = |ps: &[TrendPoint]| ps.iter().map(|p| p.average).sum::<f64>() / ps.len() as f64;
    let drift = |ps: &[TrendPoint]| {
        let half = ps.len() / 2;
        mean(&ps[ps.len() - half..]) - mean(&ps[..half])
    };
    let sharp = |before: &[TrendPoint], after: &[TrendPoint]| {
        let step = mean(after) - mean(before);
        let within = (drift(before) + drift(after)) / 2.0 * step.signum();
        step.abs() >= SHARP && within < step.abs() / 3.0
    };
    let mut candidates: Vec<(usize, f64, f64)> = (WINDOW..=points.len() - WINDOW)
        .filter(|&i| sharp(&points[i - WINDOW..i], &points[i..i + WINDOW]))
        .map(|i| {
            (
                i,
                mean(&points[i - WINDOW..i]),
                mean(&points[i..i + WINDOW]),
            )
        })
        .collect();
    candidates.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
    let mut kept: Vec<(usize, f64, f64)> = Vec::new();
    for candidate in candidates {
        if kept.iter().all(|k| k.0.abs_diff(candidate.0) >= WINDOW) {
            kept.push(candidate);
        }
    }
    kept.into_iter()
        .map(|(i, before, after)| (points[i].date, before, after, points[i - 1].date))
        .collect()
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
