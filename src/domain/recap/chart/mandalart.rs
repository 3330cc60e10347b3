//! A Mandalart drawn as a 9×9 sheet, 1080 pixels wide: a title strip, then nine blocks of
//! 3×3 cells of 120 pixels. The centre block holds the goal (strongest tint) and its eight
//! sub-goals; each outer block has its sub-goal in its centre (tinted) and its actions around
//! it. Each cell's text is wrapped at spaces (a word wider than the cell breaks between
//! characters, as Hangul does) and set in the largest size from 18 px down to 11 px that fits.
//!
//! As a heat map ([`heat_map`]) each written action's cell is filled with its status's colour,
//! each rated sub-goal shows its rating ("4/5") at the foot of its cells, and a legend strip
//! under the sheet names the colours in the reader's language.

use plotters::prelude::RGBColor;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::canvas::{GRID, INK, MUTED, paint};
use crate::domain::mandalart::Grid;
use crate::domain::mandalart::follow::{ActionRef, ActionStatus, Marks};
use crate::domain::mandalart::layout::{CELLS, Cell, cell_at};

/// One cell's side, in pixels.
pub const CELL: u32 = 120;
/// The title strip's height, in pixels.
pub const TITLE: u32 = 60;
/// Width and height of the picture.
pub const SIZE: (u32, u32) = (CELL * CELLS as u32, TITLE + CELL * CELLS as u32);
/// The legend strip's height under a heat map, in pixels.
pub const LEGEND: u32 = 60;
/// Width and height of a heat map: the sheet and its legend.
pub const HEAT_SIZE: (u32, u32) = (SIZE.0, SIZE.1 + LEGEND);
/// A done action's fill.
pub const DONE: RGBColor = RGBColor(163, 217, 165);
/// A partly done action's fill.
pub const PARTIAL: RGBColor = RGBColor(255, 212, 96);
/// A not-yet action's fill.
pub const NOT_YET: RGBColor = RGBColor(244, 177, 177);
/// An unchecked action's fill (the page).
pub const UNCHECKED: RGBColor = RGBColor(255, 255, 255);

const PADDING: i32 = 7;
/// The strip at the foot of a rated sub-goal's cell that holds its rating.
const RATING: i32 = 18;
const SIZES: [f64; 8] = [18.0, 17.0, 16.0, 15.0, 14.0, 13.0, 12.0, 11.0];
const CENTRE_TINT: RGBColor = RGBColor(255, 214, 153);
const GOAL_TINT: RGBColor = RGBColor(255, 238, 204);
const BLOCK_LINE: RGBColor = RGBColor(90, 90, 90);

/// The cell at `row`, `col` on the picture: its top-left and bottom-right corners (inside the
/// lines around it).
pub fn cell_box(row: usize, col: usize) -> ((i32, i32), (i32, i32)) {
    let (x, y) = (
        col as i32 * CELL as i32,
        TITLE as i32 + row as i32 * CELL as i32,
    );
    ((x + 2, y + 2), (x + CELL as i32 - 2, y + CELL as i32 - 2))
}

/// The sheet of `grid` under `title`, as PNG; `text: false` draws it without any text (tests
/// compare the two cell by cell).
pub fn sheet(grid: &Grid, title: &str, text: bool) -> Result<Vec<u8>, ChartError> {
    paint(SIZE, text, |canvas| draw(canvas, grid, None, title))
}

/// The colours of a heat map and what they mean, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heat<'a> {
    /// Each action's status and each sub-goal's rating.
    pub marks: &'a Marks,
    /// The legend's words: done, partial, not yet, unchecked.
    pub legend: [String; 4],
}

/// The sheet as a heat map of `heat`'s statuses, with its legend under it.
pub fn heat_map(grid: &Grid, heat: &Heat, title: &str, text: bool) -> Result<Vec<u8>, ChartError> {
    paint(HEAT_SIZE, text, |canvas| {
        draw(canvas, grid, Some(heat.marks), title)?;
        legend(canvas, &heat.legend)
    })
}

/// The fill of an action with `status`.
pub fn fill(status: Option<ActionStatus>) -> RGBColor {
    match status {
        Some(ActionStatus::Done) => DONE,
        Some(ActionStatus::Partial) => PARTIAL,
        Some(ActionStatus::NotYet) => NOT_YET,
        None => UNCHECKED,
    }
}

fn draw(
    canvas: &super::canvas::Canvas,
    grid: &Grid,
    marks: Option<&Marks>,
    title: &str,
) -> Result<(), ChartError> {
    let width = SIZE.0 as i32;
    let centre = Pos::new(HPos::Center, VPos::Center);
    canvas.text(title, (width / 2, TITLE as i32 / 2), 26.0, INK, centre)?;
    for row in 0..CELLS {
        for col in 0..CELLS {
            let cell = cell_at(row, col);
            let (a, mut b) = cell_box(row, col);
            let text = grid.text(cell);
            match cell {
                Cell::Centre => canvas.rect(a, b, CENTRE_TINT)?,
                Cell::Goal(_) => canvas.rect(a, b, GOAL_TINT)?,
                Cell::Action(goal, action) => {
                    let status = marks.and_then(|m| m.status(ActionRef { goal, action }));
                    if !text.is_empty() && status.is_some() {
                        canvas.rect(a, b, fill(status))?;
                    }
                }
            }
            if let (Cell::Goal(goal), Some(marks)) = (cell, marks)
                && let Some(rating) = marks.ratings[goal]
            {
                b.1 -= RATING;
                let at = ((a.0 + b.0) / 2, b.1 + RATING / 2);
                canvas.text(&format!("{rating}/5"), at, 13.0, MUTED, centre)?;
            }
            write_cell(canvas, text, a, b)?;
        }
    }
    lines(canvas)
}

/// Four swatches with their words, evenly across the strip under the sheet.
fn legend(canvas: &super::canvas::Canvas, words: &[String; 4]) -> Result<(), ChartError> {
    let top = SIZE.1 as i32;
    let slot = SIZE.0 as i32 / 4;
    let statuses = [
        Some(ActionStatus::Done),
        Some(ActionStatus::Partial),
        Some(ActionStatus::NotYet),
        None,
    ];
    let middle = top + LEGEND as i32 / 2;
    let left = Pos::new(HPos::Left, VPos::Center);
    for (n, (status, word)) in statuses.iter().zip(words).enumerate() {
        let x = slot * n as i32 + 24;
        let (a, b) = ((x, middle - 12), (x + 24, middle + 12));
        canvas.rect(a, b, BLOCK_LINE)?;
        canvas.rect((a.0 + 1, a.1 + 1), (b.0 - 1, b.1 - 1), fill(*status))?;
        canvas.text(word, (x + 34, middle), 18.0, INK, left)?;
    }
    Ok(())
}

/// The thin lines between cells and the strong ones between blocks.
fn lines(canvas: &super::canvas::Canvas) -> Result<(), ChartError> {
    let side = (CELL * CELLS as u32) as i32;
    let top = TITLE as i32;
    for i in 0..=CELLS as i32 {
        let at = i * CELL as i32;
        let (colour, width) = if i % 3 == 0 {
            (BLOCK_LINE, 3)
        } else {
            (GRID, 1)
        };
        let x = at.clamp(1, side - 2);
        canvas.line(vec![(x, top), (x, top + side)], colour, width)?;
        let y = (top + at).clamp(top + 1, top + side - 2);
        canvas.line(vec![(0, y), (side, y)], colour, width)?;
    }
    Ok(())
}

/// `text` wrapped into the box from `a` to `b`, centred both ways.
fn write_cell(
    canvas: &super::canvas::Canvas,
    text: &str,
    a: (i32, i32),
    b: (i32, i32),
) -> Result<(), ChartError> {
    if text.is_empty() {
        return Ok(());
    }
    let width = b.0 - a.0 - 2 * PADDING;
    let height = b.1 - a.1 - 2 * PADDING;
    let (size, lines) = fit(canvas, text, width, height);
    let line_height = (size * 1.25).round() as i32;
    let top = a.1 + (b.1 - a.1 - line_height * lines.len() as i32) / 2;
    let middle = (a.0 + b.0) / 2;
    let pos = Pos::new(HPos::Center, VPos::Center);
    for (n, line) in lines.iter().enumerate() {
        let y = top + line_height * n as i32 + line_height / 2;
        canvas.text(line, (middle, y), size, INK, pos)?;
    }
    Ok(())
}

/// The largest size whose wrapped lines fit, with those lines (the smallest size otherwise,
/// its last line ending in "…").
fn fit(canvas: &super::canvas::Canvas, text: &str, width: i32, height: i32) -> (f64, Vec<String>) {
    for size in SIZES {
        let lines = wrap(canvas, text, size, width);
        if lines.len() as i32 * (size * 1.25).round() as i32 <= height {
            return (size, lines);
        }
    }
    let size = SIZES[SIZES.len() - 1];
    let most = (height / (size * 1.25).round() as i32).max(1) as usize;
    let mut lines = wrap(canvas, text, size, width);
    lines.truncate(most);
    if let Some(last) = lines.last_mut() {
        last.push('…');
    }
    (size, lines)
}

/// `text` broken into lines no wider than `width` at `size`: at spaces, and between the
/// characters of a word too wide for a line.
fn wrap(canvas: &super::canvas::Canvas, text: &str, size: f64, width: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if canvas.width(&joined, size) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if canvas.width(&line, size) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
