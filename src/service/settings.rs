//! Personal settings: time zone, language and where questions arrive; pausing until a date and
//! resuming.
//!
//! `pause until <date>` means "ask me again from that date": the member is paused until the
//! start (00:00) of that date in their own time zone, so the date itself is asked normally.

use chrono::{DateTime, NaiveDate, Utc};

use super::Service;
use super::asker::Asker;
use super::command::SettingsChange;
use super::error::ServiceError;
use super::reply::Reply;
use crate::domain::lang::Lang;
use crate::domain::state::DeliveryMode;
use crate::domain::zone::{ZoneError, ZoneName};

impl Service {
    /// `settings`: what is set now.
    pub(crate) fn show_settings(&self, asker: &Asker) -> Result<Reply, ServiceError> {
        Ok(asker.reply(settings_text(asker, "settings.shown", self.clock.now())))
    }

    /// `settings tz <zone> lang en|ko delivery dm|thread`: changes what is given.
    pub(crate) async fn update_settings(
        &self,
        asker: &Asker,
        change: &SettingsChange,
    ) -> Result<Reply, ServiceError> {
        let zone = change
            .tz
            .as_deref()
            .map(|tz| ZoneName::parse(tz).map_err(|e| unknown_zone(asker, tz, &e)))
            .transpose()?;
        let member = self
            .store
            .update_member_settings(asker.member.id, zone, change.lang, change.delivery)
            .await?;
        let updated = Asker {
            member,
            ..asker.clone()
        };
        Ok(updated.reply(settings_text(
            &updated,
            "settings.updated",
            self.clock.now(),
        )))
    }

    /// `pause until <date>`: no questions before that date starts in the member's zone.
    pub(crate) async fn pause(
        &self,
        asker: &Asker,
        until: NaiveDate,
    ) -> Result<Reply, ServiceError> {
        let today = asker.today(self.clock.now());
        if until <= today {
            let example = (today + chrono::Days::new(7)).to_string();
            let args = [("date", until.to_string()), ("example", example)];
            return Err(ServiceError::User(
                asker.t("pause.date_in_past", &strs(&args)),
            ));
        }
        let from = start_of(asker.zone(), until);
        self.store
            .set_paused_until(asker.member.id, Some(from))
            .await?;
        let args = [
            ("date", asker.reader(self.clock.now()).date(until)),
            ("tz", asker.zone().name().to_string()),
        ];
        Ok(asker.reply(asker.t("pause.paused", &strs(&args))))
    }

    /// `resume`: ends a pause.
    pub(crate) async fn resume(&self, asker: &Asker) -> Result<Reply, ServiceError> {
        if !asker.member.is_paused(self.clock.now()) {
            return Ok(asker.reply(asker.t("pause.not_paused", &[])));
        }
        self.store.set_paused_until(asker.member.id, None).await?;
        Ok(asker.reply(asker.t("pause.resumed", &[])))
    }
}

/// The first instant of `date` in `zone` (the end of the gap when midnight does not exist).
fn start_of(zone: ZoneName, date: NaiveDate) -> DateTime<Utc> {
    crate::domain::schedule::start_of_day(date, zone.tz())
}

/// The day a pause ends, as the member reads it: the date questions come again.
fn paused_until(asker: &Asker, until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let day = until.with_timezone(&asker.zone().tz()).date_naive();
    asker.reader(now).date(day)
}

fn settings_text(asker: &Asker, id: &str, now: DateTime<Utc>) -> String {
    let member = &asker.member;
    let tz = match member.time_zone {
        Some(zone) => zone.name().to_string(),
        None => asker.t("settings.tz_team", &[("tz", asker.team.time_zone.name())]),
    };
    let lang = match member.language {
        Lang::En => asker.t("settings.lang_en", &[]),
        Lang::Ko => asker.t("settings.lang_ko", &[]),
    };
    let delivery = match member.delivery {
        DeliveryMode::Dm => asker.t("settings.delivery_dm", &[]),
        DeliveryMode::Thread => asker.t("settings.delivery_thread", &[]),
    };
    let mut text = asker.t(id, &[("tz", &tz), ("lang", &lang), ("delivery", &delivery)]);
    if let Some(until) = member.paused_until.filter(|_| member.is_paused(now)) {
        text.push('\n');
        text.push_str(&asker.t(
            "settings.paused_until",
            &[("when", &paused_until(asker, until, now))],
        ));
    }
    text
}

fn unknown_zone(asker: &Asker, tz: &str, error: &ZoneError) -> ServiceError {
    let mut text = asker.t("settings.unknown_timezone", &[("tz", tz)]);
    if let ZoneError::Unknown { suggestions, .. } = error
        && !suggestions.is_empty()
    {
        text.push('\n');
        let zones = suggestions.join(", ");
        text.push_str(&asker.t("settings.zone_suggestions", &[("zones", &zones)]));
    }
    ServiceError::User(text)
}

/// Borrowed message arguments.
pub(crate) fn strs<'a>(args: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    args.iter().map(|(n, v)| (*n, v.as_str())).collect()
}
