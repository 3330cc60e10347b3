//! A schedule's audience: admins add and remove members by mention, id or name; members join
//! and leave themselves.

use super::Service;
use super::asker::Asker;
use super::command::UserRef;
use super::error::ServiceError;
use super::i18n::t;
use super::reply::Reply;
use super::syntax::Example;
use crate::domain::ids::ScheduleId;
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

    /// Adds (`add`) or removes the named people as participants of a schedule: all of them, or
    /// (someone unknown, or the schedule full) none.
    async fn change_members(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
        users: &[UserRef],
        add: bool,
    ) -> Result<Reply, ServiceError> {
        let schedule = self.schedule_called(team, lang, name).await?;
        if add {
            // More people than a schedule holds are refused before any of them is looked up.
            self.room_for_participants(&schedule.name, 0, users.len(), lang)?;
        }
        let members = self.members_for(team, lang, users).await?;
        if add {
            let new = self.not_yet_in(schedule.id, &members).await?;
            let now = usize::try_from(schedule.participants).unwrap_or(0);
            self.room_for_participants(&schedule.name, now, new, lang)?;
        }
        let now = self.clock.now();
        for member in &members {
            if add {
                self.store
                    .add_participant(schedule.id, member.id, now, None)
                    .await?;
            } else {
                self.store
                    .remove_participant(schedule.id, member.id, now, None)
                    .await?;
            }
        }
        let id = if add {
            "schedule.members_added"
        } else {
            "schedule.members_removed"
        };
        let names: Vec<&str> = members.iter().map(|m| m.display_name.as_str()).collect();
        let members = names.join(", ");
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
        let once = asker.request.as_ref();
        let schedule = self
            .schedule_or_only(team, lang, schedule.as_deref(), |s| Example::Join(s))
            .await?;
        let new = self
            .not_yet_in(schedule.id, std::slice::from_ref(member))
            .await?;
        let now = usize::try_from(schedule.participants).unwrap_or(0);
        self.room_for_participants(&schedule.name, now, new, lang)?;
        if !self
            .store
            .add_participant(schedule.id, member.id, self.clock.now(), once)
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
        let once = asker.request.as_ref();
        let schedule = self
            .schedule_or_only(team, lang, schedule.as_deref(), |s| Example::Leave(s))
            .await?;
        let id = if self
            .store
            .remove_participant(schedule.id, member.id, self.clock.now(), once)
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

    /// How many of `members` do not take part in `schedule` yet.
    async fn not_yet_in(
        &self,
        schedule: ScheduleId,
        members: &[Member],
    ) -> Result<usize, ServiceError> {
        let current = self.store.participants_of(schedule).await?;
        let is_in = |m: &Member| current.iter().any(|c| c.id == m.id);
        Ok(members.iter().filter(|m| !is_in(m)).count())
    }

    /// The members `users` name, each once; an unknown name refuses them all.
    pub(super) async fn members_for(
        &self,
        team: &Team,
        lang: Lang,
        users: &[UserRef],
    ) -> Result<Vec<Member>, ServiceError> {
        let mut members: Vec<Member> = Vec::with_capacity(users.len());
        for user in users {
            let member = self.member_for(team, lang, user).await?;
            if !members.iter().any(|m| m.id == member.id) {
                members.push(member);
            }
        }
        Ok(members)
    }

    /// A member named by mention or id (registered if new: they may not have used hoego yet),
    /// or by display name (must be known).
    async fn member_for(
        &self,
        team: &Team,
        lang: Lang,
        user: &UserRef,
    ) -> Result<Member, ServiceError> {
        let (id, name) = match user {
            UserRef::Id(id) => (id, None),
            UserRef::Person { id, name } => (id, Some(name)),
            UserRef::Name(name) => return self.member_named(team, lang, name).await,
        };
        match self.store.find_member(team.id, id).await? {
            // Known by more than their id already: the name they use hoego under stays.
            Some(member) if name.is_none() || member.display_name != *id => Ok(member),
            _ => {
                let new = NewMember {
                    team_id: team.id,
                    user_id: id.clone(),
                    display_name: name.unwrap_or(id).clone(),
                    language: team.language,
                    time_zone: None,
                };
                Ok(self.store.ensure_member(&new, self.clock.now()).await?)
            }
        }
    }

    /// A member hoego knows, by display name (with or without `@`).
    async fn member_named(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
    ) -> Result<Member, ServiceError> {
        self.store
            .find_member(team.id, name.trim_start_matches('@'))
            .await?
            .ok_or_else(|| {
                ServiceError::User(t(
                    lang,
                    "schedule.user_unknown",
                    &[("user", name), ("team", &team.name)],
                ))
            })
    }
}
