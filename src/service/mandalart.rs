//! `mandalart [year]`: the asker's Mandalart as a Markdown 9×9 table and a picture of the sheet
//! (attached), only to them. A table too long for one message goes as a Markdown file.

use std::collections::HashMap;

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::grid_form::stored_grid;
use super::reply::{Attachment, Reply};
use super::rounds::RoundForm;
use crate::domain::mandalart::{CELL_MAX_LEN, CELLS, Grid, Part, SIDE};
use crate::domain::recap::chart::mandalart::sheet;

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

    /// The asker's Mandalart for `year` (their latest without one).
    pub(crate) async fn show_mandalart(
        &self,
        asker: &Asker,
        year: Option<i32>,
    ) -> Result<Reply, ServiceError> {
        let Some(stored) = self.store.mandalart(asker.member.id, year).await? else {
            return Err(ServiceError::User(match year {
                Some(year) => asker.t("mandalart.none_year", &[("year", &year.to_string())]),
                None => asker.t("mandalart.none", &[]),
            }));
        };
        let grid = Grid::from_storage(&stored.grid)
            .ok_or_else(|| anyhow::anyhow!("stored Mandalart for {} is unreadable", stored.year))?;
        let year = stored.year.to_string();
        let title = asker.t("mandalart.picture_title", &[("year", &year)]);
        let png = sheet(&grid, &title, true).map_err(anyhow::Error::new)?;
        let heading = asker.t(
            "mandalart.heading",
            &[
                ("year", &year),
                ("filled", &grid.filled().to_string()),
                ("cells", &CELLS.to_string()),
            ],
        );
        let table = grid.markdown();
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
