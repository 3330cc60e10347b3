//! `milestone add|list|remove|visibility`: a member's own turning points (private until they
//! share one) and the team's (added and removed by admins, seen by every member). The numbers
//! are the places in the list of milestones the asker may see, by date.

use chrono::{Duration, NaiveDate};

use super::Service;
use super::asker::Asker;
use super::command::MilestoneCommand;
use super::error::ServiceError;
use super::reply::Reply;
use super::settings::strs;
use crate::domain::milestone::{Milestone, MilestoneError, MilestoneText};
use crate::domain::period::Period;
use crate::domain::visibility::Visibility;
use crate::service::i18n::worded::Worded;
use crate::store::{NewMilestone, StoredMilestone};

/// The earliest day a milestone may be dated (the first of [`Milestone::YEARS`]).
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
/// How far ahead of today a milestone may be dated (a launch planned this year).
pub const AHEAD_DAYS: i64 = 366;
/// The most milestones a member may have of their own, and a team of its own.
pub const MAX_COUNT: usize = 500;

type Args = Vec<(&'static str, String)>;

impl Service {
    /// Runs a `milestone …` command for the asker.
    pub(crate) async fn milestone_command(
        &self,
        asker: &Asker,
        command: MilestoneCommand,
    ) -> Result<Reply, ServiceError> {
        match command {
            MilestoneCommand::Add { date, text, team } => {
                self.add_milestone(asker, date, &text, team).await
            }
            MilestoneCommand::List { period } => {
                self.list_milestones(asker, period.as_deref()).await
            }
            MilestoneCommand::Remove { number } => self.remove_milestone(asker, number).await,
            MilestoneCommand::Visibility { number, visibility } => {
                self.share_milestone(asker, number, visibility).await
            }
        }
    }

    async fn add_milestone(
        &self,
        asker: &Asker,
        date: NaiveDate,
        text: &str,
        team: bool,
    ) -> Result<Reply, ServiceError> {
        if team && !asker.admin {
            return Err(refusal(asker, "milestone.team_admins_only", vec![]));
        }
        let text = checked_text(asker, text)?;
        let today = asker.today(self.clock.now());
        let latest = today + Duration::days(AHEAD_DAYS);
        if date < EARLIEST || date > latest || Milestone::check_date(date).is_err() {
            let args = vec![
                ("date", date.to_string()),
                ("earliest", EARLIEST.to_string()),
                ("latest", latest.to_string()),
            ];
            return Err(refusal(asker, "milestone.out_of_range", args));
        }
        let seen = self.seen_milestones(asker).await?;
        let kept = seen.iter().filter(|m| m.team_wide == team).count();
        if kept >= MAX_COUNT {
            let args = vec![("max", MAX_COUNT.to_string())];
            return Err(refusal(asker, "milestone.too_many", args));
        }
        let visibility = if team {
            Visibility::Team
        } else {
            Visibility::Private
        };
        let milestone = NewMilestone {
            team: asker.team.id,
            author: asker.member.id,
            team_wide: team,
            date,
            text: text.as_str().to_string(),
            visibility,
        };
        let id = self
            .store
            .add_milestone(&milestone, self.clock.now(), asker.request.as_ref())
            .await?;
        let seen = self.seen_milestones(asker).await?;
        let number = seen.iter().position(|m| m.id == id).map_or(0, |i| i + 1);
        let args: Args = vec![
            ("number", number.to_string()),
            ("date", self.day(asker, date)),
            ("text", text.as_str().to_string()),
        ];
        let id = if team {
            "milestone.added_team"
        } else {
            "milestone.added_private"
        };
        Ok(asker.reply(asker.t(id, &strs(&args))))
    }

    async fn list_milestones(
        &self,
        asker: &Asker,
        period: Option<&str>,
    ) -> Result<Reply, ServiceError> {
        let today = asker.today(self.clock.now());
        let period = period
            .map(|p| Period::parse(p, today))
            .transpose()
            .map_err(|error| ServiceError::User(error.worded(asker.lang())))?;
        let seen = self.seen_milestones(asker).await?;
        let listed: Vec<(usize, &StoredMilestone)> = seen
            .iter()
            .enumerate()
            .filter(|(_, m)| period.as_ref().is_none_or(|p| p.contains(m.date)))
            .map(|(i, m)| (i + 1, m))
            .collect();
        let label = period.as_ref().map(Period::label);
        let (header, empty) = match &label {
            None => (
                asker.t("milestone.header", &[]),
                asker.t("milestone.empty", &[]),
            ),
            Some(label) => (
                asker.t("milestone.header_period", &[("period", label)]),
                asker.t("milestone.empty_period", &[("period", label)]),
            ),
        };
        if listed.is_empty() {
            return Ok(asker.reply(empty));
        }
        let mut lines = vec![header];
        let reader = asker.reader(self.clock.now());
        lines.extend(
            listed
                .iter()
                .map(|(number, m)| line(asker, &reader.date(m.date), *number, m)),
        );
        Ok(asker.reply(lines.join("\n")))
    }

    async fn remove_milestone(&self, asker: &Asker, number: u32) -> Result<Reply, ServiceError> {
        let milestone = self.numbered_milestone(asker, number).await?;
        if milestone.team_wide && !asker.admin {
            return Err(refusal(asker, "milestone.team_admins_only", vec![]));
        }
        self.store.remove_milestone(milestone.id).await?;
        let args: Args = vec![
            ("number", number.to_string()),
            ("date", self.day(asker, milestone.date)),
            ("text", milestone.text),
        ];
        Ok(asker.reply(asker.t("milestone.removed", &strs(&args))))
    }

    async fn share_milestone(
        &self,
        asker: &Asker,
        number: u32,
        visibility: Visibility,
    ) -> Result<Reply, ServiceError> {
        let milestone = self.numbered_milestone(asker, number).await?;
        let args: Args = vec![("number", number.to_string())];
        if milestone.team_wide {
            return Err(refusal(asker, "milestone.team_always_shared", args));
        }
        self.store
            .set_milestone_visibility(milestone.id, visibility)
            .await?;
        let id = match visibility {
            Visibility::Private => "milestone.now_private",
            _ => "milestone.now_shared",
        };
        Ok(asker.reply(asker.t(id, &strs(&args))))
    }

    /// A day as the asker reads dates (`Wed 1 Apr`, `4월 1일 (수)`).
    fn day(&self, asker: &Asker, date: NaiveDate) -> String {
        asker.reader(self.clock.now()).date(date)
    }

    /// The milestones the asker may see, by date: the team's and their own.
    async fn seen_milestones(&self, asker: &Asker) -> Result<Vec<StoredMilestone>, ServiceError> {
        let (team, member) = (asker.team.id, asker.member.id);
        Ok(self.store.visible_milestones(team, member).await?)
    }

    async fn numbered_milestone(
        &self,
        asker: &Asker,
        number: u32,
    ) -> Result<StoredMilestone, ServiceError> {
        let mut seen = self.seen_milestones(asker).await?;
        let index = (number as usize).checked_sub(1).filter(|&i| i < seen.len());
        match index {
            Some(index) => Ok(seen.swap_remove(index)),
            None => {
                let args = vec![
                    ("number", number.to_string()),
                    ("count", seen.len().to_string()),
                ];
                Err(refusal(asker, "milestone.not_found", args))
            }
        }
    }
}

/// The text as stored: one line, trimmed, 1 to [`MilestoneText::MAX_LEN`] characters.
fn checked_text(asker: &Asker, text: &str) -> Result<MilestoneText, ServiceError> {
    MilestoneText::parse(text).map_err(|error| {
        let count = match error {
            MilestoneError::TooLong { len, .. } => len,
            _ => 0,
        };
        let max = MilestoneText::MAX_LEN.to_string();
        let args = vec![("max", max), ("count", count.to_string())];
        refusal(asker, "milestone.bad_length", args)
    })
}

/// One listed milestone: `2. Mon 14 Sep — Reorganisation (team, added by joon)`.
fn line(asker: &Asker, day: &str, number: usize, milestone: &StoredMilestone) -> String {
    let tag = match (milestone.team_wide, milestone.visibility) {
        (true, _) => asker.t("milestone.tag_team", &[("author", &milestone.author_name)]),
        (false, Visibility::Private) => asker.t("milestone.tag_private", &[]),
        (false, _) => asker.t("milestone.tag_shared", &[]),
    };
    format!("{number}. {day} — {} {tag}", milestone.text)
}

fn refusal(asker: &Asker, id: &str, args: Args) -> ServiceError {
    ServiceError::User(asker.t(id, &strs(&args)))
}

impl Service {
    /// The milestones `actor` may see, numbered as `milestone list` numbers them, whose number
    /// or text holds `typed`: `(3, "2026-09-14 Reorganisation")`, for a platform's suggestions.
    /// None when the person cannot be identified or the database does not answer.
    pub async fn milestone_choices(&self, actor: &super::Actor, typed: &str) -> Vec<(u32, String)> {
        let Ok(asker) = self.asker(actor).await else {
            return Vec::new();
        };
        let Ok(seen) = self.seen_milestones(&asker).await else {
            return Vec::new();
        };
        let typed = typed.trim().to_lowercase();
        seen.iter()
            .enumerate()
            .map(|(i, m)| (i as u32 + 1, format!("{} {}", m.date, m.text)))
            .filter(|(n, label)| {
                n.to_string().starts_with(&typed) || label.to_lowercase().contains(&typed)
            })
            .collect()
    }

    /// Today in `actor`'s time zone (a date suggestion), or `None` when they cannot be
    /// identified.
    pub async fn today_of(&self, actor: &super::Actor) -> Option<NaiveDate> {
        let asker = self.asker(actor).await.ok()?;
        Some(asker.today(self.clock.now()))
    }
}
