//! The member's Mandalarts in their own year recap. The plan for the recap's year, followed
//! through: under a heading, its centre goal, then a line per sub-goal ("Health — 5 of 8
//! actions done, 2 partly done · last rated 4/5"). The plan for the year after, written at its
//! end: under its own heading, its centre goal and the 9×9 table. The charts put each sheet
//! under its heading ([`heading`], [`next_heading`]).

use std::fmt::Write;

use super::inert::inert;
use super::words::{Labels, fill, num};
use super::{NextPlan, PlanProgress, Recap};

/// The heading of the section on how the plan for `plan.year` went.
pub(super) fn heading(plan: &PlanProgress, w: &Labels) -> String {
    fill(&w.plan_heading, &[("year", &plan.year.to_string())])
}

/// The heading of the section holding the plan for the next year.
pub(super) fn next_heading(plan: &NextPlan, w: &Labels) -> String {
    fill(&w.next_plan_heading, &[("year", &plan.year.to_string())])
}

/// A line per sub-goal of the year's Mandalart: its actions by status and its latest rating.
pub(super) fn render(out: &mut String, recap: &Recap, w: &Labels) {
    let Some(plan) = &recap.plan else {
        return;
    };
    let _ = writeln!(out, "## {}\n", heading(plan, w));
    if !plan.centre.is_empty() {
        let _ = writeln!(out, "**{}**\n", inert(&plan.centre));
    }
    for goal in &plan.goals {
        let mut parts = vec![match goal.actions {
            0 => w.plan_no_actions.clone(),
            _ => fill(
                &w.plan_goal,
                &[
                    ("done", &num(goal.done)),
                    ("actions", &num(goal.actions)),
                    ("partial", &num(goal.partial)),
                ],
            ),
        }];
        if let Some(rating) = goal.rating {
            parts.push(fill(&w.plan_rated, &[("rating", &rating.to_string())]));
        }
        let _ = writeln!(out, "- **{}** — {}", inert(&goal.title), parts.join(" · "));
    }
    out.push('\n');
}

/// The plan for the next year: its centre goal, a line on what it holds, and the 9×9 table.
pub(super) fn render_next(out: &mut String, recap: &Recap, w: &Labels) {
    let Some(plan) = &recap.next_plan else {
        return;
    };
    let _ = writeln!(out, "## {}\n", next_heading(plan, w));
    if !plan.centre.is_empty() {
        let _ = writeln!(out, "**{}**\n", inert(&plan.centre));
    }
    let filled = plan.sheet.grid.filled().to_string();
    let cells = crate::domain::mandalart::CELLS.to_string();
    let args = [("filled", filled.as_str()), ("cells", cells.as_str())];
    let _ = writeln!(out, "{}\n", fill(&w.next_plan_filled, &args));
    let _ = writeln!(out, "{}", plan.sheet.grid.markdown());
}
