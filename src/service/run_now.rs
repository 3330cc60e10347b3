//! `schedule run-now`: a round opened at once, of a schedule (its participants) or of a template
//! no schedule uses (a one-off for the person asking), held to the team's run-now quota; a
//! second run-now of one schedule at the same instant finds the round open.

use chrono::Duration as Span;
use chrono::{DateTime, Utc};

use super::Service;
use super::error::ServiceError;
use super::i18n::t;
use super::reply::Reply;
use crate::domain::ids::{MemberId, RequestId, ScheduleId, TemplateVersionId};
use crate::domain::lang::Lang;
use crate::domain::team::{Member, Team};
use crate::domain::zone::ZoneName;
use crate::service::i18n::worded::Worded;
use crate::store::{NewRound, PlannedDelivery, ScheduleSummary, StoreError, Within};

impl Service {
    /// Opens a round at once: of a schedule (its participants), or of a template no schedule
    /// uses (a one-off round for the person asking). The platform request `once` is claimed
    /// in the round's transaction.
    pub(super) async fn run_now(
        &self,
        team: &Team,
        member: &Member,
        target: &str,
        once: Option<&RequestId>,
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
            Some(schedule) => self.run_schedule_now(team, member, schedule, once).await,
            None if self.templates.get(target).is_some() => {
                self.run_template_now(team, member, target, once).await
            }
            None => Err(self.not_found(lang, target, &schedules)),
        }
    }

    async fn run_schedule_now(
        &self,
        team: &Team,
        member: &Member,
        schedule: &ScheduleSummary,
        once: Option<&RequestId>,
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
            request: once,
        };
        let opened = self
            .open_now(
                team,
                lang,
                round,
                zone.unwrap_or(team.time_zone),
                &asked,
                schedule.reminder_percent,
            )
            .await?;
        // Two run-now of one schedule at the same instant: the second finds the round open.
        let id = match opened {
            Opened::New(_) => "schedule.run_now",
            Opened::Already(_) => "schedule.run_now_already_open",
        };
        let closes = opened.closes();
        let closes = self.reader(team, member).when(closes);
        let args = [("name", schedule.name.as_str()), ("when", &closes)];
        Ok(Reply::text(lang, t(lang, id, &args)))
    }

    async fn run_template_now(
        &self,
        team: &Team,
        member: &Member,
        key: &str,
        once: Option<&RequestId>,
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
            request: once,
        };
        let zone = member.time_zone.unwrap_or(team.time_zone);
        let percent = i64::from(self.defaults.reminder_at_percent);
        let opened = self
            .open_now(team, lang, round, zone, &[member], percent)
            .await?;
        let closes = self.reader(team, member).when(opened.closes());
        let args = [
            ("template", template.name.get(lang)),
            ("when", closes.as_str()),
        ];
        Ok(Reply::text(
            lang,
            t(lang, "schedule.run_now_one_off", &args),
        ))
    }

    /// Opens a round due now for `members` (its date read in `zone`), held to the team's run-now
    /// quota; returns when it closes.
    async fn open_now(
        &self,
        team: &Team,
        lang: Lang,
        round: OneOff<'_>,
        zone: ZoneName,
        members: &[&Member],
        reminder_percent: i64,
    ) -> Result<Opened, ServiceError> {
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
        let (limit, since) = self.run_now_span();
        let closes = now + round.window;
        match self
            .store
            .open_run_now_round(&new, &deliveries, (limit, since), now, round.request)
            .await
        {
            Ok(Within::Done(_)) => Ok(Opened::New(closes)),
            Ok(Within::Full { oldest, .. }) => Err(self.run_now_refusal(team, lang, oldest)),
            Err(StoreError::Conflict(_)) if round.schedule.is_some() => Ok(Opened::Already(closes)),
            Err(error) => Err(error.into()),
        }
    }
}

/// A round opened at once: of a schedule, or of a template alone, for a platform request.
struct OneOff<'a> {
    schedule: Option<ScheduleId>,
    template: TemplateVersionId,
    window: Span,
    request: Option<&'a RequestId>,
}

/// A run-now round: opened now, or found open (another run-now of the same schedule at the
/// same instant opened it); either closes at the instant it holds.
enum Opened {
    New(DateTime<Utc>),
    Already(DateTime<Utc>),
}

impl Opened {
    fn closes(&self) -> DateTime<Utc> {
        match self {
            Opened::New(at) | Opened::Already(at) => *at,
        }
    }
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
