//! The plans a team's year recap shows: the team's own Mandalart for the year (written by its
//! admins, followed through with checks), and the members' Mandalarts for the year that they
//! shared with the team. Each is listed in the Markdown and drawn as a sheet (a heat map once
//! anything is checked), attached with the recap's charts. Words come in the reader's language
//! from the service; a private grid never gets here.

use std::fmt::Write;

use serde::Serialize;

use super::Recap;
use super::chart::mandalart::{Heat, heat_map, sheet};
use super::chart::{Chart, ChartError};
use super::inert::inert;
use super::words::{Labels, fill, num};
use crate::domain::mandalart::follow::{GoalProgress, Marks};
use crate::domain::mandalart::{CELLS, Grid};

/// The plans of one year a team recap shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamPlans {
    /// The year they plan.
    pub year: i32,
    /// The team's own Mandalart, if its admins wrote one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<PlanShown>,
    /// Members' Mandalarts shared with the team, by name.
    pub shared: Vec<PlanShown>,
    /// The words around them, in the reader's language.
    #[serde(skip)]
    pub words: PlanWords,
}

/// One grid as a team recap shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanShown {
    /// Whose it is (`None` for the team's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The grid.
    pub grid: Grid,
    /// Each written sub-goal with its actions counted by status (the team's own only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<GoalProgress>,
    /// The checks drawn as a heat map (the team's own only; empty draws the plain sheet).
    #[serde(skip)]
    pub marks: Marks,
}

/// The words of the plans' section and sheets, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanWords {
    /// The heading over the team's own Mandalart.
    pub team_heading: String,
    /// The heading over the members' shared ones.
    pub shared_heading: String,
    /// The team sheet's title.
    pub team_title: String,
    /// A member's sheet title, with `{author}`.
    pub member_title: String,
    /// How full a grid is, with `{filled}` and `{cells}`.
    pub filled: String,
    /// The heat map legend: done, partial, not yet, unchecked.
    pub legend: [String; 4],
}

/// The plans' sections: the team's own with a line per sub-goal, then the shared ones under
/// their authors' names, a line each (the sheets go under those headings).
pub(super) fn render(out: &mut String, recap: &Recap, w: &Labels) {
    let Some(plans) = &recap.team_plans else {
        return;
    };
    let words = &plans.words;
    if let Some(team) = &plans.team {
        let _ = writeln!(out, "## {}\n", words.team_heading);
        if !team.grid.centre.is_empty() {
            let _ = writeln!(out, "**{}**\n", inert(&team.grid.centre));
        }
        for goal in &team.goals {
            let line = match goal.actions {
                0 => w.plan_no_actions.clone(),
                _ => fill(
                    &w.plan_goal,
                    &[
                        ("done", &num(goal.done)),
                        ("actions", &num(goal.actions)),
                        ("partial", &num(goal.partial)),
                    ],
                ),
            };
            let _ = writeln!(out, "- **{}** — {line}", inert(&goal.title));
        }
        out.push('\n');
    }
    if plans.shared.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", words.shared_heading);
    for plan in &plans.shared {
        let outline: Vec<String> = plan.grid.outline().iter().map(|t| inert(t)).collect();
        let filled = fill(
            &words.filled,
            &[
                ("filled", &plan.grid.filled().to_string()),
                ("cells", &CELLS.to_string()),
            ],
        );
        let _ = writeln!(out, "{}\n", author_heading(plan));
        let _ = writeln!(out, "{} ({filled})\n", outline.join(" · "));
    }
}

/// The heading over a shared plan: its author's name.
fn author_heading(plan: &PlanShown) -> String {
    format!("### {}", inert(plan.author.as_deref().unwrap_or_default()))
}

/// The plans' sheets: the team's own first (a heat map once anything is checked), then each
/// shared one, plain (their follow-through stays their authors').
pub(super) fn sheets(recap: &Recap, text: bool) -> Result<Vec<Chart>, ChartError> {
    let Some(plans) = &recap.team_plans else {
        return Ok(Vec::new());
    };
    let words = &plans.words;
    let mut out = Vec::new();
    if let Some(team) = &plans.team {
        let title = &words.team_title;
        let png = if team.marks.is_empty() {
            sheet(&team.grid, title, text)?
        } else {
            let heat = Heat {
                marks: &team.marks,
                legend: words.legend.clone(),
            };
            heat_map(&team.grid, &heat, title, text)?
        };
        out.push(Chart {
            file: format!("plan-team-{}.png", plans.year),
            alt: title.clone(),
            png,
            after: Some(format!("## {}", words.team_heading)),
        });
    }
    for (n, plan) in plans.shared.iter().enumerate() {
        let author = plan.author.as_deref().unwrap_or_default();
        let title = fill(&words.member_title, &[("author", author)]);
        out.push(Chart {
            file: format!("plan-{}-{}.png", n + 1, plans.year),
            png: sheet(&plan.grid, &title, text)?,
            alt: title,
            after: Some(author_heading(plan)),
        });
    }
    Ok(out)
}
