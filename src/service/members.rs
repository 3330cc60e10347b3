//! Knowing who is asking: the actor's team and member rows, registered on first contact with
//! the platform's locale as their first language.

use super::error::ServiceError;
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

    /// The team (external id, name) of the delivery an action or form id such as `answer:42`
    /// names, when it was made to `user_id` on `platform`: how a platform that gives no team with
    /// a DM button press finds the team to act in. `None` when the id names no such delivery.
    pub async fn team_of_action(
        &self,
        platform: Platform,
        user_id: &str,
        action_id: &str,
    ) -> Result<Option<(String, String)>, ServiceError> {
        let delivery = action_id
            .split_once(':')
            .filter(|(kind, _)| matches!(*kind, "answer" | "skip" | "edit"))
            .and_then(|(_, id)| id.parse::<i64>().ok());
        let Some(delivery) = delivery else {
            return Ok(None);
        };
        Ok(self
            .store
            .team_of_delivery(platform, user_id, DeliveryId(delivery))
            .await?)
    }
}
