//! Changing a schedule's life: pause, resume (no backfill), remove, run-now; and finding a
//! schedule by name.

use chrono::Duration as Span;

use super::Service;
use super::error::ServiceError;
use super::i18n::t;
use super::reply::Reply;
use super::schedule_input::none_yet;
use super::syntax::{Example, spell};
use crate::domain::lang::Lang;
use crate::domain::state::ScheduleState;
use crate::domain::team::{Member, Team};
use crate::domain::zone::ZoneName;
use crate::service::i18n::worded::Worded;
use chrono::{DateTime, Utc};

use crate::domain::ids::{MemberId, ScheduleId, TemplateVersionId};
use crate::store::{NewRound, PlannedDelivery, ScheduleSummary, StoreError};

impl Service {
    pub(super) async fn pause_schedule(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
    ) -> Result<Reply, ServiceError> {
        let schedule = self.schedule_called(team, lang, name).await?;
        self.store
            .set_schedule_state(schedule.id, ScheduleState::Paused, None)
            .await?;
        Ok(Reply::text(
            lang,
            t(lang, "schedule.paused", &[("name", &schedule.name)]),
        ))
    }

    /// Resuming starts from the next occurrence after now: the paused time is not backfilled.
    pub(super) async fn resume_schedule(
        &self,
        team: &Team,
        member: &Member,
        name: &str,
    ) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let schedule = self.schedule_called(team, lang, name).await?;
        let (cron, zone) = schedule.timing()?;
        let rule = self.rule(cron, zone, None, None);
        let next = rule.first_after(self.clock.now());
        self.store
            .set_schedule_state(schedule.id, ScheduleState::Active, next)
            .await?;
        let when = next.map_or_else(
            || "-".into(),
            |n| {
                self.reader(team, member)
                    .when_in(n.1, zone.unwrap_or(team.time_zone))
            },
        );
        Ok(Reply::text(
            lang,
            t(
                lang,
                "schedule.resumed",
                &[("name", &schedule.name), ("next", &when)],
            ),
        ))
    }

    pub(super) async fn remove_schedule(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
    ) -> Result<Reply, ServiceError> {
        let schedule = self.schedule_called(team, lang, name).await?;
        self.store.remove_schedule(schedule.id).await?;
        Ok(Reply::text(
            lang,
            t(lang, "schedule.removed", &[("name", &schedule.name)]),
        ))
    }

    /// Opens a round at once: of a schedule (its participants), or of a template no schedule
    /// uses (a one-off round for the person asking).
    pub(super) async fn run_now(
        &self,
        team: &Team,
        member: &Member,
        target: &str,
    ) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let schedules = self.store.schedules(team.id).await?;
        let by_template: Vec<&ScheduleSummary> = schedules
            .iter()
            .filter(|s| s.template_key == target)
            .collect();
        let schedule = match schedules.iter().find(|s| s.name == target) {
            Some(found) => Some(found),
            None if by_template.len() == 1 => Some(by_template[0]),
            None => None,
        };
        match schedule {
            Some(schedule) => self.run_schedule_now(team, member, schedule).await,
            None if self.templates.get(target).is_some() => {
                self.run_template_now(team, member, target).await
            }
            None => Err(self.not_found(lang, target, &schedules)),
        }
    }

    async fn run_schedule_now(
        &self,
        team: &Team,
        member: &Member,
        schedule: &ScheduleSummary,
    ) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let zone = schedule.time_zone.clone().map_err(StoreError::from)?;
        let now = self.clock.now();
        let members: Vec<Member> = self.store.participants_of(schedule.id).await?;
        let asked: Vec<&Member> = members.iter().filter(|m| !m.is_paused(now)).collect();
        let window = Span::seconds(schedule.window_secs);
        let round = OneOff {
            schedule: Some(schedule.id),
            template: schedule.template_id,
            window,
        };
        let closes = self
            .open_now(
                team,
                round,
                zone.unwrap_or(team.time_zone),
                &asked,
                schedule.reminder_percent,
            )
            .await?;
        let closes = self.reader(team, member).when(closes);
        let args = [("name", schedule.name.as_str()), ("when", &closes)];
        Ok(Reply::text(lang, t(lang, "schedule.run_now", &args)))
    }

    async fn run_template_now(
        &self,
        team: &Team,
        member: &Member,
        key: &str,
    ) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let template = self
            .templates
            .find(key)
            .map_err(|e| ServiceError::User(e.worded(lang)))?;
        let template_id = self
            .store
            .template_version(team.id, key, &template.source, self.clock.now())
            .await?;
        let window = Span::from_std(self.defaults.answer_window).unwrap_or(Span::hours(48));
        let round = OneOff {
            schedule: None,
            template: template_id,
            window,
        };
        let zone = member.time_zone.unwrap_or(team.time_zone);
        let percent = i64::from(self.defaults.reminder_at_percent);
        let closes = self.open_now(team, round, zone, &[member], percent).await?;
        let closes = self.reader(team, member).when(closes);
        let args = [
            ("template", template.name.get(lang)),
            ("when", closes.as_str()),
        ];
        Ok(Reply::text(
            lang,
            t(lang, "schedule.run_now_one_off", &args),
        ))
    }

    /// Opens a round due now for `members` (its date read in `zone`); returns when it closes.
    async fn open_now(
        &self,
        team: &Team,
        round: OneOff,
        zone: ZoneName,
        members: &[&Member],
        reminder_percent: i64,
    ) -> Result<DateTime<Utc>, ServiceError> {
        let now = self.clock.now();
        let deliveries: Vec<PlannedDelivery> = members
            .iter()
            .map(|m| delivery_now(m.id, now, round.window, reminder_percent))
            .collect();
        let new = NewRound {
            team_id: team.id,
            schedule_id: round.schedule,
            template_id: round.template,
            occurrence_local: now.with_timezone(&zone.tz()).naive_local(),
            due_at: now,
            closes_at: now + round.window,
        };
        self.store.open_round(&new, &deliveries, now).await?;
        Ok(now + round.window)
    }

    pub(super) async fn schedule_or_only(
        &self,
        team: &Team,
        lang: Lang,
        name: Option<&str>,
        verb: for<'a> fn(&'a str) -> Example<'a>,
    ) -> Result<ScheduleSummary, ServiceError> {
        if let Some(name) = name {
            return self.schedule_called(team, lang, name).await;
        }
        let mut schedules = self.store.schedules(team.id).await?;
        match schedules.len() {
            0 => Err(ServiceError::User(none_yet(team, lang))),
            1 => Ok(schedules.remove(0)),
            _ => {
                let names: Vec<&str> = schedules.iter().map(|s| s.name.as_str()).collect();
                let example = spell(team.platform, lang, verb(names[0]));
                Err(ServiceError::User(t(
                    lang,
                    "schedule.choose",
                    &[("names", &names.join(", ")), ("example", &example)],
                )))
            }
        }
    }

    pub(super) async fn schedule_called(
        &self,
        team: &Team,
        lang: Lang,
        name: &str,
    ) -> Result<ScheduleSummary, ServiceError> {
        match self.store.schedule_named(team.id, name).await? {
            Some(schedule) => Ok(schedule),
            None => Err(self.not_found(lang, name, &self.store.schedules(team.id).await?)),
        }
    }

    fn not_found(&self, lang: Lang, name: &str, schedules: &[ScheduleSummary]) -> ServiceError {
        let names: Vec<&str> = schedules.iter().map(|s| s.name.as_str()).collect();
        let names = if names.is_empty() {
            "-".to_string()
        } else {
            names.join(", ")
        };
        ServiceError::User(t(
            lang,
            "schedule.not_found",
            &[("name", name), ("names", &names)],
        ))
    }
}

/// A round opened at once: of a schedule, or of a template alone.
struct OneOff {
    schedule: Option<ScheduleId>,
    template: TemplateVersionId,
    window: Span,
}

/// A delivery due now, closing after `window`, reminded at `percent` of it.
fn delivery_now(
    member: MemberId,
    now: DateTime<Utc>,
    window: Span,
    percent: i64,
) -> PlannedDelivery {
    let remind_at = (percent > 0).then(|| now + window * i32::try_from(percent).unwrap_or(0) / 100);
    PlannedDelivery {
        member_id: member,
        due_at: now,
        closes_at: now + window,
        remind_at,
        missed: false,
    }
}
