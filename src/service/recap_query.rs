//! The command line's recap (`hoego recap`): whose recap it is, from the ids given (a member's
//! own, else a team's, the only team when none is named), in the reader's zone and language,
//! over a period read against today by the service's clock.

use super::Service;
use super::error::ServiceError;
use super::recap::RecapOrder;
use crate::domain::ids::{MemberId, TeamId};
use crate::domain::lang::Lang;
use crate::domain::period::{Period, PeriodError};
use crate::domain::recap::{Recap, Scope};
use crate::domain::state::Platform;
use crate::domain::team::{Member, Team};
use crate::service::summary::SummaryPart;
use crate::service::syntax::{Example, spell};
use crate::store::StoreError;

/// A recap asked for by ids rather than by a person in a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapQuery {
    /// The period as typed (`2026`, `2026-Q3`, `month`, …).
    pub period: String,
    /// The team; may be left out when the database holds one team (or a member is named).
    pub team: Option<TeamId>,
    /// The member whose own recap it is (every answer of theirs, private ones included).
    pub member: Option<MemberId>,
    /// The language to write in; the member's, else the team's, when `None`.
    pub lang: Option<Lang>,
    /// At most this many condensed lines per question in each period.
    pub max_lines: usize,
}

/// Why a [`RecapQuery`] cannot be compiled.
#[derive(Debug, thiserror::Error)]
pub enum RecapQueryError {
    /// The period is none hoego knows.
    #[error(transparent)]
    Period(PeriodError),
    /// No member has this id.
    #[error("there is no member {0}")]
    NoMember(MemberId),
    /// No team has this id.
    #[error("there is no team {0}")]
    NoTeam(TeamId),
    /// No team was named and there is none yet.
    #[error("there are no teams yet")]
    NoTeams,
    /// No team was named and there are several.
    #[error("there are several teams")]
    SeveralTeams(Vec<Team>),
    /// The member named is not in the team named.
    #[error("member {member} is not in team {team}")]
    NotInTeam {
        /// The member.
        member: MemberId,
        /// The team.
        team: TeamId,
    },
    /// The recap could not be read.
    #[error(transparent)]
    Failed(#[from] ServiceError),
}

impl From<StoreError> for RecapQueryError {
    fn from(error: StoreError) -> Self {
        RecapQueryError::Failed(error.into())
    }
}

impl Service {
    /// Compiles the recap `query` asks for.
    pub async fn recap_query(&self, query: &RecapQuery) -> Result<Recap, RecapQueryError> {
        Ok(self.query_recap(query).await?.0)
    }

    /// Compiles the recap `query` asks for, with the written summary above it (or the notice
    /// that replaces it) as `hoego recap --summary` shows it.
    pub async fn recap_query_with_summary(
        &self,
        query: &RecapQuery,
    ) -> Result<(Recap, SummaryPart), RecapQueryError> {
        let (recap, team, member) = self.query_recap(query).await?;
        let turn_on = spell(Platform::Console, recap.lang, Example::SummaryOn);
        let part = self
            .summary_part(&team, member.as_ref(), &recap, &turn_on)
            .await;
        Ok((recap, part))
    }

    async fn query_recap(
        &self,
        query: &RecapQuery,
    ) -> Result<(Recap, Team, Option<Member>), RecapQueryError> {
        let member = match query.member {
            Some(id) => Some(self.member_by_id(id).await?),
            None => None,
        };
        let team = self
            .team_for(query.team.or(member.as_ref().map(|m| m.team_id)))
            .await?;
        if let Some(member) = &member
            && member.team_id != team.id
        {
            let (member, team) = (member.id, team.id);
            return Err(RecapQueryError::NotInTeam { member, team });
        }
        let zone = member
            .as_ref()
            .and_then(|m| m.time_zone)
            .unwrap_or(team.time_zone);
        let today = self.clock.now().with_timezone(&zone.tz()).date_naive();
        let period = Period::parse(&query.period, today).map_err(RecapQueryError::Period)?;
        let lang = query
            .lang
            .or(member.as_ref().map(|m| m.language))
            .unwrap_or(team.language);
        let order = RecapOrder {
            scope: member.as_ref().map_or(Scope::Team, |_| Scope::Me),
            team: team.clone(),
            member: member.clone(),
            period,
            zone,
            lang,
            shared_only: false,
            digest_channel: None,
            today,
            max_lines: query.max_lines,
        };
        Ok((self.compile_recap(&order).await?, team, member))
    }

    async fn member_by_id(&self, id: MemberId) -> Result<Member, RecapQueryError> {
        match self.store.member(id).await {
            Ok(member) => Ok(member),
            Err(StoreError::NotFound(_)) => Err(RecapQueryError::NoMember(id)),
            Err(other) => Err(other.into()),
        }
    }

    /// The team named, or the only team when none is named.
    async fn team_for(&self, id: Option<TeamId>) -> Result<Team, RecapQueryError> {
        if let Some(id) = id {
            let team = self.store.team_by_id(id).await?;
            return team.ok_or(RecapQueryError::NoTeam(id));
        }
        let mut teams = self.store.all_teams().await?;
        match teams.len() {
            1 => Ok(teams.remove(0)),
            0 => Err(RecapQueryError::NoTeams),
            _ => Err(RecapQueryError::SeveralTeams(teams)),
        }
    }
}
