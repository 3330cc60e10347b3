//! Schedule administration: `schedule add|list|preview|pause|resume|remove|run-now|add-member|
//! remove-member`. Changing schedules is for admins; listing and previewing are for everyone.

use std::time::Duration;

use chrono::Duration as Span;

use super::Service;
use super::asker::Asker;
use super::command::{Remind, ScheduleCommand};
use super::error::ServiceError;
use super::i18n::dates::Reader;
use super::i18n::t;
use super::reply::Reply;
use super::schedule_input::none_yet;
use super::schedule_list::list_line;
use super::settings::unknown_zone;
use crate::domain::ids::RequestId;
use crate::domain::lang::Lang;
use crate::domain::schedule::{CronSpec, ScheduleRule, Timing, preview};
use crate::domain::team::{Member, Team};
use crate::domain::zone::ZoneName;
use crate::service::i18n::cron::describe;
use crate::service::i18n::worded::Worded;

impl Service {
    /// Runs one `schedule ...` subcommand for `asker`.
    pub(crate) async fn schedule_command(
        &self,
        asker: &Asker,
        command: ScheduleCommand,
    ) -> Result<Reply, ServiceError> {
        let (team, member, lang) = (&asker.team, &asker.member, asker.lang());
        match command {
            ScheduleCommand::List => self.list_schedules(team, member).await,
            ScheduleCommand::Preview { cron, tz, count } => {
                self.preview_schedule(team, member, &cron, tz, count)
            }
            other => {
                require_admin(asker, lang)?;
                let once = asker.request.as_ref();
                self.change_schedules(team, member, other, once).await
            }
        }
    }

    async fn change_schedules(
        &self,
        team: &Team,
        member: &Member,
        command: ScheduleCommand,
        once: Option<&RequestId>,
    ) -> Result<Reply, ServiceError> {
        match command {
            ScheduleCommand::Add(request) => self.add_schedule(team, member, request, once).await,
            ScheduleCommand::Pause { name } => {
                self.pause_schedule(team, member.language, &name).await
            }
            ScheduleCommand::Resume { name } => self.resume_schedule(team, member, &name).await,
            ScheduleCommand::Remove { name } => {
                self.remove_schedule(team, member.language, &name).await
            }
            ScheduleCommand::RunNow { target } => self.run_now(team, member, &target, once).await,
            ScheduleCommand::AddMember { schedule, users } => {
                self.add_members(team, member.language, &schedule, &users)
                    .await
            }
            ScheduleCommand::RemoveMember { schedule, users } => {
                self.remove_members(team, member.language, &schedule, &users)
                    .await
            }
            ScheduleCommand::List | ScheduleCommand::Preview { .. } => {
                unreachable!("handled by schedule_command")
            }
        }
    }

    async fn list_schedules(&self, team: &Team, member: &Member) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let reader = self.reader(team, member);
        let schedules = self.store.schedules(team.id).await?;
        if schedules.is_empty() {
            return Ok(Reply::text(lang, none_yet(team, lang)));
        }
        let mut lines = vec![t(lang, "schedule.list_header", &[("team", &team.name)])];
        lines.extend(schedules.iter().map(|s| {
            let template = self
                .templates
                .find(&s.template_key)
                .map_or_else(|_| s.template_key.clone(), |t| t.name.get(lang).to_string());
            list_line(s, &template, team, &reader)
        }));
        Ok(Reply::text(lang, lines.join("\n")))
    }

    fn preview_schedule(
        &self,
        team: &Team,
        member: &Member,
        cron: &str,
        tz: Option<String>,
        count: u32,
    ) -> Result<Reply, ServiceError> {
        let lang = member.language;
        let spec = parse_cron(cron, lang)?;
        let zone = match tz {
            Some(name) => ZoneName::parse(&name).map_err(|e| unknown_zone(lang, &name, &e))?,
            None => member.time_zone.unwrap_or(team.time_zone),
        };
        let count_text = count.to_string();
        let header = t(
            lang,
            "schedule.preview_header",
            &[
                ("count", &count_text),
                ("cron", spec.as_str()),
                ("tz", &zone.to_string()),
            ],
        );
        let reader = self.reader(team, member);
        let lines: Vec<String> = preview(&spec, zone.tz(), self.clock.now(), count as usize)
            .iter()
            .map(|o| format!("- {}", reader.when_in(o.at, zone)))
            .collect();
        Ok(Reply {
            blocks: vec![header, lines.join("\n"), describe(&spec, lang)],
            ..Reply::new(lang)
        })
    }

    /// `member` as a reader of dates and times, now.
    pub(super) fn reader(&self, team: &Team, member: &Member) -> Reader {
        let zone = member.time_zone.unwrap_or(team.time_zone);
        Reader::at(member.language, zone, self.clock.now())
    }

    /// The rule for a new schedule, with this service's defaults filled in.
    pub(super) fn rule(
        &self,
        cron: CronSpec,
        zone: Option<ZoneName>,
        window: Option<Duration>,
        remind: Option<Remind>,
    ) -> ScheduleRule {
        let window = window.unwrap_or(self.defaults.answer_window);
        let reminder_percent = match remind {
            Some(Remind::AtPercent(p)) => p,
            Some(Remind::BeforeClose(before)) if before < window => (100
                - (before.as_secs_f64() / window.as_secs_f64() * 100.0).round() as u8)
                .clamp(1, 99),
            Some(Remind::BeforeClose(_)) => 0,
            None => self.defaults.reminder_at_percent,
        };
        ScheduleRule {
            cron,
            timing: zone.map_or(Timing::MemberLocal, |z| Timing::Zone(z.tz())),
            window: Span::from_std(window).unwrap_or(Span::hours(48)),
            grace: Span::from_std(self.defaults.grace_period).unwrap_or(Span::hours(6)),
            reminder_percent,
        }
    }
}

/// Refuses non-admins with a clear message.
pub(super) fn require_admin(asker: &Asker, lang: Lang) -> Result<(), ServiceError> {
    if asker.admin {
        Ok(())
    } else {
        Err(ServiceError::User(t(
            lang,
            "error.admins_only",
            &[("team", &asker.team.name)],
        )))
    }
}

pub(super) fn parse_cron(cron: &str, lang: Lang) -> Result<CronSpec, ServiceError> {
    CronSpec::parse(cron).map_err(|e| {
        ServiceError::User(t(
            lang,
            "schedule.invalid_cron",
            &[("cron", cron), ("reason", &e.worded(lang))],
        ))
    })
}

pub(super) fn channel_text(channel: &super::command::ChannelRef) -> String {
    match channel {
        super::command::ChannelRef::Id(id) | super::command::ChannelRef::Name(id) => id.clone(),
    }
}
