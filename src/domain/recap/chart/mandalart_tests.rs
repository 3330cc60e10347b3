//! The Mandalart sheet: its size, and every written cell's text drawn inside that cell and
//! nowhere else (the sheet drawn without text compared with it, cell by cell).

use super::mandalart::{SIZE, TITLE, cell_box, sheet};
use crate::domain::mandalart::layout::{CELLS, cell_at};
use crate::domain::mandalart::{CELL_MAX_LEN, Grid, Part, SIDE};

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png.to_vec()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    (info.width, info.height, pixels)
}

/// A grid with every cell written, in Hangul and Latin, some at the longest a cell takes;
/// action 6 of sub-goal 2 and action 1 of sub-goal 8 left empty.
fn full_grid() -> Grid {
    let mut grid = Grid::default();
    grid.set(Part::Centre, "건강하고 단단한 한 해 보내기")
        .unwrap();
    let goals = [
        "Health",
        "돈 관리",
        "Read more books",
        "가족",
        "Career growth at work",
        "취미 생활",
        "Friends",
        &"가".repeat(CELL_MAX_LEN),
    ];
    grid.set(Part::Goals, &goals.join("\n")).unwrap();
    for n in 0..SIDE {
        let actions: Vec<String> = (0..SIDE)
            .map(|a| match (n, a) {
                (1, 5) | (7, 0) => String::new(),
                (0, 0) => "x".repeat(CELL_MAX_LEN),
                (3, 3) => "주말마다 부모님께 전화 드리고 한 달에 한 번 찾아뵙기".into(),
                (_, a) if a % 2 == 0 => format!("매주 {}번 실천하기", a + 1),
                (_, a) => format!("Do the thing number {a} each week"),
            })
            .collect();
        grid.set(Part::Actions(n), &actions.join("\n")).unwrap();
    }
    grid
}

#[test]
fn the_sheet_is_1080_wide_and_draws_each_cells_text_inside_that_cell_only() {
    let grid = full_grid();
    let with = sheet(&grid, "2027 만다라트", true).expect("drawn");
    let without = sheet(&grid, "2027 만다라트", false).expect("drawn");
    let (w, h, with) = decode(&with);
    let (_, _, without) = decode(&without);
    assert_eq!((w, h), SIZE);
    assert_eq!(w, 1080);
    let differs = |x: i32, y: i32| {
        let at = ((y as u32 * w + x as u32) * 3) as usize;
        with[at..at + 3] != without[at..at + 3]
    };
    let mut inside = vec![vec![0usize; CELLS]; CELLS];
    let mut outside = 0;
    for y in TITLE as i32..h as i32 {
        for x in 0..w as i32 {
            if !differs(x, y) {
                continue;
            }
            let (row, col) = (((y - TITLE as i32) / 120) as usize, (x / 120) as usize);
            let ((x0, y0), (x1, y1)) = cell_box(row, col);
            if (x0..x1).contains(&x) && (y0..y1).contains(&y) {
                inside[row][col] += 1;
            } else {
                outside += 1;
            }
        }
    }
    assert_eq!(outside, 0, "text crossed a cell's lines");
    for (row, counts) in inside.iter().enumerate() {
        for (col, &count) in counts.iter().enumerate() {
            let text = grid.text(cell_at(row, col));
            if text.is_empty() {
                assert_eq!(count, 0, "empty cell ({row}, {col}) has ink");
            } else {
                // A few strokes at least per character drawn.
                let least = 8 * text.chars().filter(|c| !c.is_whitespace()).count();
                assert!(
                    count >= least,
                    "cell ({row}, {col}) {text:?}: {count} < {least}"
                );
            }
        }
    }
    let title_ink = (0..TITLE as i32)
        .flat_map(|y| (0..w as i32).map(move |x| (x, y)))
        .filter(|&(x, y)| differs(x, y))
        .count();
    assert!(title_ink > 100, "title: {title_ink}");
}

#[test]
fn a_character_the_font_lacks_leaves_its_cell_blank_so_the_check_can_fail() {
    let mut grid = Grid::default();
    grid.set(Part::Centre, "สวัสดี").unwrap();
    let with = decode(&sheet(&grid, "", true).unwrap()).2;
    let without = decode(&sheet(&grid, "", false).unwrap()).2;
    assert_eq!(with, without);
}

mod heat {
    use super::super::mandalart::{
        DONE, HEAT_SIZE, Heat, LEGEND, NOT_YET, PARTIAL, SIZE, UNCHECKED, cell_box, heat_map,
    };
    use super::{decode, full_grid};
    use crate::domain::mandalart::follow::{ActionStatus, Marks};
    use crate::domain::mandalart::layout::action_at;

    fn pixel(pixels: &[u8], x: i32, y: i32) -> [u8; 3] {
        let at = ((y as u32 * HEAT_SIZE.0 + x as u32) * 3) as usize;
        [pixels[at], pixels[at + 1], pixels[at + 2]]
    }

    fn rgb(colour: plotters::prelude::RGBColor) -> [u8; 3] {
        [colour.0, colour.1, colour.2]
    }

    fn legend() -> [String; 4] {
        ["완료", "일부 완료", "아직", "not checked"].map(String::from)
    }

    #[test]
    fn each_written_action_is_filled_with_its_status_and_the_legend_is_drawn_under_the_sheet() {
        let mut grid = full_grid();
        grid.goals[2].actions[4] = String::new();
        let mut marks = Marks::default();
        marks.statuses[0][0] = Some(ActionStatus::Done);
        marks.statuses[0][1] = Some(ActionStatus::Partial);
        marks.statuses[0][2] = Some(ActionStatus::NotYet);
        marks.statuses[5][7] = Some(ActionStatus::Done);
        // Checked before the cell was emptied: not drawn.
        marks.statuses[2][4] = Some(ActionStatus::Done);
        let heat = Heat {
            marks: &marks,
            legend: legend(),
        };
        let (w, h, pixels) = decode(&heat_map(&grid, &heat, "2027", false).expect("drawn"));

        assert_eq!((w, h), HEAT_SIZE);
        assert_eq!(h, SIZE.1 + LEGEND);
        for goal in 0..8 {
            for action in 0..8 {
                let (row, col) = action_at(goal, action);
                let ((x0, y0), (x1, y1)) = cell_box(row, col);
                let expected = match (goal, action) {
                    (0, 0) | (5, 7) => DONE,
                    (0, 1) => PARTIAL,
                    (0, 2) => NOT_YET,
                    _ => UNCHECKED,
                };
                for (x, y) in [(x0 + 3, y0 + 3), (x1 - 3, y1 - 3)] {
                    assert_eq!(
                        pixel(&pixels, x, y),
                        rgb(expected),
                        "action {}.{}",
                        goal + 1,
                        action + 1
                    );
                }
            }
        }
        let middle = SIZE.1 as i32 + LEGEND as i32 / 2;
        let swatches: Vec<[u8; 3]> = (0..4)
            .map(|n| pixel(&pixels, 270 * n + 36, middle))
            .collect();
        assert_eq!(
            swatches,
            [DONE, PARTIAL, NOT_YET, UNCHECKED].map(rgb).to_vec()
        );
    }

    #[test]
    fn the_legend_words_and_a_rating_are_written_in_hangul_and_latin() {
        let grid = full_grid();
        let mut marks = Marks::default();
        marks.statuses[1][0] = Some(ActionStatus::Done);
        let unrated = Heat {
            marks: &marks,
            legend: legend(),
        };
        let mut rated_marks = marks.clone();
        rated_marks.ratings[0] = Some(4);
        let rated = Heat {
            marks: &rated_marks,
            legend: legend(),
        };
        let with = decode(&heat_map(&grid, &rated, "2027", true).unwrap()).2;
        let no_text = decode(&heat_map(&grid, &rated, "2027", false).unwrap()).2;
        let unrated_text = decode(&heat_map(&grid, &unrated, "2027", true).unwrap()).2;

        let top = SIZE.1 as i32;
        for n in 0..4 {
            let ink = (top..top + LEGEND as i32)
                .flat_map(|y| (270 * n + 60..270 * (n + 1)).map(move |x| (x, y)))
                .filter(|&(x, y)| pixel(&with, x, y) != pixel(&no_text, x, y))
                .count();
            assert!(ink > 40, "legend word {n}: {ink}");
        }
        // Sub-goal 1 sits in the centre block (row 3, col 3) and in the middle of its own; its
        // text moves up out of the strip at the foot, where only the rating is written.
        let strip_ink = |pixels: &[u8], row: usize, col: usize| {
            let ((x0, _), (x1, y1)) = cell_box(row, col);
            (y1 - 18..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .filter(|&(x, y)| pixel(pixels, x, y) != pixel(&no_text, x, y))
                .count()
        };
        for (row, col) in [(3, 3), (1, 1)] {
            assert!(strip_ink(&with, row, col) > 20, "rating in ({row}, {col})");
        }
        assert!(
            strip_ink(&unrated_text, 3, 4) == 0,
            "an unrated sub-goal's foot"
        );
    }
}
