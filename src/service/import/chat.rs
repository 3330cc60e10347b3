//! Members importing their own notes from chat: a file sent with `import` is checked by a dry
//! run restricted to the asker (their team, their own notes; a team backup or another member's
//! file is refused), kept in the database with an expiry, and written only when they press
//! Confirm — once, however often it is pressed.

use chrono::TimeDelta;

use super::{ImportFile, ImportRequest, ImportSummary, Service, refusal};
use crate::domain::ids::PendingImportId;
use crate::domain::import::{ImportError, Place, Problem};
use crate::service::asker::Asker;
use crate::service::error::ServiceError;
use crate::service::ids::ActionId;
use crate::service::reply::{Action, Reply};

/// How long a checked file waits for its Confirm.
pub const PENDING_FOR: TimeDelta = TimeDelta::minutes(30);

/// A file a member sent to import from chat, as the platform got it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upload {
    /// The file, fetched.
    File(ImportFile),
    /// A file the platform did not fetch, as it is larger than [`Service::chat_import_limit`].
    TooLarge {
        /// Its name.
        name: String,
        /// Its size in bytes, as the platform says.
        bytes: u64,
    },
    /// A folder (the console): a whole folder of notes is for `hoego import`.
    Folder {
        /// Its name.
        name: String,
    },
    /// A file the platform could not fetch.
    Unfetched {
        /// Its name.
        name: String,
        /// Why, as the platform says.
        why: String,
    },
}

impl Service {
    /// The largest file a member may import from chat, in bytes.
    pub fn chat_import_limit(&self) -> u64 {
        self.guard.policy.chat_import_bytes
    }

    /// `import` with a file: the dry run's summary and, when it would add anything, the file
    /// kept with a Confirm button.
    pub(crate) async fn import_upload(
        &self,
        asker: &Asker,
        upload: Upload,
    ) -> Result<Reply, ServiceError> {
        self.count_heavy(asker)?;
        let file = self.fetched(asker, upload)?;
        let summary = self.import(&own_request(asker, self, &file, true)).await?;
        if !summary.report.added_anything() {
            return Ok(asker.reply(summary.text));
        }
        let text = String::from_utf8(file.bytes).expect("the dry run read it as UTF-8");
        let now = self.clock.now();
        let kept = [(file.path, text)];
        let id = self
            .store
            .keep_pending_import(asker.member.id, &kept, now, now + PENDING_FOR)
            .await?;
        let minutes = PENDING_FOR.num_minutes().to_string();
        let hint = asker.t("import.confirm_hint", &[("minutes", &minutes)]);
        let button = |id: ActionId, label: &str, primary| Action {
            id,
            label: asker.t(label, &[]),
            primary,
        };
        Ok(Reply {
            blocks: vec![summary.text, hint],
            actions: vec![
                button(ActionId::ConfirmImport(id), "button.confirm", true),
                button(ActionId::CancelImport(id), "button.cancel", false),
            ],
            ..Reply::new(asker.lang())
        })
    }

    /// Confirm: the kept file imported for real, once; an expired or finished one refused.
    pub(crate) async fn confirm_import(
        &self,
        asker: &Asker,
        id: PendingImportId,
    ) -> Result<Reply, ServiceError> {
        let member = asker.member.id;
        let Some(pending) = self.store.pending_import(id, member).await? else {
            return Err(ServiceError::User(asker.t("import.pending_gone", &[])));
        };
        if pending.expires_at <= self.clock.now() {
            self.store.drop_pending_import(id, member).await?;
            let minutes = PENDING_FOR.num_minutes().to_string();
            let args = [("minutes", minutes.as_str())];
            return Err(ServiceError::User(asker.t("import.pending_expired", &args)));
        }
        // Claimed before writing: of two presses at once, one imports and the other is told.
        if !self.store.drop_pending_import(id, member).await? {
            return Err(ServiceError::User(asker.t("import.pending_gone", &[])));
        }
        let mut summary: Option<ImportSummary> = None;
        for (path, text) in pending.files {
            let file = ImportFile {
                path,
                bytes: text.into_bytes(),
            };
            summary = Some(self.import(&own_request(asker, self, &file, false)).await?);
        }
        let text = summary.map(|s| s.text).unwrap_or_default();
        Ok(asker.reply(text))
    }

    /// Cancel: the kept file forgotten.
    pub(crate) async fn cancel_import(
        &self,
        asker: &Asker,
        id: PendingImportId,
    ) -> Result<Reply, ServiceError> {
        let dropped = self.store.drop_pending_import(id, asker.member.id).await?;
        let message = if dropped {
            "import.cancelled"
        } else {
            "import.pending_gone"
        };
        Ok(asker.reply(asker.t(message, &[])))
    }

    /// The fetched file, or the refusal of one the platform could not or would not fetch.
    fn fetched(&self, asker: &Asker, upload: Upload) -> Result<ImportFile, ServiceError> {
        let limit = self.chat_import_limit();
        let (name, problem) = match upload {
            Upload::File(file) if file.bytes.len() as u64 <= limit => return Ok(file),
            Upload::File(file) => {
                let bytes = file.bytes.len() as u64;
                (file.path, Problem::TooLarge { bytes, limit })
            }
            Upload::TooLarge { name, bytes } => (name, Problem::TooLarge { bytes, limit }),
            Upload::Folder { name } => {
                let args = [("name", name.as_str())];
                return Err(ServiceError::User(asker.t("import.folder_in_chat", &args)));
            }
            Upload::Unfetched { name, why } => {
                let args = [("name", name.as_str()), ("why", why.as_str())];
                return Err(ServiceError::User(asker.t("import.unfetched", &args)));
            }
        };
        Err(refusal(
            &ImportError::new(name, Place::File, problem),
            asker.lang(),
        ))
    }
}

/// An import of `file` as the asker's own notes, into their team.
fn own_request(
    asker: &Asker,
    service: &Service,
    file: &ImportFile,
    dry_run: bool,
) -> ImportRequest {
    ImportRequest {
        files: vec![file.clone()],
        mapping: None,
        team: Some(asker.team.id),
        member: Some(asker.member.id),
        template: None,
        new_member: None,
        max_bytes: service.chat_import_limit(),
        lang: asker.lang(),
        dry_run,
        own_notes_only: true,
    }
}
