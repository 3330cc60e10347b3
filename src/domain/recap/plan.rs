//! The member's Mandalart for the recap's year, followed through: under a heading, its centre
//! goal, then a line per sub-goal ("Health — 5 of 8 actions done, 2 partly done · last rated
//! 4/5").

use std::fmt::Write;

use super::Recap;
use super::inert::inert;
use super::words::{Labels, fill, num};

/// A line per sub-goal of the year's Mandalart: its actions by status and its latest rating.
pub(super) fn render(out: &mut String, recap: &Recap, w: &Labels) {
    let Some(plan) = &recap.plan else {
        return;
    };
    let year = plan.year.to_string();
    let _ = writeln!(out, "## {}\n", fill(&w.plan_heading, &[("year", &year)]));
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
