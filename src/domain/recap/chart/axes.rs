//! What every chart around its data shares: the title, the time axis (month ticks for a long
//! period, weekly ones for a short one), the value axis with its words, and the period
//! boundaries as dashed vertical lines labelled with the milestone that opened each period.

use chrono::{Datelike, Duration, NaiveDate};
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{Canvas, GRID, INK, MARK, MUTED};
use super::{Boundary, ChartError, words};
use crate::domain::recap::RecapWords;

/// Text sizes, in pixels.
const TITLE: f64 = 22.0;
const LABEL: f64 = 15.0;
/// The height of one row of boundary labels above the plot.
const ROW: i32 = 19;
/// At most this many rows of boundary labels; a label with no room left is shortened.
const ROWS: usize = 3;

/// Where the data goes, in pixels, and the dates it spans.
pub(super) struct Frame {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Frame {
    /// The x of a day.
    pub fn x(&self, date: NaiveDate) -> i32 {
        let span = (self.to - self.from).num_days().max(1) as f64;
        let offset = (date - self.from).num_days() as f64;
        self.left + ((self.right - self.left) as f64 * offset / span).round() as i32
    }

    /// The y of `value` on a scale from `low` (bottom) to `high` (top).
    pub fn y(&self, value: f64, low: f64, high: f64) -> i32 {
        let share = (value - low) / (high - low);
        self.bottom - ((self.bottom - self.top) as f64 * share).round() as i32
    }
}

/// One boundary label placed above the plot.
pub(super) struct Placed {
    x: i32,
    row: usize,
    text: String,
    pos: Pos,
}

/// Lays the frame out on a canvas of `size`: `y_labels` decide the left margin, `boundaries`
/// how many label rows go above the plot.
pub(super) fn layout(
    canvas: &Canvas,
    size: (u32, u32),
    (from, to): (NaiveDate, NaiveDate),
    y_labels: &[String],
    boundaries: &[Boundary],
) -> (Frame, Vec<Placed>) {
    let widest = y_labels.iter().map(|l| canvas.width(l, LABEL)).max();
    let mut frame = Frame {
        left: widest.unwrap_or(0).clamp(24, 260) + 18,
        right: size.0 as i32 - 28,
        top: 0,
        bottom: size.1 as i32 - 36,
        from,
        to,
    };
    let placed = place(canvas, &frame, boundaries);
    let rows = placed.iter().map(|p| p.row + 1).max().unwrap_or(0) as i32;
    frame.top = 48 + rows * ROW + 8;
    (frame, placed)
}

/// Puts each boundary's label in the first row where it does not run into another, on the
/// right of its line (or on the left near the right edge).
fn place(canvas: &Canvas, frame: &Frame, boundaries: &[Boundary]) -> Vec<Placed> {
    let mut ends = [i32::MIN; ROWS];
    let mut placed = Vec::new();
    for boundary in boundaries {
        let x = frame.x(boundary.date);
        let mut text = words::shorten(&boundary.label, 32);
        let mut width = canvas.width(&text, LABEL);
        let leftwards = x + 4 + width > frame.right + 20;
        let start = if leftwards { x - 4 - width } else { x };
        let row = match (0..ROWS).find(|&r| ends[r] + 8 < start) {
            Some(row) => row,
            None => {
                // No free row: the one that ends first, with a shorter label.
                text = words::shorten(&text, 12);
                width = canvas.width(&text, LABEL);
                (0..ROWS).min_by_key(|&r| ends[r]).unwrap_or(0)
            }
        };
        ends[row] = if leftwards { x } else { x + 4 + width };
        let pos = if leftwards {
            Pos::new(HPos::Right, VPos::Top)
        } else {
            Pos::new(HPos::Left, VPos::Top)
        };
        let x = if leftwards { x - 4 } else { x + 4 };
        placed.push(Placed { x, row, text, pos });
    }
    placed
}

/// The title, top left.
pub(super) fn title(canvas: &Canvas, text: &str) -> Result<(), ChartError> {
    let pos = Pos::new(HPos::Left, VPos::Top);
    canvas.text(text, (16, 12), TITLE, INK, pos)
}

/// Horizontal grid lines at `levels` (value, label), on a scale from `low` to `high`.
pub(super) fn value_axis(
    canvas: &Canvas,
    frame: &Frame,
    (low, high): (f64, f64),
    levels: &[(f64, String)],
) -> Result<(), ChartError> {
    for (value, label) in levels {
        let y = frame.y(*value, low, high);
        canvas.line(vec![(frame.left, y), (frame.right, y)], GRID, 1)?;
        let pos = Pos::new(HPos::Right, VPos::Center);
        canvas.text(label, (frame.left - 10, y), LABEL, MUTED, pos)?;
    }
    Ok(())
}

/// The baseline with ticks and date labels: months for a period over about two months (the
/// year added where it changes), weeks otherwise.
pub(super) fn time_axis(
    canvas: &Canvas,
    frame: &Frame,
    words: &RecapWords,
) -> Result<(), ChartError> {
    canvas.line(
        vec![(frame.left, frame.bottom), (frame.right, frame.bottom)],
        INK,
        1,
    )?;
    let long = (frame.to - frame.from).num_days() > 62;
    let ticks = if long {
        month_starts(frame.from, frame.to)
    } else {
        week_starts(frame.from, frame.to)
    };
    let several_years = frame.from.year() != frame.to.year();
    for (i, &tick) in ticks.iter().enumerate() {
        let x = frame.x(tick);
        canvas.line(vec![(x, frame.bottom), (x, frame.bottom + 5)], INK, 1)?;
        let label = if long {
            let with_year = several_years && (i == 0 || tick.month() == 1);
            words::month(tick, with_year, words)
        } else {
            words::day(tick, words)
        };
        let pos = Pos::new(HPos::Left, VPos::Top);
        canvas.text(&label, (x + 3, frame.bottom + 8), LABEL, MUTED, pos)?;
    }
    Ok(())
}

/// Each boundary as a dashed line over the plot, its label above.
pub(super) fn boundaries(
    canvas: &Canvas,
    frame: &Frame,
    boundaries: &[Boundary],
    placed: &[Placed],
) -> Result<(), ChartError> {
    for (boundary, label) in boundaries.iter().zip(placed) {
        let x = frame.x(boundary.date);
        let label_top = 48 + label.row as i32 * ROW;
        let colour = if boundary.suggested { MUTED } else { MARK };
        canvas.dashed(x, label_top, frame.bottom, colour)?;
        canvas.text(&label.text, (label.x, label_top), LABEL, colour, label.pos)?;
    }
    Ok(())
}

/// The first of each month after `from` up to `to`, and `from` itself.
fn month_starts(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut ticks = vec![from];
    let mut next = from.with_day(1).expect("day 1 exists");
    loop {
        next = next
            .checked_add_months(chrono::Months::new(1))
            .expect("a month in range");
        if next > to {
            return ticks;
        }
        ticks.push(next);
    }
}

/// Every Monday from `from` to `to` (every other one past ten), and `from` itself.
fn week_starts(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let weeks = (to - from).num_days() / 7;
    let step = if weeks > 10 { 14 } else { 7 };
    let mut ticks = vec![from];
    let offset = (7 - i64::from(from.weekday().num_days_from_monday())) % 7;
    let mut next = from + Duration::days(if offset == 0 { step } else { offset });
    while next <= to {
        ticks.push(next);
        next += Duration::days(step);
    }
    ticks
}
