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
    /// The actor's team and member, registering either on first contact. One read when both
    /// are known and their names are as the platform gives them; a write only for what is new
    /// or renamed (a member's language and zone are taken from the platform on first contact
    /// only: after that they are the member's own settings).
    pub async fn identify(&self, actor: &Actor) -> Result<(Team, Member), ServiceError> {
        let found = self
            .store
            .identity(actor.platform, &actor.team_external_id, &actor.user_id)
            .await?;
        let (team, member) = match found {
            // An empty name is one the platform has not given yet: the team keeps its own.
            Some((team, member)) if team.name == actor.team_name || actor.team_name.is_empty() => {
                (team, member)
            }
            Some((_, member)) => (self.register_team(actor).await?, member),
            None => (self.register_team(actor).await?, None),
        };
        match member {
            // An empty name is one the platform has not given: the member keeps their own.
            Some(member) if actor.display_name.is_empty() => Ok((team, member)),
            Some(member) if member.display_name == actor.display_name => Ok((team, member)),
            _ => {
                let member = self.register_member(actor, &team).await?;
                Ok((team, member))
            }
        }
    }

    /// Writes the actor's team: new, or with the name the platform now gives it.
    async fn register_team(&self, actor: &Actor) -> Result<Team, ServiceError> {
        let team = NewTeam {
            platform: actor.platform,
            external_id: actor.team_external_id.clone(),
            name: match actor.team_name.is_empty() {
                true => actor.team_external_id.clone(),
                false => actor.team_name.clone(),
            },
            time_zone: self.defaults.time_zone,
            language: self.defaults.language,
        };
        Ok(self.store.ensure_team(&team, self.clock.now()).await?)
    }

    /// Writes the actor as a member of `team`: new, with the platform's locale and zone as their
    /// first settings, or with the name the platform now gives them.
    async fn register_member(&self, actor: &Actor, team: &Team) -> Result<Member, ServiceError> {
        let language = actor
            .locale
            .as_deref()
            .map(Lang::from_locale)
            .unwrap_or(team.language);
        let member = NewMember {
            team_id: team.id,
            user_id: actor.user_id.clone(),
            display_name: match actor.display_name.is_empty() {
                true => actor.user_id.clone(),
                false => actor.display_name.clone(),
            },
            language,
            time_zone: actor.time_zone,
        };
        Ok(self.store.ensure_member(&member, self.clock.now()).await?)
    }

    /// The language `actor` reads, without writing anything: their setting when hoego knows
    /// them, else their platform locale's, else the default.
    pub(crate) async fn known_lang(&self, actor: &Actor) -> Lang {
        let found = self
            .store
            .identity(actor.platform, &actor.team_external_id, &actor.user_id)
            .await;
        match found {
            Ok(Some((_, Some(member)))) => member.language,
            Ok(Some((team, None))) => actor
                .locale
                .as_deref()
                .map_or(team.language, Lang::from_locale),
            _ => self.fallback_lang(actor.locale.as_deref()),
        }
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
