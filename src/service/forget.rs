//! `forget-me`: after an explicit confirmation, deletes the member and everything they wrote in
//! one transaction, says how much of each kind was deleted, and has every process (this one and,
//! on PostgreSQL, the others sharing the database, told by `NOTIFY`) forget them in memory too.

use tokio::sync::watch;

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::ids::ActionId;
use super::reply::{Action, Reply};
use super::settings::strs;
use super::syntax::Example;
use crate::store::{Forgotten, ForgottenListener};

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
        // What this process and every other one keeps of them in memory goes too.
        let forgotten = Forgotten {
            team: asker.team.external_id.clone(),
            user: asker.member.user_id.clone(),
        };
        self.forget_in_memory(&forgotten);
        if let Err(error) = self.store.announce_forgotten(&forgotten).await {
            tracing::warn!(error = %error, "other processes were not told of a forget-me");
        }
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

impl Service {
    /// Forgets what this process keeps of `forgotten` in memory: forms shown, the platform's
    /// profiles, DM channels and forms being filled, who reads which channel.
    pub fn forget_in_memory(&self, forgotten: &Forgotten) {
        let (team, user) = (forgotten.team.as_str(), forgotten.user.as_str());
        self.shown.forget(team, user);
        self.memories.forget(team, user);
        super::memory::Remembers::forget(self.readers.as_ref(), team, user);
    }

    /// Starts listening for forget-me in other processes sharing the database; `None` when
    /// there are none (SQLite).
    pub async fn forgotten_listener(&self) -> Result<Option<ForgottenListener>, ServiceError> {
        Ok(self.store.forgotten_listener().await?)
    }

    /// Forgets in memory each person `listener` hears was forgotten, until `stop` turns true.
    pub async fn keep_forgetting(
        &self,
        mut listener: ForgottenListener,
        mut stop: watch::Receiver<bool>,
    ) {
        loop {
            tokio::select! {
                () = stopped(&mut stop) => return,
                heard = listener.next() => match heard {
                    Ok(forgotten) => self.forget_in_memory(&forgotten),
                    Err(error) => {
                        tracing::warn!(error = %error, "forget-me announcements not received; retrying");
                        tokio::time::sleep(LISTEN_RETRY).await;
                    }
                },
            }
        }
    }

    /// Listens for forget-me in other processes until `stop` (the background loop): on
    /// SQLite it only waits for `stop`.
    pub async fn listen_for_forgotten(&self, mut stop: watch::Receiver<bool>) {
        loop {
            match self.forgotten_listener().await {
                Ok(Some(listener)) => return self.keep_forgetting(listener, stop).await,
                Ok(None) => return stopped(&mut stop).await,
                Err(error) => {
                    tracing::warn!(error = %error, "cannot listen for forget-me announcements; retrying");
                    tokio::select! {
                        () = stopped(&mut stop) => return,
                        () = tokio::time::sleep(LISTEN_RETRY) => {}
                    }
                }
            }
        }
    }
}

/// Completes once `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}

/// How long to wait before listening again after the database did not answer.
const LISTEN_RETRY: std::time::Duration = std::time::Duration::from_secs(5);
