//! The member's Mandalarts as pictures in their own year recap, each under its section: the
//! plan for the recap's year as a heat map of how its actions went (the plain sheet while
//! nothing of it is checked or rated), and the plan for the year after as the plain sheet.

use super::mandalart::{Heat, heat_map, sheet};
use super::{Chart, ChartError};
use crate::domain::mandalart::CELLS;
use crate::domain::mandalart::follow::GoalProgress;
use crate::domain::recap::plan::{heading, next_heading};
use crate::domain::recap::{PlanSheet, Recap, fill};

/// The recap's Mandalart pictures: `mandalart-2027.png` for the year's plan, then
/// `mandalart-2028.png` for the next year's; none when the recap holds no plan.
pub(super) fn charts(recap: &Recap, text: bool) -> Result<Vec<Chart>, ChartError> {
    let (w, labels) = (&recap.words.chart, &recap.words.labels);
    let mut out = Vec::new();
    if let Some(plan) = &recap.plan {
        let year = plan.year.to_string();
        let title = fill(&w.mandalart_title, &[("year", &year)]);
        let (png, alt) = match plan.sheet.marks.is_empty() {
            true => (
                sheet(&plan.sheet.grid, &title, text)?,
                plain_alt(recap, plan.year, &plan.sheet),
            ),
            false => {
                let heat = Heat {
                    marks: &plan.sheet.marks,
                    legend: w.mandalart_legend.clone(),
                };
                let png = heat_map(&plan.sheet.grid, &heat, &title, text)?;
                (png, heat_alt(recap, plan.year, &plan.centre, &plan.goals))
            }
        };
        out.push(Chart {
            file: format!("mandalart-{year}.png"),
            alt,
            png,
            after: Some(format!("## {}", heading(plan, labels))),
        });
    }
    if let Some(plan) = &recap.next_plan {
        let year = plan.year.to_string();
        let title = fill(&w.mandalart_title, &[("year", &year)]);
        out.push(Chart {
            file: format!("mandalart-{year}.png"),
            alt: plain_alt(recap, plan.year, &plan.sheet),
            png: sheet(&plan.sheet.grid, &title, text)?,
            after: Some(format!("## {}", next_heading(plan, labels))),
        });
    }
    Ok(out)
}

/// "The Mandalart for 2028 (“…”) as a 9×9 grid: 41 of 73 cells written."
fn plain_alt(recap: &Recap, year: i32, sheet: &PlanSheet) -> String {
    let args = [
        ("year", year.to_string()),
        ("centre", sheet.grid.centre.clone()),
        ("filled", sheet.grid.filled().to_string()),
        ("cells", CELLS.to_string()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(&recap.words.chart.mandalart_alt_sheet, &args)
}

/// The heat map's alt text: its actions counted by status.
fn heat_alt(recap: &Recap, year: i32, centre: &str, goals: &[GoalProgress]) -> String {
    let sum = |f: fn(&GoalProgress) -> usize| goals.iter().map(f).sum::<usize>().to_string();
    let args = [
        ("year", year.to_string()),
        ("centre", centre.to_string()),
        ("done", sum(|g| g.done)),
        ("partial", sum(|g| g.partial)),
        ("not_yet", sum(|g| g.not_yet)),
        ("actions", sum(|g| g.actions)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(&recap.words.chart.mandalart_alt_heat, &args)
}
