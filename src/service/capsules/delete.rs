//! `capsule delete <n>`: a letter removed for good, by its number in `capsule list`. A letter
//! to the team only while its author is an admin. The reply says which letter went.

use crate::service::Service;
use crate::service::asker::Asker;
use crate::service::error::ServiceError;
use crate::service::reply::Reply;
use crate::service::schedules::require_admin;
use crate::service::syntax::Example;

use super::long_day;

impl Service {
    /// Deletes the asker's letter numbered `n` in their list.
    pub(super) async fn delete_capsule(
        &self,
        asker: &Asker,
        n: u32,
    ) -> Result<Reply, ServiceError> {
        let letters = self.store.capsules_of(asker.member.id).await?;
        if letters.is_empty() {
            let write = asker.spell(Example::CapsuleWrite(None));
            return Err(ServiceError::User(
                asker.t("capsule.none", &[("write", &write)]),
            ));
        }
        let index = usize::try_from(n).unwrap_or(usize::MAX).saturating_sub(1);
        let Some(letter) = letters.get(index).filter(|_| n > 0) else {
            let args = [
                ("n", n.to_string()),
                ("count", letters.len().to_string()),
                ("list", asker.spell(Example::CapsuleList)),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            return Err(ServiceError::User(asker.t("capsule.no_such", &args)));
        };
        if letter.team_wide {
            require_admin(asker, asker.lang())?;
        }
        self.store
            .delete_capsule(asker.member.id, letter.id)
            .await?;
        tracing::info!(capsule = %letter.id, "letter deleted");
        let id = if letter.opens_at > self.clock.now() {
            "capsule.deleted_sealed"
        } else {
            "capsule.deleted_opened"
        };
        let args = [
            ("n", n.to_string()),
            ("written", long_day(asker.lang(), letter.written_on)),
            ("day", long_day(asker.lang(), letter.open_on)),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Ok(asker.reply(asker.t(id, &args)))
    }
}
