//! The participation chart: one bar per round (the share who answered), drawn only when it
//! says something — rounds with half or fewer answering (for one member: rounds not answered)
//! or a rate that falls over the period. A year answered every week gets no chart.

use chrono::NaiveDate;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{ALERT, ALERT_PALE, Canvas, LINE, MUTED, paint};
use super::words::{self, ParticipationFacts};
use super::{Boundary, Chart, ChartError, Look, axes};
use crate::domain::recap::{Participation, RoundRate, Scope};

/// A fall in the answer rate from the first third of the rounds to the last third by at least
/// this much is worth a chart.
const FALL: f64 = 0.15;

fn share(round: &RoundRate) -> f64 {
    round.answered as f64 / round.asked.max(1) as f64
}

fn low(round: &RoundRate) -> bool {
    share(round) <= 0.5
}

/// The chart, or `None` when every round was well answered and the rate held.
pub(super) fn chart(
    participation: &Participation,
    scope: Scope,
    look: &Look,
    boundaries: &[Boundary],
) -> Result<Option<Chart>, ChartError> {
    let facts = facts(&participation.per_round);
    let Some(facts) = facts.filter(|f| !f.gaps.is_empty() || f.fall.is_some()) else {
        return Ok(None);
    };
    let title = words::participation_title(scope, &look.period, look.words);
    let rounds = &participation.per_round;
    let png = paint(look.size, look.text, |canvas| {
        draw(canvas, rounds, (look, scope), &title, boundaries)
    })?;
    let marks = super::marks(boundaries, look);
    Ok(Some(Chart {
        file: "participation.png".into(),
        alt: words::participation_alt(&facts, scope, &marks, look),
        png,
        after: None,
    }))
}

/// What the rounds show: runs of low rounds and a falling rate (`None` under three rounds).
fn facts(rounds: &[RoundRate]) -> Option<ParticipationFacts> {
    if rounds.len() < 3 {
        return None;
    }
    let mut gaps: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
    let mut previous_low = false;
    for round in rounds {
        let is_low = low(round);
        match gaps.last_mut() {
            Some(gap) if is_low && previous_low => {
                gap.1 = round.date;
                gap.2 += 1;
            }
            _ if is_low => gaps.push((round.date, round.date, 1)),
            _ => {}
        }
        previous_low = is_low;
    }
    let third = rounds.len() / 3;
    let rate = |part: &[RoundRate]| part.iter().map(share).sum::<f64>() / part.len().max(1) as f64;
    let (first, last) = (
        rate(&rounds[..third]),
        rate(&rounds[rounds.len() - third..]),
    );
    let percent = |rate: f64| (rate * 100.0).round() as u32;
    Some(ParticipationFacts {
        from: rounds[0].date,
        to: rounds[rounds.len() - 1].date,
        rounds: rounds.len(),
        full: rounds.iter().filter(|r| r.answered >= r.asked).count(),
        gaps,
        fall: (third >= 2 && first - last >= FALL).then(|| (percent(first), percent(last))),
    })
}

fn draw(
    canvas: &Canvas,
    rounds: &[RoundRate],
    (look, scope): (&Look, Scope),
    title: &str,
    boundaries: &[Boundary],
) -> Result<(), ChartError> {
    let levels: Vec<(f64, String)> = [0.0, 0.5, 1.0]
        .iter()
        .map(|&v| (v, format!("{}%", (v * 100.0) as u32)))
        .collect();
    let labels: Vec<String> = levels.iter().map(|(_, l)| l.clone()).collect();
    let (frame, placed) = axes::layout(canvas, look.size, look.span, &labels, boundaries);
    axes::title(canvas, title)?;
    legend(canvas, look, scope)?;
    axes::value_axis(canvas, &frame, (0.0, 1.0), &levels)?;
    let width = bar_width(&frame, rounds);
    for round in rounds {
        let x = frame.x(round.date);
        let top = frame.y(share(round), 0.0, 1.0).min(frame.bottom - 5);
        let colour = if low(round) { ALERT } else { LINE };
        if low(round) {
            // The gap stands out over the whole height, the bar (if any) over it.
            let band = (x - width / 2 - 1, frame.top);
            canvas.rect(band, (x + width / 2 + 1, frame.bottom), ALERT_PALE)?;
        }
        canvas.rect((x - width / 2, top), (x + width / 2, frame.bottom), colour)?;
    }
    axes::boundaries(canvas, &frame, boundaries, &placed)?;
    axes::time_axis(canvas, &frame, look.words)
}

/// Bars take about two thirds of the usual distance between rounds, between 3 and 28 pixels.
fn bar_width(frame: &axes::Frame, rounds: &[RoundRate]) -> i32 {
    let mut steps: Vec<i32> = rounds
        .windows(2)
        .map(|w| frame.x(w[1].date) - frame.x(w[0].date))
        .collect();
    steps.sort_unstable();
    let usual = steps.get(steps.len() / 2).copied().unwrap_or(20);
    (usual * 2 / 3).clamp(3, 28)
}

/// Top right: a swatch and a word for each colour.
fn legend(canvas: &Canvas, look: &Look, scope: Scope) -> Result<(), ChartError> {
    let [answered, missing] = words::legend(scope, look.words);
    let mut x = look.size.0 as i32 - 28;
    for (word, colour) in [(missing, ALERT), (answered, LINE)] {
        x -= canvas.width(word, 15.0);
        let pos = Pos::new(HPos::Left, VPos::Center);
        canvas.text(word, (x, 24), 15.0, MUTED, pos)?;
        canvas.rect((x - 18, 18), (x - 6, 30), colour)?;
        x -= 36;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rounds(answered: &[usize]) -> Vec<RoundRate> {
        let start = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        answered
            .iter()
            .enumerate()
            .map(|(i, &answered)| RoundRate {
                date: start + chrono::Duration::weeks(i as i64),
                asked: 4,
                answered,
            })
            .collect()
    }

    #[test]
    fn rounds_all_answered_say_nothing_and_gaps_or_a_fall_do() {
        assert!(facts(&rounds(&[4; 52])).is_some_and(|f| f.gaps.is_empty() && f.fall.is_none()));
        let gap = facts(&rounds(&[4, 4, 1, 0, 4, 4, 2, 4])).unwrap();
        let day = |week: i64| {
            NaiveDate::from_ymd_opt(2026, 1, 2).unwrap() + chrono::Duration::weeks(week)
        };
        assert_eq!(gap.gaps, vec![(day(2), day(3), 2), (day(6), day(6), 1)]);
        let fall = facts(&rounds(&[4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3])).unwrap();
        assert_eq!((fall.gaps.len(), fall.fall), (0, Some((100, 75))));
        assert!(facts(&rounds(&[0, 0])).is_none());
    }
}
