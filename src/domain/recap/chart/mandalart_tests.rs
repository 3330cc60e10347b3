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
