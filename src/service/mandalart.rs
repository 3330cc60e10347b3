//! `mandalart [year]`: the asker's Mandalart as a Markdown 9×9 table and a picture of the sheet
//! (attached), only to them. A table too long for one message goes as a Markdown file.

use std::collections::HashMap;

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::grid_form::stored_grid;
use super::reply::{Attachment, Reply};
use super::rounds::RoundForm;
use super::syntax::Example;
use crate::domain::answer::AnswerValue;
use crate::domain::mandalart::follow::Marks;
use crate::domain::mandalart::follow::rated_goal;
use crate::domain::mandalart::{CELL_MAX_LEN, CELLS, Grid, Part, SIDE};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::recap::chart::mandalart::{Heat, heat_map, sheet};
use crate::domain::recap::{NextPlan, PlanProgress, PlanSheet};
use crate::domain::team::Member;
use crate::domain::template::QuestionId;
use crate::domain::template::Template;
use crate::service::i18n::plan_words::rating_question;
use crate::store::{RatingWrite, StoredMandalart};
use chrono::Datelike;

impl Service {
    /// Until a Mandalart question's sub-goals are saved, offers the asker's open resolutions
    /// (the latest eight) as its sub-goals, each cut to a cell's length.
    pub(crate) async fn offer_resolutions(
        &self,
        asker: &Asker,
        round: &RoundForm,
        values: &mut HashMap<String, String>,
    ) -> Result<(), ServiceError> {
        let open: Vec<String> = (round.template.questions.iter())
            .filter(|q| q.is_mandalart())
            .filter(|q| {
                stored_grid(q, values)
                    .goals
                    .iter()
                    .all(|g| g.title.is_empty())
            })
            .map(|q| Part::Goals.field_id(&q.id))
            .filter(|field| !values.contains_key(field))
            .collect();
        if open.is_empty() {
            return Ok(());
        }
        let now = self.clock.now();
        let resolutions = self.store.open_resolutions(asker.member.id, now).await?;
        let skip = resolutions.len().saturating_sub(SIDE);
        let offered: Vec<String> = resolutions
            .iter()
            .skip(skip)
            .map(|r| cell_of(&r.text))
            .collect();
        if offered.is_empty() {
            return Ok(());
        }
        for field in open {
            values.insert(field, offered.join("\n"));
        }
        Ok(())
    }

    /// The asker's Mandalart for `year` (their latest without one): the table and the picture,
    /// both marked with its follow-through once any action is checked or sub-goal rated.
    pub(crate) async fn show_mandalart(
        &self,
        asker: &Asker,
        year: Option<i32>,
    ) -> Result<Reply, ServiceError> {
        let (stored, grid) = self.own_grid(asker, year, "mandalart.none").await?;
        let marks = self.store.mandalart_marks(stored.answer_id).await?;
        let year = stored.year.to_string();
        let title = asker.t("mandalart.picture_title", &[("year", &year)]);
        let png = picture(asker, &grid, &marks, &title)?;
        let heading = asker.t(
            "mandalart.heading",
            &[
                ("year", &year),
                ("filled", &grid.filled().to_string()),
                ("cells", &CELLS.to_string()),
            ],
        );
        let mut table = grid.markdown_with(&marks);
        if !marks.is_empty() {
            table.push('\n');
            table.push_str(&asker.t("mandalart.marks_legend", &[]));
        }
        let mut reply = asker.reply(heading);
        reply.attachments.push(Attachment {
            filename: format!("mandalart-{year}.png"),
            content_type: "image/png".into(),
            bytes: png,
        });
        if table.chars().count() + reply.plain_text().chars().count() < asker.limits.message_len
            && table
                .lines()
                .all(|l| l.chars().count() < asker.limits.block_len)
            && table.chars().count() < asker.limits.block_len
        {
            reply.blocks.push(table);
        } else {
            reply.blocks.push(asker.t("mandalart.table_attached", &[]));
            reply.attachments.push(Attachment {
                filename: format!("mandalart-{year}.md"),
                content_type: "text/markdown".into(),
                bytes: format!("# {title}\n\n{table}").into_bytes(),
            });
        }
        Ok(reply)
    }

    /// The member's Mandalart for a year recap's year, followed through (none for any other
    /// period, or when they planned no Mandalart for that year).
    pub(crate) async fn recap_plan(
        &self,
        member: &Member,
        period: &Period,
    ) -> Result<Option<PlanProgress>, ServiceError> {
        let Some((year, sheet)) = self.year_sheet(member, period, 0).await? else {
            return Ok(None);
        };
        Ok(Some(PlanProgress {
            year,
            centre: sheet.grid.centre.clone(),
            goals: sheet.grid.progress(&sheet.marks),
            sheet,
        }))
    }

    /// The member's Mandalart for the year after a year recap's year: the plan they wrote at
    /// its end (none for any other period, or when there is none).
    pub(crate) async fn recap_next_plan(
        &self,
        member: &Member,
        period: &Period,
    ) -> Result<Option<NextPlan>, ServiceError> {
        let Some((year, sheet)) = self.year_sheet(member, period, 1).await? else {
            return Ok(None);
        };
        let goals = sheet.grid.goals.iter().map(|g| g.title.clone());
        Ok(Some(NextPlan {
            year,
            centre: sheet.grid.centre.clone(),
            goals: goals.filter(|t| !t.is_empty()).collect(),
            sheet: PlanSheet {
                marks: Marks::default(),
                ..sheet
            },
        }))
    }

    /// The member's grid for the year `ahead` years after a year recap's, with its marks.
    async fn year_sheet(
        &self,
        member: &Member,
        period: &Period,
        ahead: i32,
    ) -> Result<Option<(i32, PlanSheet)>, ServiceError> {
        if period.kind != PeriodKind::Year {
            return Ok(None);
        }
        let year = period.from.year() + ahead;
        let Some(stored) = self.store.mandalart(member.id, Some(year)).await? else {
            return Ok(None);
        };
        let Some(grid) = Grid::from_storage(&stored.grid) else {
            return Ok(None);
        };
        let marks = self.store.mandalart_marks(stored.answer_id).await?;
        Ok(Some((year, PlanSheet { grid, marks })))
    }

    /// Adds to a quarterly round's `template` a 1–5 question for each written sub-goal of the
    /// asker's Mandalart for `year`; the answer holding that grid, if there is one.
    pub(crate) async fn plan_ratings(
        &self,
        asker: &Asker,
        year: i32,
        template: &mut Template,
    ) -> Result<Option<i64>, ServiceError> {
        let Some(stored) = self.store.mandalart(asker.member.id, Some(year)).await? else {
            return Ok(None);
        };
        let Some(grid) = Grid::from_storage(&stored.grid) else {
            return Ok(None);
        };
        let written = grid.goals.iter().enumerate();
        let questions = written
            .filter(|(_, goal)| !goal.title.is_empty())
            .map(|(n, goal)| rating_question(year, n + 1, &goal.title));
        template.questions.extend(questions);
        Ok(Some(stored.answer_id))
    }

    /// The asker's stored Mandalart for `year` (their latest without one) and its grid; without
    /// one, the asker is told so with `none` (or that the year has none).
    pub(crate) async fn own_grid(
        &self,
        asker: &Asker,
        year: Option<i32>,
        none: &str,
    ) -> Result<(StoredMandalart, Grid), ServiceError> {
        let Some(stored) = self.store.mandalart(asker.member.id, year).await? else {
            return Err(ServiceError::User(match year {
                Some(year) => asker.t("mandalart.none_year", &[("year", &year.to_string())]),
                None => {
                    let example = asker.spell(Example::MandalartDone("3.5"));
                    asker.t(none, &[("example", &example)])
                }
            }));
        };
        let grid = Grid::from_storage(&stored.grid)
            .ok_or_else(|| anyhow::anyhow!("stored Mandalart for {} is unreadable", stored.year))?;
        Ok((stored, grid))
    }
}

/// The sheet, as a heat map with its legend once anything is checked or rated.
pub(super) fn picture(
    asker: &Asker,
    grid: &Grid,
    marks: &Marks,
    title: &str,
) -> Result<Vec<u8>, ServiceError> {
    let png = if marks.is_empty() {
        sheet(grid, title, true)
    } else {
        let heat = Heat {
            marks,
            legend: legend(asker),
        };
        heat_map(grid, &heat, title, true)
    };
    Ok(png.map_err(anyhow::Error::new)?)
}

/// The heat map legend's words: done, partial, not yet, unchecked.
fn legend(asker: &Asker) -> [String; 4] {
    ["done", "partial", "not-yet", "unchecked"]
        .map(|s| asker.t(&format!("mandalart.status.{s}"), &[]))
}

/// For a Mandalart sub-goal's rating question of the round: `Some` with the rating to write
/// (none when left empty); `None` for any other question.
pub(super) fn rating_write(
    round: &RoundForm,
    id: &QuestionId,
    value: &Option<AnswerValue>,
) -> Option<Option<RatingWrite>> {
    let plan = round.plan?;
    let goal = rated_goal(id.as_str())?;
    let Some(AnswerValue::Scale(rating)) = value else {
        return Some(None);
    };
    Some(Some(RatingWrite {
        plan,
        goal,
        round: round.delivery.round_id,
        rating: *rating,
    }))
}

/// A resolution as a cell: on one line, cut with "…" when longer than a cell takes.
fn cell_of(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= CELL_MAX_LEN {
        return line;
    }
    let cut: String = line.chars().take(CELL_MAX_LEN - 1).collect();
    format!("{}…", cut.trim_end())
}
