//! `mandalart check 3.5 done`: marks where an action of the asker's Mandalart stands and says
//! how its sub-goal is going. A check is refused with an example that works when there is no
//! grid or the cell is empty.

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::reply::Reply;
use super::syntax::Example;
use crate::domain::mandalart::Grid;
use crate::domain::mandalart::follow::{ActionRef, ActionStatus, GoalProgress};

impl Service {
    /// Marks action `at` of the asker's Mandalart for `year` (their latest without one).
    pub(crate) async fn check_mandalart(
        &self,
        asker: &Asker,
        year: Option<i32>,
        at: ActionRef,
        status: ActionStatus,
    ) -> Result<Reply, ServiceError> {
        let (stored, grid) = self.own_grid(asker, year, "mandalart.check_none").await?;
        let year = stored.year.to_string();
        if grid.action(at).is_empty() {
            return Err(ServiceError::User(empty_cell(asker, &grid, at, &year)));
        }
        let now = self.clock.now();
        (self.store)
            .check_mandalart_action(stored.answer_id, at, status, now)
            .await?;
        let marks = self.store.mandalart_marks(stored.answer_id).await?;
        let progress = grid.progress(&marks);
        let text = checked_text(asker, "mandalart", &year, &grid, at, status, &progress);
        Ok(asker.reply(text))
    }
}

/// The reply to a check: the action and its new status, then how its sub-goal is going. `keys`
/// names the catalog section (`mandalart` for one's own grid, `team_mandalart` for the team's).
pub(crate) fn checked_text(
    asker: &Asker,
    keys: &str,
    year: &str,
    grid: &Grid,
    at: ActionRef,
    status: ActionStatus,
    progress: &[GoalProgress],
) -> String {
    let mut text = asker.t(
        &format!("{keys}.checked"),
        &[
            ("year", year),
            ("action", &at.to_string()),
            ("text", grid.action(at)),
            ("status", &status_word(asker, status)),
        ],
    );
    if let Some(goal) = progress.iter().find(|p| p.number == at.goal + 1) {
        text.push('\n');
        text.push_str(&asker.t(
            &format!("{keys}.goal_progress"),
            &[
                ("goal", &goal.title),
                ("actions", &goal.actions.to_string()),
                ("done", &goal.done.to_string()),
                ("partial", &goal.partial.to_string()),
                ("not_yet", &goal.not_yet.to_string()),
            ],
        ));
    }
    text
}

/// A status in the asker's words.
pub(crate) fn status_word(asker: &Asker, status: ActionStatus) -> String {
    asker.t(&format!("mandalart.status.{}", status.as_str()), &[])
}

/// Why an empty cell cannot be checked, with a check of a written action that would work.
fn empty_cell(asker: &Asker, grid: &Grid, at: ActionRef, year: &str) -> String {
    let Some(example) = grid.first_action() else {
        return asker.t("mandalart.check_no_actions", &[("year", year)]);
    };
    asker.t(
        "mandalart.check_empty",
        &[
            ("year", year),
            ("action", &at.to_string()),
            (
                "example",
                &asker.spell(Example::MandalartDone(&example.to_string())),
            ),
        ],
    )
}
