use super::layout::{Cell, action_at, cell_at};
use super::*;

fn plan() -> QuestionId {
    QuestionId::parse("plan").unwrap()
}

#[test]
fn fields_name_their_part_and_nothing_else_is_taken_for_one() {
    for part in Part::all() {
        assert_eq!(Part::of_field(&plan(), &part.field_id(&plan())), Some(part));
    }
    assert_eq!(Part::all().count(), 10);
    for other in [
        "plan", "plan.9", "plan.0", "plan.03", "plans.1", "other.1", "plan.x",
    ] {
        assert_eq!(Part::of_field(&plan(), other), None, "{other}");
    }
}

#[test]
fn lines_keep_their_positions_and_blank_lines_are_empty_cells() {
    let mut grid = Grid::default();
    grid.set(Part::Goals, "- Health\n\n3. Money\n\n\n").unwrap();
    assert_eq!(grid.goals[0].title, "Health");
    assert_eq!(grid.goals[1].title, "");
    assert_eq!(grid.goals[2].title, "Money");
    assert_eq!(grid.value(Part::Goals), "Health\n\nMoney");
    grid.set(Part::Actions(2), "save 10%\n\nno taxis").unwrap();
    assert_eq!(grid.goals[2].actions[2], "no taxis");
    assert_eq!(grid.filled(), 4);
    grid.set(Part::Centre, "  A  calm\nyear ").unwrap();
    assert_eq!(grid.centre, "A calm year");
    assert_eq!(grid.filled(), 5);
}

#[test]
fn too_many_lines_or_a_long_cell_is_refused_with_where() {
    let mut grid = Grid::default();
    let nine = (1..=9)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        grid.set(Part::Goals, &nine),
        Err(GridError::TooManyLines { given: 9 })
    );
    let long = "가".repeat(CELL_MAX_LEN + 1);
    assert_eq!(
        grid.set(Part::Actions(0), &format!("ok\n{long}")),
        Err(GridError::CellTooLong {
            line: 2,
            chars: CELL_MAX_LEN + 1,
            limit: CELL_MAX_LEN
        })
    );
    assert!(grid.is_empty());
}

#[test]
fn the_stored_form_reads_back_and_refuses_what_no_form_could_make() {
    let mut grid = Grid::default();
    grid.set(Part::Centre, "건강한 한 해").unwrap();
    grid.set(Part::Actions(7), "\n\n매일 걷기").unwrap();
    assert_eq!(Grid::from_storage(&grid.to_storage()), Some(grid.clone()));
    assert_eq!(Grid::from_storage("plain text"), None);
    let long = grid
        .to_storage()
        .replace("매일 걷기", &"x".repeat(CELL_MAX_LEN + 1));
    assert_eq!(Grid::from_storage(&long), None);
}

#[test]
fn the_sheet_puts_the_goal_in_the_middle_and_each_sub_goal_at_the_heart_of_its_block() {
    assert_eq!(cell_at(4, 4), Cell::Centre);
    assert_eq!(cell_at(3, 3), Cell::Goal(0));
    assert_eq!(cell_at(1, 1), Cell::Goal(0));
    assert_eq!(cell_at(5, 5), Cell::Goal(7));
    assert_eq!(cell_at(7, 7), Cell::Goal(7));
    assert_eq!(cell_at(4, 5), Cell::Goal(4));
    assert_eq!(cell_at(4, 7), Cell::Goal(4));
    assert_eq!(cell_at(0, 0), Cell::Action(0, 0));
    assert_eq!(cell_at(8, 8), Cell::Action(7, 7));
    assert_eq!(cell_at(0, 8), Cell::Action(2, 2));
    let mut seen = std::collections::HashSet::new();
    for g in 0..SIDE {
        for a in 0..SIDE {
            let (row, col) = action_at(g, a);
            assert_eq!(cell_at(row, col), Cell::Action(g, a));
            seen.insert((row, col));
        }
    }
    assert_eq!(seen.len(), 64);
}

#[test]
fn the_markdown_table_has_nine_rows_of_nine_cells_in_place() {
    let mut grid = Grid::default();
    grid.set(Part::Centre, "Calm | year").unwrap();
    grid.set(Part::Goals, "Health").unwrap();
    grid.set(Part::Actions(0), "Walk").unwrap();
    let table = grid.markdown();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 11);
    for row in &rows {
        assert_eq!(
            row.matches('|').count() - row.matches("\\|").count(),
            10,
            "{row}"
        );
    }
    assert_eq!(rows[2], "| Walk |   |   |   |   |   |   |   |   |");
    assert_eq!(rows[3], "|   | **Health** |   |   |   |   |   |   |   |");
    assert!(rows[6].contains("|   |   |   |   | **Calm \\| year** |"));
    assert!(rows[5].starts_with("|   |   |   | **Health** |"));
}

mod follow_through {
    use super::super::follow::{ActionRef, ActionStatus, Marks};
    use super::super::{Grid, Part};

    #[test]
    fn an_action_is_named_by_its_sub_goal_and_its_number_from_1_to_8() {
        assert_eq!(
            ActionRef::parse("3.5"),
            Some(ActionRef { goal: 2, action: 4 })
        );
        assert_eq!(
            ActionRef::parse(" 8.8 ").map(|a| a.to_string()),
            Some("8.8".into())
        );
        for bad in [
            "3.9", "0.1", "9.1", "3", "3.", ".5", "3,5", "a.b", "3.5.1", "-1.2", "",
        ] {
            assert_eq!(ActionRef::parse(bad), None, "{bad}");
        }
        for (typed, status) in [
            ("done", ActionStatus::Done),
            ("Partial", ActionStatus::Partial),
            ("not-yet", ActionStatus::NotYet),
            ("not_yet", ActionStatus::NotYet),
        ] {
            assert_eq!(typed.parse::<ActionStatus>(), Ok(status), "{typed}");
        }
        assert!("finished".parse::<ActionStatus>().is_err());
    }

    #[test]
    fn progress_counts_the_written_actions_of_each_written_sub_goal_by_status() {
        let mut grid = Grid::default();
        grid.set(Part::Goals, "Health\n\nMoney").unwrap();
        grid.set(Part::Actions(0), "Walk\nSleep\nSwim\n\nStretch")
            .unwrap();
        let mut marks = Marks::default();
        marks.statuses[0][0] = Some(ActionStatus::Done);
        marks.statuses[0][1] = Some(ActionStatus::Done);
        marks.statuses[0][2] = Some(ActionStatus::Partial);
        marks.statuses[0][4] = Some(ActionStatus::NotYet);
        // An empty cell's status is not counted.
        marks.statuses[0][3] = Some(ActionStatus::Done);
        marks.ratings[2] = Some(4);

        let progress = grid.progress(&marks);

        assert_eq!(progress.len(), 2);
        let health = &progress[0];
        assert_eq!(
            (health.number, health.title.as_str(), health.actions),
            (1, "Health", 4)
        );
        assert_eq!((health.done, health.partial, health.not_yet), (2, 1, 1));
        assert_eq!(health.rating, None);
        let money = &progress[1];
        assert_eq!((money.number, money.actions, money.rating), (3, 0, Some(4)));
        assert_eq!(grid.first_action(), Some(ActionRef { goal: 0, action: 0 }));
        assert_eq!(Grid::default().first_action(), None);
    }

    #[test]
    fn the_table_marks_checked_actions_and_rated_sub_goals() {
        let mut grid = Grid::default();
        grid.set(Part::Goals, "Health").unwrap();
        grid.set(Part::Actions(0), "Walk\nSleep\nSwim").unwrap();
        let mut marks = Marks::default();
        marks.statuses[0][0] = Some(ActionStatus::Done);
        marks.statuses[0][1] = Some(ActionStatus::Partial);
        marks.statuses[0][2] = Some(ActionStatus::NotYet);
        marks.ratings[0] = Some(3);

        let table = grid.markdown_with(&marks);
        let rows: Vec<&str> = table.lines().collect();

        assert_eq!(
            rows[2],
            "| ✅ Walk | 🔸 Sleep | ⏳ Swim |   |   |   |   |   |   |"
        );
        assert_eq!(
            rows[3],
            "|   | **Health** (3/5) |   |   |   |   |   |   |   |"
        );
        assert_eq!(
            rows[5],
            "|   |   |   | **Health** (3/5) |   |   |   |   |   |"
        );
        assert_eq!(rows[6], "|   |   |   |   |   |   |   |   |   |");
        assert_eq!(
            grid.markdown().lines().nth(2),
            Some("| Walk | Sleep | Swim |   |   |   |   |   |   |")
        );
    }
}
