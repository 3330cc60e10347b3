//! `forget-me`: after an explicit confirmation, deletes the member and everything they wrote in
//! one transaction, and says how much of each kind was deleted.

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::ids::ActionId;
use super::reply::{Action, Reply};
use super::settings::strs;
use super::syntax::Example;

impl Service {
    /// `forget-me` asks to confirm (with what would be deleted); `forget-me confirm` deletes.
    pub(crate) async fn forget_me(
        &self,
        asker: &Asker,
        confirmed: bool,
    ) -> Result<Reply, ServiceError> {
        if !confirmed {
            return self.ask_to_forget(asker).await;
        }
        let counts = self.store.forget_member(asker.member.id).await?;
        // What this process keeps of them in memory goes too: forms shown, profiles, channels.
        let (team, user) = (&asker.team.external_id, &asker.member.user_id);
        self.shown.forget(team, user);
        self.memories.forget(team, user);
        super::memory::Remembers::forget(self.readers.as_ref(), team, user);
        tracing::info!(member = %asker.member.id, ?counts, "member forgotten");
        let args = [
            ("answers", counts.answers.to_string()),
            ("history", counts.history.to_string()),
            ("resolutions", counts.resolutions.to_string()),
            ("deliveries", counts.deliveries.to_string()),
            ("participations", counts.participations.to_string()),
            ("team", asker.team.name.clone()),
        ];
        Ok(asker.reply(asker.t("forget_me.done", &strs(&args))))
    }

    async fn ask_to_forget(&self, asker: &Asker) -> Result<Reply, ServiceError> {
        let (answers, resolutions) = self.store.member_data_counts(asker.member.id).await?;
        let args = [
            ("answers", answers.to_string()),
            ("resolutions", resolutions.to_string()),
            ("team", asker.team.name.clone()),
            ("confirm", asker.spell(Example::ForgetMeConfirm)),
        ];
        let button = |id: ActionId, label: &str, primary| Action {
            id,
            label: asker.t(label, &[]),
            primary,
        };
        Ok(Reply {
            actions: vec![
                button(ActionId::ForgetConfirm, "button.confirm", true),
                button(ActionId::ForgetCancel, "button.cancel", false),
            ],
            ..asker.reply(asker.t("forget_me.confirm", &strs(&args)))
        })
    }
}
