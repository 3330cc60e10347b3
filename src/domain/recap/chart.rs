//! Charts of a recap as PNG images, drawn without any text (so no font is needed): the trend
//! of each scale question (one line each, on a 1–5 grid) and participation per round (bars of
//! the share answered). The Markdown carries the same figures as sparklines and numbers.

use plotters::prelude::*;

use super::{Participation, Trend};

/// Width and height of every chart, in pixels.
pub const SIZE: (u32, u32) = (640, 240);

/// A line colour per scale question, repeating after six.
const COLOURS: [RGBColor; 6] = [
    RGBColor(52, 101, 164),
    RGBColor(204, 0, 0),
    RGBColor(78, 154, 6),
    RGBColor(245, 121, 0),
    RGBColor(117, 80, 123),
    RGBColor(193, 125, 17),
];
const GRID: RGBColor = RGBColor(225, 225, 225);

/// Why a chart could not be drawn (a bug in the drawing, never the data).
#[derive(Debug, thiserror::Error)]
#[error("chart: {0}")]
pub struct ChartError(String);

fn fail(error: impl std::fmt::Display) -> ChartError {
    ChartError(error.to_string())
}

/// The trends as one PNG, or `None` when there is no scale question with two points.
pub fn trend_png(trends: &[Trend]) -> Result<Option<Vec<u8>>, ChartError> {
    let longest = trends.iter().map(|t| t.points.len()).max().unwrap_or(0);
    if longest < 2 {
        return Ok(None);
    }
    let pixels = draw(|area| {
        let x_max = (longest - 1) as f64;
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .build_cartesian_2d(0f64..x_max, 0.8f64..5.2f64)
            .map_err(fail)?;
        for level in 1..=5 {
            let y = f64::from(level);
            let line = LineSeries::new([(0.0, y), (x_max, y)], GRID.stroke_width(1));
            chart.draw_series(line).map_err(fail)?;
        }
        for (index, trend) in trends.iter().enumerate() {
            let colour = COLOURS[index % COLOURS.len()];
            let points = trend
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| (i as f64, p.average));
            let line = LineSeries::new(points, colour.stroke_width(3));
            chart.draw_series(line).map_err(fail)?;
        }
        Ok(())
    })?;
    encode(&pixels).map(Some)
}

/// Participation per round as bars (share answered), or `None` with fewer than two rounds.
pub fn participation_png(participation: &Participation) -> Result<Option<Vec<u8>>, ChartError> {
    let rounds = &participation.per_round;
    if rounds.len() < 2 {
        return Ok(None);
    }
    let pixels = draw(|area| {
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .build_cartesian_2d(0f64..rounds.len() as f64, 0f64..1.0f64)
            .map_err(fail)?;
        for level in [0.25, 0.5, 0.75, 1.0] {
            let line = LineSeries::new([(0.0, level), (rounds.len() as f64, level)], &GRID);
            chart.draw_series(line).map_err(fail)?;
        }
        let bars = rounds.iter().enumerate().map(|(i, round)| {
            let share = round.answered as f64 / round.asked.max(1) as f64;
            let x = i as f64;
            Rectangle::new([(x + 0.15, 0.0), (x + 0.85, share)], COLOURS[0].filled())
        });
        chart.draw_series(bars).map_err(fail)?;
        Ok(())
    })?;
    encode(&pixels).map(Some)
}

/// An RGB buffer of [`SIZE`] on white, drawn by `paint`.
fn draw(
    paint: impl FnOnce(&DrawingArea<BitMapBackend, plotters::coord::Shift>) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    let (width, height) = SIZE;
    let mut pixels = vec![255u8; (width * height * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
        area.fill(&WHITE).map_err(fail)?;
        paint(&area)?;
        area.present().map_err(fail)?;
    }
    Ok(pixels)
}

fn encode(pixels: &[u8]) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, SIZE.0, SIZE.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(pixels).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}
