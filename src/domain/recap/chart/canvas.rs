//! The surface every chart is drawn on: a white RGB buffer in pixel coordinates, text in the
//! bundled font drawn with `ab_glyph` (Hoego Sans, a subset of NanumGothic under the SIL Open Font License, see
//! `assets/fonts/OFL.txt`: Latin, digits and every Hangul syllable), lines, bars, dots, and the
//! PNG encoding. A canvas can be told to leave text out, so that tests can compare a chart with
//! and without its labels; the layout is the same either way.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ChartError;

const FONT: &[u8] = include_bytes!("../../../../assets/fonts/HoegoSans-Regular.ttf");

/// Ink colours shared by the charts.
pub(super) const INK: RGBColor = RGBColor(40, 40, 40);
pub(super) const MUTED: RGBColor = RGBColor(110, 110, 110);
pub(super) const GRID: RGBColor = RGBColor(225, 225, 225);
pub(super) const LINE: RGBColor = RGBColor(52, 101, 164);
pub(super) const MARK: RGBColor = RGBColor(204, 80, 0);
pub(super) const ALERT: RGBColor = RGBColor(204, 0, 0);
pub(super) const ALERT_PALE: RGBColor = RGBColor(250, 222, 222);

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

/// A chart being drawn.
pub(super) struct Canvas<'a> {
    area: Area<'a>,
    text: bool,
    font: &'static FontRef<'static>,
}

/// Draws on a white canvas of `size` and encodes it as PNG; `text: false` leaves every label
/// out (and nothing else).
pub(super) fn paint(
    size: (u32, u32),
    text: bool,
    draw: impl FnOnce(&Canvas) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    let font = font()?;
    let mut pixels = vec![255u8; (size.0 * size.1 * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
        area.fill(&WHITE).map_err(fail)?;
        let canvas = Canvas { area, text, font };
        draw(&canvas)?;
        canvas.area.present().map_err(fail)?;
    }
    encode(size, &pixels)
}

/// The bundled font, read once.
fn font() -> Result<&'static FontRef<'static>, ChartError> {
    static FONT_REF: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT_REF
        .get_or_init(|| FontRef::try_from_slice(FONT).ok())
        .as_ref()
        .ok_or_else(|| ChartError("the bundled font does not load".into()))
}

pub(super) fn fail(error: impl std::fmt::Display) -> ChartError {
    ChartError(error.to_string())
}

impl Canvas<'_> {
    /// Writes `text` anchored at `at` (`pos` says which point of the text `at` is): each
    /// glyph at its advance with its bearings and kerning, antialiased over what is there.
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        colour: RGBColor,
        pos: Pos,
    ) -> Result<(), ChartError> {
        if !self.text || text.is_empty() {
            return Ok(());
        }
        let scaled = self.font.as_scaled(PxScale::from(size as f32));
        let width = self.width(text, size) as f32;
        let x = match pos.h_pos {
            HPos::Left => at.0 as f32,
            HPos::Center => at.0 as f32 - width / 2.0,
            HPos::Right => at.0 as f32 - width,
        };
        let (ascent, descent) = (scaled.ascent(), scaled.descent());
        let baseline = match pos.v_pos {
            VPos::Top => at.1 as f32 + ascent,
            VPos::Center => at.1 as f32 + (ascent + descent) / 2.0,
            VPos::Bottom => at.1 as f32 + descent,
        };
        let mut pen = x;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(before) = previous {
                pen += scaled.kern(before, id);
            }
            previous = Some(id);
            if id.0 == 0 {
                // A character the font lacks: a gap, never a box.
                pen += scaled.h_advance(id);
                continue;
            }
            let glyph = id.with_scale_and_position(scaled.scale(), point(pen, baseline));
            pen += scaled.h_advance(id);
            let Some(outline) = self.font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                let xy = (
                    bounds.min.x as i32 + gx as i32,
                    bounds.min.y as i32 + gy as i32,
                );
                let ink = colour.mix(f64::from(coverage.min(1.0)));
                if result.is_ok() {
                    result = self.area.draw_pixel(xy, &ink).map_err(fail);
                }
            });
            result?;
        }
        Ok(())
    }

    /// How wide `text` is at `size`, in pixels (the same whether text is drawn or not).
    pub fn width(&self, text: &str, size: f64) -> i32 {
        let scaled = self.font.as_scaled(PxScale::from(size as f32));
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(before) = previous {
                width += scaled.kern(before, id);
            }
            width += scaled.h_advance(id);
            previous = Some(id);
        }
        width.ceil() as i32
    }

    /// A straight line through `points`.
    pub fn line(
        &self,
        points: Vec<(i32, i32)>,
        colour: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        let path = PathElement::new(points, colour.stroke_width(width));
        self.area.draw(&path).map_err(fail)
    }

    /// A dashed vertical line at `x` from `top` to `bottom`.
    pub fn dashed(
        &self,
        x: i32,
        top: i32,
        bottom: i32,
        colour: RGBColor,
    ) -> Result<(), ChartError> {
        let dashes = plotters::element::DashedPathElement::new(
            [(x, top), (x, bottom)],
            5,
            4,
            colour.stroke_width(2),
        );
        self.area.draw(&dashes).map_err(fail)
    }

    /// A filled rectangle between two corners.
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), colour: RGBColor) -> Result<(), ChartError> {
        self.area
            .draw(&Rectangle::new([a, b], colour.filled()))
            .map_err(fail)
    }

    /// A filled dot.
    pub fn dot(&self, at: (i32, i32), radius: i32, colour: RGBColor) -> Result<(), ChartError> {
        self.area
            .draw(&Circle::new(at, radius, colour.filled()))
            .map_err(fail)
    }
}

fn encode(size: (u32, u32), pixels: &[u8]) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.0, size.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(pixels).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// How many dark pixels `text` leaves when written alone: zero for a character the bundled
/// font lacks (tests use it to prove every label's glyphs are there).
#[cfg(test)]
pub(super) fn ink_of(text: &str) -> usize {
    let size = (400, 60);
    let png = paint(size, true, |canvas| {
        let pos = Pos::new(HPos::Left, VPos::Top);
        canvas.text(text, (10, 10), 30.0, INK, pos)
    })
    .expect("a glyph draws");
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    reader.next_frame(&mut pixels).expect("a frame");
    pixels.chunks(3).filter(|p| p[0] < 128).count()
}
