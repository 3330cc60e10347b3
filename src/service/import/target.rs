//! Where an import goes: the team (named, the document's own, the only one, or a new local
//! team in an empty database) and, for one person's notes, the member.

use super::{ImportRequest, Service};
use crate::domain::import::Dataset;
use crate::domain::import::dataset::{MemberRecord, TeamRecord};
use crate::domain::lang::Lang;
use crate::domain::state::{DeliveryMode, Platform};
use crate::domain::team::{Member, Team};
use crate::domain::zone::ZoneName;
use crate::platform::console::{TEAM_ID, team_name};
use crate::service::error::ServiceError;
use crate::service::i18n::t;
use crate::store::ImportTeam;

/// The team an import goes to.
pub(super) struct Target {
    /// For the store.
    pub choice: ImportTeam,
    /// Its name, for the summary.
    pub name: String,
    /// Its zone.
    pub zone: ZoneName,
    /// Its members now.
    pub members: Vec<Member>,
}

impl Service {
    /// The team: `--team`, else the document's team, else the only team, else a new local team.
    pub(super) async fn target(
        &self,
        request: &ImportRequest,
        document_team: Option<&TeamRecord>,
    ) -> Result<Target, ServiceError> {
        let teams = self.store.all_teams().await?;
        let lang = request.lang;
        let found = match (request.team, document_team) {
            (Some(id), _) => Some(teams.iter().find(|team| team.id == id).ok_or_else(|| {
                let (team, teams) = (id.to_string(), list_teams(&teams));
                user(
                    lang,
                    "import.no_team",
                    &[("team", &team), ("teams", &teams)],
                )
            })?),
            (None, Some(record)) => teams.iter().find(|team| {
                team.platform == record.platform && team.external_id == record.external_id
            }),
            (None, None) if teams.len() > 1 => {
                let teams = list_teams(&teams);
                return Err(user(lang, "import.choose_team", &[("teams", &teams)]));
            }
            (None, None) => teams.first(),
        };
        if let Some(team) = found {
            return Ok(Target {
                choice: ImportTeam::Existing(team.id),
                name: team.name.clone(),
                zone: team.time_zone,
                members: self.store.team_members(team.id).await?,
            });
        }
        let record = document_team.cloned().unwrap_or_else(|| self.local_team());
        Ok(Target {
            name: record.name.clone(),
            zone: record.time_zone,
            choice: ImportTeam::Ensure(record),
            members: Vec::new(),
        })
    }

    /// The console's local team, as `hoego console` would register it.
    fn local_team(&self) -> TeamRecord {
        TeamRecord {
            platform: Platform::Console,
            external_id: TEAM_ID.into(),
            name: team_name(None, self.defaults.language),
            time_zone: self.defaults.time_zone,
            language: self.defaults.language,
            created_at: self.clock.now(),
        }
    }

    /// A document's dataset aimed at the target: with `--member`, its one member becomes them.
    pub(super) async fn document_dataset(
        &self,
        request: &ImportRequest,
        mut data: Dataset,
        member_doc: bool,
    ) -> Result<(Target, Dataset), ServiceError> {
        let target = self.target(request, data.team.as_ref()).await?;
        let Some(id) = request.member else {
            return Ok((target, data));
        };
        let member = find_member(request, &target, id)?;
        if data.members.len() != 1 || !member_doc && data.members[0].user_id != member.user_id {
            let count = data.members.len().to_string();
            return Err(user(
                request.lang,
                "import.one_member_only",
                &[("count", &count)],
            ));
        }
        let from = data.members.remove(0).user_id;
        data.rename_member(&from, &member.user_id);
        if request.own_notes_only {
            self.own_milestones(request, &mut data, &member.user_id)
                .await?;
        }
        data.members.push(member_record(&member, self.clock.now()));
        Ok((target, data))
    }
}

/// The member `id` of the target team, or a refusal listing its members.
pub(super) fn find_member(
    request: &ImportRequest,
    target: &Target,
    id: crate::domain::ids::MemberId,
) -> Result<Member, ServiceError> {
    target
        .members
        .iter()
        .find(|m| m.id == id)
        .cloned()
        .ok_or_else(|| {
            let members = list_members(&target.members);
            let args = [
                ("member", id.to_string()),
                ("team", target.name.clone()),
                ("members", members),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            user(request.lang, "import.no_member", &args)
        })
}

/// A member as a dataset names them (an existing member's row is left as it is).
pub(super) fn member_record(member: &Member, now: chrono::DateTime<chrono::Utc>) -> MemberRecord {
    MemberRecord {
        user_id: member.user_id.clone(),
        display_name: member.display_name.clone(),
        time_zone: member.time_zone,
        language: member.language,
        delivery: member.delivery,
        paused_until: member.paused_until,
        dm_channel_id: None,
        created_at: now,
    }
}

/// A member to register, named `name` (user id in lower case, as the console does).
pub(super) fn new_member(
    name: &str,
    language: Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> MemberRecord {
    MemberRecord {
        user_id: name.trim().to_lowercase(),
        display_name: name.trim().to_string(),
        time_zone: None,
        language,
        delivery: DeliveryMode::Dm,
        paused_until: None,
        dm_channel_id: None,
        created_at: now,
    }
}

/// `1 Core team, 2 Other`.
fn list_teams(teams: &[Team]) -> String {
    let names: Vec<String> = teams
        .iter()
        .map(|t| format!("{} {}", t.id, t.name))
        .collect();
    names.join(", ")
}

/// `1 mina, 2 joon`.
pub(super) fn list_members(members: &[Member]) -> String {
    let names: Vec<String> = members
        .iter()
        .map(|m| format!("{} {}", m.id, m.display_name))
        .collect();
    names.join(", ")
}

/// A refusal in the catalog's words.
pub(super) fn user(lang: Lang, id: &str, args: &[(&str, &str)]) -> ServiceError {
    ServiceError::User(t(lang, id, args))
}
