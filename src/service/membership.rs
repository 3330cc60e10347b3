//! A schedule's audience: admins add and remove members by mention, id or name; members join
//! and leave themselves.

use super::Service;
use super::asker::Asker;
use super::command::UserRef;
use super::error::ServiceError;
use super::i18n::t;
use super::reply::Reply;
use crate::domain::lang::Lang;
use crate::domain::team::{Member, NewMember, Team};

impl Service {
    pub(super) async fn add_members(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
        users: &[UserRef],
    ) -> Result<Reply, ServiceError> {
        self.change_members(team, lang, name, users, true).await
    }

    pub(super) async fn remove_members(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
        users: &[UserRef],
    ) -> Result<Reply, ServiceError> {
        self.change_members(team, lang, name, users, false).await
    }

    /// Adds (`add`) or removes the named people as participants of a schedule.
    async fn change_members(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
        users: &[UserRef],
        add: bool,
    ) -> Result<Reply, ServiceError> {
        let schedule = self.schedule_called(team, lang, name).await?;
        let mut changed = Vec::new();
        for user in users {
            let member = self.member_for(team, lang, user).await?;
            if add {
                let now = self.clock.now();
                self.store
                    .add_participant(schedule.id, member.id, now)
                    .await?;
            } else {
                self.store
                    .remove_participant(schedule.id, member.id)
                    .await?;
            }
            changed.push(member.display_name);
        }
        let id = if add {
            "schedule.members_added"
        } else {
            "schedule.members_removed"
        };
        let members = changed.join(", ");
        let args = [
            ("members", members.as_str()),
            ("schedule", schedule.name.as_str()),
        ];
        Ok(Reply::text(lang, t(lang, id, &args)))
    }

    /// Adds the asker to a schedule's participants (the team's only schedule when `None`).
    pub(crate) async fn join(
        &self,
        asker: &Asker,
        schedule: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let (team, member, lang) = (&asker.team, &asker.member, asker.lang());
        let schedule = self
            .schedule_or_only(team, lang, schedule.as_deref(), "join")
            .await?;
        if !self
            .store
            .add_participant(schedule.id, member.id, self.clock.now())
            .await?
        {
            return Ok(Reply::text(
                lang,
                t(
                    lang,
                    "membership.already_member",
                    &[("schedule", &schedule.name)],
                ),
            ));
        }
        let reader = self.reader(team, member);
        let when = schedule
            .next_due_at
            .map_or_else(|| "-".into(), |at| reader.when(at));
        Ok(Reply::text(
            lang,
            t(
                lang,
                "membership.joined",
                &[("schedule", &schedule.name), ("when", &when)],
            ),
        ))
    }

    /// Removes the asker from a schedule's participants.
    pub(crate) async fn leave(
        &self,
        asker: &Asker,
        schedule: Option<String>,
    ) -> Result<Reply, ServiceError> {
        let (team, member, lang) = (&asker.team, &asker.member, asker.lang());
        let schedule = self
            .schedule_or_only(team, lang, schedule.as_deref(), "leave")
            .await?;
        let id = if self
            .store
            .remove_participant(schedule.id, member.id)
            .await?
        {
            "membership.left"
        } else {
            "membership.not_member"
        };
        Ok(Reply::text(
            lang,
            t(lang, id, &[("schedule", &schedule.name)]),
        ))
    }

    /// A member named by mention or id (registered if new: they may not have used hoego yet),
    /// or by display name (must be known).
    async fn member_for(
        &self,
        team: &Team,
        lang: Lang,
        user: &UserRef,
    ) -> Result<Member, ServiceError> {
        match user {
            UserRef::Id(id) => match self.store.find_member(team.id, id).await? {
                Some(member) => Ok(member),
                None => {
                    let new = NewMember {
                        team_id: team.id,
                        user_id: id.clone(),
                        display_name: id.clone(),
                        language: team.language,
                        time_zone: None,
                    };
                    Ok(self.store.ensure_member(&new, self.clock.now()).await?)
                }
            },
            UserRef::Name(name) => self
                .store
                .find_member(team.id, name.trim_start_matches('@'))
                .await?
                .ok_or_else(|| {
                    ServiceError::User(t(
                        lang,
                        "schedule.user_unknown",
                        &[("user", name), ("team", &team.name)],
                    ))
                }),
        }
    }
}
