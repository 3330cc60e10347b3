//! Changing a schedule's life: pause, resume (no backfill), remove; and finding a schedule by
//! name (run-now is `run_now`).

use super::Service;
use super::error::ServiceError;
use super::i18n::t;
use super::reply::Reply;
use super::schedule_input::none_yet;
use super::syntax::{Example, spell};
use crate::domain::lang::Lang;
use crate::domain::state::ScheduleState;
use crate::domain::team::{Member, Team};

use crate::store::ScheduleSummary;

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

    pub(super) fn not_found(
        &self,
        lang: Lang,
        name: &str,
        schedules: &[ScheduleSummary],
    ) -> ServiceError {
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
