//! Knowing who is asking: the actor's team and member rows, registered on first contact with
//! the platform's locale as their first language; and the team of a DM interaction, which only
//! the delivery it names can tell.

use super::error::ServiceError;
use super::i18n::t;
use super::interaction::Outcome;
use super::reply::Reply;
use super::{Actor, Service};
use crate::domain::ids::DeliveryId;
use crate::domain::lang::Lang;
use crate::domain::state::Platform;
use crate::domain::team::{Member, NewMember, NewTeam, Team};

impl Service {
    /// The actor's team and member, registering either on first contact.
    pub async fn identify(&self, actor: &Actor) -> Result<(Team, Member), ServiceError> {
        let now = self.clock.now();
        let team = NewTeam {
            platform: actor.platform,
            external_id: actor.team_external_id.clone(),
            name: actor.team_name.clone(),
            time_zone: self.defaults.time_zone,
            language: self.defaults.language,
        };
        let team = self.store.ensure_team(&team, now).await?;
        let language = actor
            .locale
            .as_deref()
            .map(Lang::from_locale)
            .unwrap_or(team.language);
        let member = NewMember {
            team_id: team.id,
            user_id: actor.user_id.clone(),
            display_name: actor.display_name.clone(),
            language,
            time_zone: actor.time_zone,
        };
        let member = self.store.ensure_member(&member, now).await?;
        Ok((team, member))
    }

    /// The team (external id, name) of `delivery` when it was made to `user_id` on `platform`:
    /// how a platform that gives no team with a DM button press finds the team to act in.
    /// `None` when there is no such delivery.
    pub async fn team_of_delivery(
        &self,
        platform: Platform,
        user_id: &str,
        delivery: DeliveryId,
    ) -> Result<Option<(String, String)>, ServiceError> {
        Ok(self
            .store
            .team_of_delivery(platform, user_id, delivery)
            .await?)
    }

    /// The outcome when the team of a DM interaction cannot be found (`unreachable`: the
    /// database did not answer), in the language of the platform's `locale`, giving back
    /// anything typed.
    pub fn unplaced(
        &self,
        locale: Option<&str>,
        unreachable: bool,
        typed: &[(String, String)],
    ) -> Outcome {
        let lang = self.fallback_lang(locale);
        let message = match unreachable {
            true => "error.database_unreachable",
            false => "answer.not_found",
        };
        let mut reply = Reply::text(lang, t(lang, message, &[]));
        let texts: Vec<&str> = typed
            .iter()
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
            .collect();
        if !texts.is_empty() {
            reply.blocks.push(t(lang, "answer.given_back", &[]));
            reply.blocks.push(texts.join("\n\n"));
        }
        match unreachable {
            true => Outcome::Unavailable(reply),
            false => Outcome::Refused(reply),
        }
    }
}
