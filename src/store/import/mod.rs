//! Writing an imported [`Dataset`] in one transaction, and reading a team (or one member's part
//! of it) back as one.
//!
//! Every row is found by a stable key before it is written, so importing the same data twice
//! adds nothing: a team by (platform, external id), a member by user id, a template version by
//! (key, source), a schedule by name, a scheduled round by (schedule, occurrence), a one-off
//! round by (template, occurrence, due instant), a delivery by (round, member), an answer by
//! (delivery, question), a resolution by (member, answer, position), a milestone by (author,
//! team-wide, date, text). What is there already is never changed; an answer there with another
//! text is kept and counted. On PostgreSQL imports into one team take a transaction-scoped
//! advisory lock, so two at once cannot both add a row.

mod export;
mod milestones;
mod plans;
mod resolutions;
mod rounds;
mod write;

use chrono::NaiveDate;

use super::teams::member_from;
use super::tx;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::TeamId;
use crate::domain::import::Dataset;
use crate::domain::import::dataset::TeamRecord;
use crate::domain::team::Member;

/// Which team an import goes to.
#[derive(Debug, Clone)]
pub enum ImportTeam {
    /// A team already in the database.
    Existing(TeamId),
    /// The team a document describes, registered when missing.
    Ensure(TeamRecord),
}

/// What an import wrote (or, in a dry run, would write).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// The team it went to.
    pub team: TeamId,
    /// Whether the team was registered by it.
    pub team_created: bool,
    /// Members added.
    pub members: usize,
    /// Template versions stored.
    pub templates: usize,
    /// Schedules added.
    pub schedules: usize,
    /// Rounds added.
    pub rounds: usize,
    /// Deliveries added.
    pub deliveries: usize,
    /// Answers added.
    pub answers: usize,
    /// Answers already there with the same text.
    pub unchanged: usize,
    /// Answers already there with another text (kept as they are).
    pub kept: usize,
    /// Earlier answer texts added.
    pub history: usize,
    /// Resolutions added.
    pub resolutions: usize,
    /// Resolution follow-ups added.
    pub follow_ups: usize,
    /// Milestones added.
    pub milestones: usize,
    /// Mandalarts tied to their answers.
    pub mandalarts: usize,
    /// Letters to the future added.
    pub letters: usize,
    /// The first and last date of the rounds the dataset holds.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

impl ImportReport {
    /// Nothing added yet, into `team`.
    pub fn new(team: TeamId) -> ImportReport {
        ImportReport {
            team,
            team_created: false,
            members: 0,
            templates: 0,
            schedules: 0,
            rounds: 0,
            deliveries: 0,
            answers: 0,
            unchanged: 0,
            kept: 0,
            history: 0,
            resolutions: 0,
            follow_ups: 0,
            milestones: 0,
            mandalarts: 0,
            letters: 0,
            dates: None,
        }
    }

    /// Whether the import added anything.
    pub fn added_anything(&self) -> bool {
        self.team_created
            || self.members
                + self.templates
                + self.schedules
                + self.rounds
                + self.deliveries
                + self.answers
                + self.history
                + self.resolutions
                + self.follow_ups
                + self.milestones
                + self.mandalarts
                + self.letters
                > 0
    }
}

impl Store {
    /// The team's members, oldest first.
    pub async fn team_members(&self, team: TeamId) -> Result<Vec<Member>, StoreError> {
        let sql = "SELECT id, team_id, user_id, display_name, time_zone, language, delivery,
                       paused_until
                   FROM members WHERE team_id = $1 ORDER BY id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(team.0).fetch_all(pool).await?;
            rows.iter().map(member_from).collect()
        })
    }

    /// Writes `data` into `team` in one transaction; with `dry_run` everything is rolled back
    /// and the report tells what would have been added.
    pub async fn import_dataset(
        &self,
        team: &ImportTeam,
        data: &Dataset,
        dry_run: bool,
    ) -> Result<ImportReport, StoreError> {
        let mut tx = self.begin_tx().await?;
        let report = write::write(&mut tx, team, data).await?;
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(report)
    }
}
