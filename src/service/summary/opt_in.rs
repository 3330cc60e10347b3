//! `settings summary [on|off]`: whether the team's answers may be sent to the operator's
//! endpoint for summaries, and which endpoint that is. Only admins change it; it cannot be
//! turned on while the operator configured no endpoint.

use crate::service::Service;
use crate::service::asker::Asker;
use crate::service::error::ServiceError;
use crate::service::reply::Reply;
use crate::service::syntax::Example;

impl Service {
    /// `settings summary` shows, `settings summary on|off` changes (admins only).
    pub(crate) async fn team_summary(
        &self,
        asker: &Asker,
        turn: Option<bool>,
    ) -> Result<Reply, ServiceError> {
        let endpoint = self.summaries.endpoint.as_deref();
        let (model, shown) = endpoint.map_or((String::new(), String::new()), |e| {
            (e.model.clone(), e.shown())
        });
        let on_command = asker.spell(Example::SummaryOn);
        let off_command = asker.spell(Example::SummaryOff);
        let args = |command: &str| {
            [
                ("endpoint", shown.clone()),
                ("model", model.clone()),
                ("command", command.to_string()),
            ]
        };
        let text = |id: &str, command: &str| {
            let args = args(command);
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            asker.t(&format!("summary.{id}"), &args)
        };
        let Some(on) = turn else {
            let opted = self.store.summary_opt_in(asker.team.id).await?.is_some();
            return Ok(asker.reply(match (endpoint, opted) {
                (None, _) => text("status_unconfigured", ""),
                (Some(_), true) => text("status_on", &off_command),
                (Some(_), false) => text("status_off", &on_command),
            }));
        };
        if !asker.admin {
            let team = asker.team.name.clone();
            return Err(ServiceError::User(
                asker.t("summary.admins_only", &[("team", &team)]),
            ));
        }
        if on && endpoint.is_none() {
            return Err(ServiceError::User(asker.t("summary.cannot_turn_on", &[])));
        }
        let now = self.clock.now();
        let (team, member) = (asker.team.id, asker.member.id);
        self.store.set_summary_opt_in(team, member, on, now).await?;
        Ok(asker.reply(if on {
            text("turned_on", &off_command)
        } else {
            text("turned_off", "")
        }))
    }
}
