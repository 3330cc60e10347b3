//! Members' Mandalarts as the team sees them: `mandalart [year] <member>` shows a teammate's
//! grid when they shared it with the team (its answer's visibility is `team`) in a round the
//! reader may read; a private grid gets the same answer as no grid, so nobody learns one
//! exists. A team's year recap lists the year's shared grids and attaches their sheets. What
//! became of a shared grid (checks, ratings) stays its author's.

use chrono::{DateTime, NaiveDate, Utc};

use super::Service;
use super::asker::Asker;
use super::command::UserRef;
use super::error::ServiceError;
use super::i18n::t;
use super::recap::RecapOrder;
use super::reply::{Attachment, Reply};
use super::syntax::Example;
use crate::domain::lang::Lang;
use crate::domain::mandalart::follow::Marks;
use crate::domain::mandalart::{CELLS, Grid};
use crate::domain::period::PeriodKind;
use crate::domain::recap::chart::mandalart::sheet;
use crate::domain::recap::team_plans::{PlanShown, PlanWords, TeamPlans};
use crate::domain::team::{Member, Team};
use crate::store::SharedGrid;
use chrono::Datelike;

impl Service {
    /// A teammate's Mandalart for `year` (their latest without one), when they shared it with
    /// the team in a round the asker may read; the asker's own when they name themselves.
    pub(crate) async fn show_shared_mandalart(
        &self,
        asker: &Asker,
        year: Option<i32>,
        user: &UserRef,
    ) -> Result<Reply, ServiceError> {
        self.team_view_channel(asker, false).await?;
        let member = self.named_member(asker, user).await?;
        if member.id == asker.member.id {
            return self.show_mandalart(asker, year).await;
        }
        let shared = (self.store)
            .shared_mandalarts(asker.team.id, Some(member.id), year)
            .await?;
        let readable = self.readable_grids(&asker.team, Some(&asker.member), None, shared);
        let Some(found) = readable.await?.into_iter().next() else {
            let hint = self.shared_hint(asker).await?;
            let text = format!("{}\n{hint}", not_shared(asker, &member, year));
            return Err(ServiceError::User(text));
        };
        let grid = Grid::from_storage(&found.grid)
            .ok_or_else(|| anyhow::anyhow!("shared Mandalart of {} is unreadable", found.year))?;
        let (year, cells) = (found.year.to_string(), CELLS.to_string());
        let name = member.display_name.as_str();
        let title = asker.t(
            "mandalart_share.title",
            &[("author", name), ("year", &year)],
        );
        let heading = asker.t(
            "mandalart_share.heading",
            &[
                ("author", name),
                ("year", &year),
                ("filled", &grid.filled().to_string()),
                ("cells", &cells),
            ],
        );
        let png = sheet(&grid, &title, true).map_err(anyhow::Error::new)?;
        let file = format!("mandalart-{year}-{}", found.member);
        Ok(sheet_reply(
            asker,
            heading,
            &title,
            grid.markdown(),
            png,
            &file,
        ))
    }

    /// The plans a team's year recap shows: the team's own Mandalart for the year, and the
    /// members' grids for the year shared with the team in rounds the reader may read; `None`
    /// for any other recap or when there are none.
    pub(crate) async fn team_recap_plans(
        &self,
        order: &RecapOrder,
    ) -> Result<Option<TeamPlans>, ServiceError> {
        if order.period.kind != PeriodKind::Year {
            return Ok(None);
        }
        let year = order.period.from.year();
        let shared = (self.store)
            .shared_mandalarts(order.team.id, None, Some(year))
            .await?;
        let reader = order.member.as_ref();
        let channel = order.digest_channel.as_deref();
        let shared = self.readable_grids(&order.team, reader, channel, shared);
        let team = self.team_plan_shown(order.team.id, year).await?;
        let shared: Vec<PlanShown> = (shared.await?.into_iter())
            .filter_map(|g| {
                let grid = Grid::from_storage(&g.grid)?;
                Some(PlanShown {
                    author: Some(g.name),
                    grid,
                    goals: Vec::new(),
                    marks: Marks::default(),
                })
            })
            .collect();
        if shared.is_empty() && team.is_none() {
            return Ok(None);
        }
        Ok(Some(TeamPlans {
            year,
            team,
            shared,
            words: plan_words(order.lang, year),
        }))
    }

    /// The grids of rounds `reader` may see in a team view (all for the operator's command
    /// line); with `channel`, of schedules whose digest channel it is.
    async fn readable_grids(
        &self,
        team: &Team,
        reader: Option<&Member>,
        channel: Option<&str>,
        grids: Vec<SharedGrid>,
    ) -> Result<Vec<SharedGrid>, ServiceError> {
        let (Some(first), Some(last)) = (
            grids.iter().map(|g| g.year).min(),
            grids.iter().map(|g| g.year).max(),
        ) else {
            return Ok(grids);
        };
        // A year is planned in the rounds of the year before it or of the year itself.
        let (from, to) = (new_year(first - 1), new_year(last + 1));
        let rounds = self
            .readable_rounds(team, reader, channel, from, to)
            .await?;
        Ok(grids
            .into_iter()
            .filter(|g| rounds.as_ref().is_none_or(|set| set.contains(&g.round)))
            .collect())
    }

    /// The member a command names, if hoego knows them in the asker's team.
    async fn named_member(&self, asker: &Asker, user: &UserRef) -> Result<Member, ServiceError> {
        let key = match user {
            UserRef::Id(id) | UserRef::Person { id, .. } => id.as_str(),
            UserRef::Name(name) => name.trim_start_matches('@'),
        };
        if let Some(found) = self.store.find_member(asker.team.id, key).await? {
            return Ok(found);
        }
        let shown = match user {
            UserRef::Person { name, .. } => name.as_str(),
            _ => key,
        };
        let unknown = asker.t("mandalart_share.unknown_member", &[("member", shown)]);
        let hint = self.shared_hint(asker).await?;
        Err(ServiceError::User(format!("{unknown}\n{hint}")))
    }

    /// Whose Mandalarts the asker may see, with a command that shows one; or that there are
    /// none.
    async fn shared_hint(&self, asker: &Asker) -> Result<String, ServiceError> {
        let shared = self.store.shared_mandalarts(asker.team.id, None, None);
        let reader = Some(&asker.member);
        let shared = self.readable_grids(&asker.team, reader, None, shared.await?);
        let names: Vec<String> = (shared.await?.into_iter())
            .filter(|g| g.member != asker.member.id)
            .map(|g| g.name)
            .collect();
        let Some(first) = names.first() else {
            return Ok(asker.t("mandalart_share.none_shared", &[]));
        };
        let example = asker.spell(Example::SharedMandalart(first));
        let names = names.join(", ");
        let args = [("names", names.as_str()), ("example", example.as_str())];
        Ok(asker.t("mandalart_share.shared_list", &args))
    }
}

/// The words of a team recap's plans, in `lang`.
pub(crate) fn plan_words(lang: Lang, year: i32) -> PlanWords {
    let year = year.to_string();
    let y = [("year", year.as_str())];
    PlanWords {
        team_heading: t(lang, "mandalart_share.team_heading", &y),
        shared_heading: t(lang, "mandalart_share.shared_heading", &y),
        team_title: t(lang, "mandalart_share.team_title", &y),
        member_title: t(
            lang,
            "mandalart_share.title",
            &[("author", "{author}"), ("year", &year)],
        ),
        filled: t(lang, "mandalart_share.filled", &[]),
        legend: ["done", "partial", "not-yet", "unchecked"]
            .map(|s| t(lang, &format!("mandalart.status.{s}"), &[])),
    }
}

/// Why a teammate's grid is not shown: the same words for a private grid and for none.
fn not_shared(asker: &Asker, member: &Member, year: Option<i32>) -> String {
    let name = member.display_name.as_str();
    match year {
        Some(year) => asker.t(
            "mandalart_share.not_shared_year",
            &[("author", name), ("year", &year.to_string())],
        ),
        None => asker.t("mandalart_share.not_shared", &[("author", name)]),
    }
}

/// A grid as a reply: the heading, the sheet attached, the table under it (attached as a
/// Markdown file when the platform's message cannot hold it).
pub(crate) fn sheet_reply(
    asker: &Asker,
    heading: String,
    title: &str,
    table: String,
    png: Vec<u8>,
    file: &str,
) -> Reply {
    let mut reply = asker.reply(heading);
    reply.attachments.push(Attachment {
        filename: format!("{file}.png"),
        content_type: "image/png".into(),
        bytes: png,
    });
    let fits = table.chars().count() + reply.plain_text().chars().count()
        < asker.limits.message_len
        && table.chars().count() < asker.limits.block_len;
    if fits {
        reply.blocks.push(table);
    } else {
        reply.blocks.push(asker.t("mandalart.table_attached", &[]));
        reply.attachments.push(Attachment {
            filename: format!("{file}.md"),
            content_type: "text/markdown".into(),
            bytes: format!("# {title}\n\n{table}").into_bytes(),
        });
    }
    reply
}

/// 1 January of `year`, 00:00 UTC.
fn new_year(year: i32) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}
