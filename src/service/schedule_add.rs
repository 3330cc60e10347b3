//! `schedule add`: the request checked (template, cron, zone, name), the schedule stored with
//! the admin as its first participant, and the announcement with a Join button for the others.

use chrono::Duration as Span;

use super::Service;
use super::command::{NewSchedule as AddRequest, UserRef};
use super::error::ServiceError;
use super::i18n::t;
use super::ids::ActionId;
use super::reply::{Action, Audience, Reply};
use super::schedule_input::{schedule_name, schedule_zone};
use super::schedule_list::zone_text;
use super::schedules::{channel_text, parse_cron};
use super::syntax::{Example, spell};
use crate::domain::ids::{MemberId, RequestId, ScheduleId};
use crate::domain::lang::Lang;
use crate::domain::schedule::CronSpec;
use crate::domain::team::{Member, Team};
use crate::domain::template::Template;
use crate::domain::zone::ZoneName;
use crate::service::i18n::cron::describe;
use crate::service::i18n::worded::Worded;
use crate::store::{NewSchedule, StoreError, Within};

impl Service {
    /// Adds the schedule `request` describes, for `member` (an admin) of `team`, claiming the
    /// platform request `once` in the same transaction.
    pub(super) async fn add_schedule(
        &self,
        team: &Team,
        member: &Member,
        request: AddRequest,
        once: Option<&RequestId>,
    ) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let template = self
            .templates
            .find(&request.template)
            .map_err(|e| ServiceError::User(e.worded(lang)))?;
        let cron = parse_cron(&request.cron, lang)?;
        let zone = schedule_zone(request.tz.as_ref(), team, lang)?;
        self.often_enough(team, &cron, zone.unwrap_or(team.time_zone).tz(), lang)?;
        let name = added_name(request.name.as_deref(), template, lang)?;
        let participants = self
            .first_participants(team, member, &name, &request)
            .await?;
        let rule = self.rule(cron.clone(), zone, request.window, request.remind);
        let now = self.clock.now();
        let first = rule.first_after(now);
        let template_id = self
            .store
            .template_version(team.id, template.id.as_str(), &template.source, now)
            .await?;
        let channel = request.channel.as_ref().map(channel_text);
        let row = NewSchedule {
            team_id: team.id,
            name: name.clone(),
            template_id,
            cron: cron.as_str().to_string(),
            time_zone: zone.map(|z| z.to_string()),
            channel_id: channel.clone(),
            digest_channel_id: channel,
            digest_group: request.digest.unwrap_or_default(),
            window_secs: rule.window.num_seconds(),
            reminder_percent: i16::from(rule.reminder_percent),
            grace_secs: Span::from_std(self.defaults.grace_period)
                .map_or(6 * 3600, |g| g.num_seconds()),
            next_local: first.map(|f| f.0),
            next_due_at: first.map(|f| f.1),
        };
        let id = self
            .create_named(team, lang, &row, &participants, once)
            .await?;
        let next = first.map_or_else(
            || "-".to_string(),
            |f| {
                let reader = self.reader(team, member);
                reader.when_in(f.1, zone.unwrap_or(team.time_zone))
            },
        );
        let added = Added {
            id,
            name: &name,
            template,
            cron: &cron,
            zone,
            next: &next,
        };
        Ok(announcement(&added, lang))
    }

    /// The admin and the members the request names (a role's), checked against the most one
    /// schedule may ask before any of them is looked up and again once they are known.
    async fn first_participants(
        &self,
        team: &Team,
        admin: &Member,
        name: &str,
        request: &AddRequest,
    ) -> Result<Vec<MemberId>, ServiceError> {
        let lang = admin.language;
        let others: Vec<UserRef> = request
            .members
            .iter()
            .filter(|u| !matches!(u, UserRef::Id(id) | UserRef::Person { id, .. } if *id == admin.user_id))
            .cloned()
            .collect();
        self.room_in_new_schedule(name, 1 + others.len(), lang)?;
        let mut ids = vec![admin.id];
        for member in self.members_for(team, lang, &others).await? {
            if !ids.contains(&member.id) {
                ids.push(member.id);
            }
        }
        self.room_in_new_schedule(name, ids.len(), lang)?;
        Ok(ids)
    }

    /// Stores `row` with its first participants, or says its name is taken or the team has as
    /// many schedules as it may (counted in the same transaction as the insert).
    async fn create_named(
        &self,
        team: &Team,
        lang: Lang,
        row: &NewSchedule,
        participants: &[MemberId],
        once: Option<&RequestId>,
    ) -> Result<ScheduleId, ServiceError> {
        let limit = i64::try_from(self.guard.policy.quotas.schedules_per_team).unwrap_or(i64::MAX);
        let now = self.clock.now();
        match self
            .store
            .create_schedule_within(row, participants, limit, now, once)
            .await
        {
            Ok(Within::Done(id)) => Ok(id),
            Ok(Within::Full { count, .. }) => Err(self.schedules_refusal(team, lang, count).await),
            Err(StoreError::Conflict(_)) => {
                let option = spell(team.platform, lang, Example::NameOption);
                let args = [("name", row.name.as_str()), ("option", option.as_str())];
                Err(ServiceError::User(t(lang, "schedule.name_taken", &args)))
            }
            Err(error) => Err(error.into()),
        }
    }
}

/// The new schedule's name: as typed (checked), or the template's id.
fn added_name(
    typed: Option<&str>,
    template: &Template,
    lang: Lang,
) -> Result<String, ServiceError> {
    let name = typed.unwrap_or(template.id.as_str());
    super::guard::within(lang, "schedule_name", name, super::guard::SCHEDULE_NAME_LEN)?;
    match typed {
        Some(typed) => schedule_name(typed, lang),
        None => Ok(name.to_string()),
    }
}

/// What the announcement of a new schedule says.
struct Added<'a> {
    id: ScheduleId,
    name: &'a str,
    template: &'a Template,
    cron: &'a CronSpec,
    zone: Option<ZoneName>,
    next: &'a str,
}

/// The announcement: posted where the admin asked, with a Join button for the others. It speaks
/// to the channel, so it says nothing of the admin (who takes part already).
fn announcement(added: &Added<'_>, lang: Lang) -> Reply {
    let tz = zone_text(added.zone, lang);
    let text = t(
        lang,
        "schedule.added",
        &[
            ("name", added.name),
            ("template", added.template.name.get(lang)),
            ("cron", added.cron.as_str()),
            ("tz", &tz),
            ("next", added.next),
        ],
    );
    let join = Action {
        id: ActionId::Join(added.id),
        label: t(lang, "button.join", &[]),
        primary: true,
    };
    Reply {
        blocks: vec![
            text,
            describe(added.cron, lang),
            t(lang, "schedule.join_hint", &[]),
        ],
        actions: vec![join],
        audience: Audience::Channel,
        ..Reply::new(lang)
    }
}
