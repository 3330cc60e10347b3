//! A Mandalart drawn as a 9×9 sheet, 1080 pixels wide: a title strip, then nine blocks of
//! 3×3 cells of 120 pixels. The centre block holds the goal (strongest tint) and its eight
//! sub-goals; each outer block has its sub-goal in its centre (tinted) and its actions around
//! it. Each cell's text is wrapped at spaces (a word wider than the cell breaks between
//! characters, as Hangul does) and set in the largest size from 18 px down to 11 px that fits.

use plotters::prelude::RGBColor;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;
use super::canvas::{GRID, INK, paint};
use crate::domain::mandalart::Grid;
use crate::domain::mandalart::layout::{CELLS, Cell, cell_at};

/// One cell's side, in pixels.
pub const CELL: u32 = 120;
/// The title strip's height, in pixels.
pub const TITLE: u32 = 60;
/// Width and height of the picture.
pub const SIZE: (u32, u32) = (CELL * CELLS as u32, TITLE + CELL * CELLS as u32);

const PADDING: i32 = 7;
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
    paint(SIZE, text, |canvas| {
        let width = SIZE.0 as i32;
        let centre = Pos::new(HPos::Center, VPos::Center);
        canvas.text(title, (width / 2, TITLE as i32 / 2), 26.0, INK, centre)?;
        for row in 0..CELLS {
            for col in 0..CELLS {
                let cell = cell_at(row, col);
                let (a, b) = cell_box(row, col);
                match cell {
                    Cell::Centre => canvas.rect(a, b, CENTRE_TINT)?,
                    Cell::Goal(_) => canvas.rect(a, b, GOAL_TINT)?,
                    Cell::Action(..) => {}
                }
                write_cell(canvas, grid.text(cell), a, b)?;
            }
        }
        lines(canvas)
    })
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
