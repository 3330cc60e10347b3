//! The team's own Mandalart, one a year: `mandalart team [year]` shows it to anyone in the team
//! (a heat map once anything is checked), admins write it (`mandalart team write [year]`, the
//! same staged form as a member's grid: [`super::team_grid_form`]) and mark its actions
//! (`mandalart team check 3.5 done`). It shows in the team's recap of its year.

use chrono::Datelike;

use super::Service;
use super::asker::Asker;
use super::command::TeamMandalartCommand;
use super::error::ServiceError;
use super::mandalart_check::checked_text;
use super::mandalart_share::sheet_reply;
use super::reply::Reply;
use super::syntax::Example;
use crate::domain::ids::TeamId;
use crate::domain::mandalart::follow::{ActionRef, ActionStatus, Marks};
use crate::domain::mandalart::{CELLS, Grid};
use crate::domain::recap::chart::mandalart::{Heat, heat_map, sheet};
use crate::domain::recap::team_plans::PlanShown;

impl Service {
    /// Runs a `mandalart team …` command.
    pub(crate) async fn team_mandalart_command(
        &self,
        asker: &Asker,
        command: TeamMandalartCommand,
    ) -> Result<Reply, ServiceError> {
        if asker.guest {
            return Err(ServiceError::User(asker.t("recap.guest", &[])));
        }
        match command {
            TeamMandalartCommand::Show { year } => self.show_team_mandalart(asker, year).await,
            TeamMandalartCommand::Write { year } => {
                let year = self.coming_team_year(asker, year).await?;
                self.team_grid_form(asker, year, 0).await
            }
            TeamMandalartCommand::Check { year, at, status } => {
                self.check_team_mandalart(asker, year, at, status).await
            }
        }
    }

    async fn show_team_mandalart(
        &self,
        asker: &Asker,
        year: Option<i32>,
    ) -> Result<Reply, ServiceError> {
        let (year, grid) = self.team_grid(asker, year).await?;
        let marks = self.store.team_mandalart_marks(asker.team.id, year).await?;
        let y = year.to_string();
        let title = asker.t("mandalart_share.team_title", &[("year", &y)]);
        let (filled, cells) = (grid.filled().to_string(), CELLS.to_string());
        let args = [
            ("year", y.as_str()),
            ("filled", filled.as_str()),
            ("cells", cells.as_str()),
        ];
        let heading = asker.t("team_mandalart.heading", &args);
        let png = match marks.is_empty() {
            true => sheet(&grid, &title, true),
            false => {
                let legend = ["done", "partial", "not-yet", "unchecked"]
                    .map(|s| asker.t(&format!("mandalart.status.{s}"), &[]));
                let heat = Heat {
                    marks: &marks,
                    legend,
                };
                heat_map(&grid, &heat, &title, true)
            }
        };
        let png = png.map_err(anyhow::Error::new)?;
        let mut table = grid.markdown_with(&marks);
        if !marks.is_empty() {
            table.push('\n');
            table.push_str(&asker.t("mandalart.marks_legend", &[]));
        }
        let file = format!("mandalart-team-{y}");
        Ok(sheet_reply(asker, heading, &title, table, png, &file))
    }

    async fn check_team_mandalart(
        &self,
        asker: &Asker,
        year: Option<i32>,
        at: ActionRef,
        status: ActionStatus,
    ) -> Result<Reply, ServiceError> {
        require_team_admin(asker)?;
        let (year, grid) = self.team_grid(asker, year).await?;
        let y = year.to_string();
        if grid.action(at).is_empty() {
            let Some(example) = grid.first_action() else {
                let args = [("year", y.as_str())];
                return Err(ServiceError::User(
                    asker.t("team_mandalart.no_actions", &args),
                ));
            };
            let example = asker.spell(Example::TeamMandalartDone(&example.to_string()));
            let args = [
                ("year", y.as_str()),
                ("action", &at.to_string()),
                ("example", &example),
            ];
            return Err(ServiceError::User(
                asker.t("team_mandalart.check_empty", &args),
            ));
        }
        let now = self.clock.now();
        (self.store)
            .check_team_mandalart(asker.team.id, year, at, status, now)
            .await?;
        let marks = self.store.team_mandalart_marks(asker.team.id, year).await?;
        let progress = grid.progress(&marks);
        let text = checked_text(asker, "team_mandalart", &y, &grid, at, status, &progress);
        Ok(asker.reply(text))
    }

    /// The team's Mandalart for `year` (its latest without one), or why there is none.
    pub(crate) async fn team_grid(
        &self,
        asker: &Asker,
        year: Option<i32>,
    ) -> Result<(i32, Grid), ServiceError> {
        let Some(stored) = self.store.team_mandalart(asker.team.id, year).await? else {
            let coming = self.coming_team_year(asker, year).await?.to_string();
            let example = asker.spell(Example::TeamMandalartWrite(&coming));
            let args = [("year", coming.as_str()), ("example", example.as_str())];
            return Err(ServiceError::User(asker.t("team_mandalart.none", &args)));
        };
        let grid = Grid::from_storage(&stored.grid)
            .ok_or_else(|| anyhow::anyhow!("team Mandalart for {} is unreadable", stored.year))?;
        Ok((stored.year, grid))
    }

    /// The year a team Mandalart is written for: the one named; else the team's latest when it
    /// plans this year or later; else this year until September and the next from October.
    pub(crate) async fn coming_team_year(
        &self,
        asker: &Asker,
        year: Option<i32>,
    ) -> Result<i32, ServiceError> {
        if let Some(year) = year {
            return Ok(year);
        }
        let today = asker.today(self.clock.now());
        let latest = self.store.team_mandalart(asker.team.id, None).await?;
        Ok(match latest {
            Some(stored) if stored.year >= today.year() => stored.year,
            _ if today.month() >= 10 => today.year() + 1,
            _ => today.year(),
        })
    }

    /// The team's Mandalart for a year recap, followed through (none when it has none).
    pub(crate) async fn team_plan_shown(
        &self,
        team: TeamId,
        year: i32,
    ) -> Result<Option<PlanShown>, ServiceError> {
        let Some(stored) = self.store.team_mandalart(team, Some(year)).await? else {
            return Ok(None);
        };
        let Some(grid) = Grid::from_storage(&stored.grid) else {
            return Ok(None);
        };
        let marks: Marks = self.store.team_mandalart_marks(team, year).await?;
        Ok(Some(PlanShown {
            author: None,
            goals: grid.progress(&marks),
            grid,
            marks,
        }))
    }
}

/// Only admins write and check the team's Mandalart; anyone in the team sees it.
pub(crate) fn require_team_admin(asker: &Asker) -> Result<(), ServiceError> {
    if asker.admin {
        return Ok(());
    }
    let example = asker.spell(Example::TeamMandalart);
    let args = [
        ("team", asker.team.name.as_str()),
        ("example", example.as_str()),
    ];
    Err(ServiceError::User(
        asker.t("team_mandalart.admins_only", &args),
    ))
}

/// How full a grid is, for replies: `{filled}` of the 73 cells.
pub(crate) fn cells_args(grid: &Grid) -> [(&'static str, String); 2] {
    [
        ("filled", grid.filled().to_string()),
        ("cells", CELLS.to_string()),
    ]
}
