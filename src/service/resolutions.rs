//! `resolutions` lists my resolutions; `resolutions set <n> <status> [note]` records how one
//! is going (a follow-up with the note, kept for the year-end recap).

use super::Service;
use super::asker::Asker;
use super::command::ResolutionStatus as Progress;
use super::error::ServiceError;
use super::i18n::resolution_words::status_word;
use super::reply::Reply;
use crate::domain::state::ResolutionStatus;

impl Service {
    /// Lists the asker's resolutions, numbered.
    pub(crate) async fn list_resolutions(&self, asker: &Asker) -> Result<Reply, ServiceError> {
        let items = self.store.resolution_items(asker.member.id).await?;
        if items.is_empty() {
            return Ok(asker.reply(asker.t("resolutions.empty", &[])));
        }
        let mut lines = vec![asker.t("resolutions.header", &[])];
        for (index, item) in items.iter().enumerate() {
            let number = (index + 1).to_string();
            let status = status_word(asker.lang(), item.status);
            let mut line = asker.t(
                "resolutions.item",
                &[
                    ("number", &number),
                    ("text", &item.text),
                    ("status", &status),
                ],
            );
            if let Some(note) = &item.note {
                line.push_str(&format!(" ({note})"));
            }
            lines.push(line);
        }
        Ok(asker.reply(lines.join("\n")))
    }

    /// Records progress on the asker's resolution number `number` (from 1).
    pub(crate) async fn set_resolution(
        &self,
        asker: &Asker,
        number: u32,
        progress: Progress,
        note: Option<&str>,
    ) -> Result<Reply, ServiceError> {
        let items = self.store.resolution_items(asker.member.id).await?;
        let Some(item) = (number as usize).checked_sub(1).and_then(|i| items.get(i)) else {
            let args = [
                ("number", number.to_string()),
                ("count", items.len().to_string()),
            ];
            return Err(ServiceError::User(
                asker.t("resolutions.not_found", &super::settings::strs(&args)),
            ));
        };
        let status = stored(progress);
        let note = note.unwrap_or("").trim();
        super::guard::within(asker.lang(), "note", note, super::guard::NOTE_LEN)?;
        self.store
            .follow_up_resolution(
                item.id,
                (status, note),
                self.clock.now(),
                asker.request.as_ref(),
            )
            .await?;
        let args = [
            ("number", number.to_string()),
            ("status", status_word(asker.lang(), status)),
        ];
        Ok(asker.reply(asker.t("resolutions.updated", &super::settings::strs(&args))))
    }
}

fn stored(progress: Progress) -> ResolutionStatus {
    match progress {
        Progress::OnTrack => ResolutionStatus::OnTrack,
        Progress::Changed => ResolutionStatus::Changed,
        Progress::Done => ResolutionStatus::Done,
        Progress::Dropped => ResolutionStatus::Dropped,
    }
}
