//! The chart of one scale question over the period: the average answer per round as a line
//! with dots, broken where rounds are missing, on a 1–5 axis that names its two ends.

use chrono::NaiveDate;

use super::canvas::{Canvas, LINE, paint};
use super::words::{self, TrendFacts};
use super::{Boundary, Chart, ChartError, Look, axes};
use crate::domain::recap::Trend;

/// Fewer points than this make no line worth drawing.
pub(super) const MIN_POINTS: usize = 3;

/// The chart of `trend`, or `None` with fewer than [`MIN_POINTS`] points.
pub(super) fn chart(
    trend: &Trend,
    look: &Look,
    boundaries: &[Boundary],
) -> Result<Option<Chart>, ChartError> {
    if trend.points.len() < MIN_POINTS {
        return Ok(None);
    }
    let title = words::trend_title(&trend.question, &look.period);
    let png = paint(look.size, look.text, |canvas| {
        draw(canvas, trend, look, &title, boundaries)
    })?;
    Ok(Some(Chart {
        file: format!("trend-{}.png", trend.question_id),
        alt: alt(trend, look, boundaries),
        png,
        after: None,
    }))
}

fn draw(
    canvas: &Canvas,
    trend: &Trend,
    look: &Look,
    title: &str,
    boundaries: &[Boundary],
) -> Result<(), ChartError> {
    let levels: Vec<(f64, String)> = (1..=5)
        .map(|level| {
            let label = match level {
                1 => format!("{level} · {}", trend.low),
                5 => format!("{level} · {}", trend.high),
                _ => level.to_string(),
            };
            (f64::from(level), label)
        })
        .collect();
    let labels: Vec<String> = levels.iter().map(|(_, l)| l.clone()).collect();
    let (frame, placed) = axes::layout(canvas, look.size, look.span, &labels, boundaries);
    let range = (0.6, 5.4);
    axes::title(canvas, title)?;
    axes::value_axis(canvas, &frame, range, &levels)?;
    axes::time_axis(canvas, &frame, look.words)?;
    axes::boundaries(canvas, &frame, boundaries, &placed)?;
    for run in runs(&trend.points.iter().map(|p| p.date).collect::<Vec<_>>()) {
        let points: Vec<(i32, i32)> = trend.points[run]
            .iter()
            .map(|p| (frame.x(p.date), frame.y(p.average, range.0, range.1)))
            .collect();
        canvas.line(points.clone(), LINE, 3)?;
        for point in points {
            canvas.dot(point, 4, LINE)?;
        }
    }
    Ok(())
}

/// The points split into runs without a long gap (over two and a half times the usual
/// distance between rounds), so that a line never bridges weeks nobody answered.
fn runs(dates: &[NaiveDate]) -> Vec<std::ops::Range<usize>> {
    let mut steps: Vec<i64> = dates.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    steps.sort_unstable();
    let usual = steps.get(steps.len() / 2).copied().unwrap_or(7).max(1);
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..dates.len() {
        if (dates[i] - dates[i - 1]).num_days() * 2 > usual * 5 {
            runs.push(start..i);
            start = i;
        }
    }
    runs.push(start..dates.len());
    runs
}

fn alt(trend: &Trend, look: &Look, boundaries: &[Boundary]) -> String {
    let extreme = |better: fn(f64, f64) -> bool| {
        let mut best = &trend.points[0];
        for point in &trend.points {
            if better(point.average, best.average) {
                best = point;
            }
        }
        (best.average, best.date)
    };
    let facts = TrendFacts {
        question: &trend.question,
        from: trend.points[0].date,
        to: trend.points[trend.points.len() - 1].date,
        rounds: trend.points.len(),
        average: trend.average,
        words: (&trend.low, &trend.high),
        lowest: extreme(|a, b| a < b),
        highest: extreme(|a, b| a > b),
    };
    words::trend_alt(&facts, &super::marks(boundaries, look), look)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i64::from(day))
    }

    #[test]
    fn a_line_is_broken_where_weeks_are_missing_and_nowhere_else() {
        let dates = [d(0), d(7), d(14), d(42), d(49), d(56), d(63)];
        assert_eq!(runs(&dates), vec![0..3, 3..7]);
        assert_eq!(runs(&dates[..3]), vec![0..3]);
    }
}
