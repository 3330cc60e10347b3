//! `capsule write`, `capsule list` and `capsule delete`: a letter to one's future self (or, from an admin, to the
//! team) written in a form and sealed until a day. Sealed letters live in their own table, which
//! no recap, digest, chart, summary or team view reads; the author's export shows them, marked
//! sealed. On the day the sender sends each back once ([`letter_message`]), and the author's own
//! recap of a period holding the day shows it ([`Service::add_opened_letters`]). A template's
//! `capsule = true` question seals its answer the same way ([`answers`]).

mod answers;
mod delete;
mod letters;
mod team_letters;

use chrono::{Datelike, NaiveDate};

use super::asker::Asker;
use super::error::ServiceError;
use super::i18n::t;
use super::ids::{CapsuleForm, FormId};
use super::interaction::Outcome;
use super::reply::{Form, FormField, InputShape, Reply};
use super::schedules::require_admin;
use super::syntax::Example;
use super::{Actor, Service};
use crate::domain::capsule::{DefaultDay, LetterError, LetterText, default_day, opens_at};
use crate::domain::lang::Lang;
use crate::domain::state::ScheduleState;
use crate::service::command::CapsuleCommand;
use crate::store::NewCapsule;

pub(super) use answers::{is_capsule, letters_sealed, typed_letter};
pub(super) use letters::export_markdown;
pub use letters::{letter_message, long_day};

/// The form's one field.
pub const LETTER_FIELD: &str = "letter";
/// The template that fixes the default day.
const YEAR_END: &str = "year-end";

impl Service {
    /// Runs a `capsule …` command.
    pub(super) async fn capsule_command(
        &self,
        asker: &Asker,
        command: CapsuleCommand,
    ) -> Result<Reply, ServiceError> {
        match command {
            CapsuleCommand::Write { until, team } => self.capsule_form(asker, until, team).await,
            CapsuleCommand::List => self.list_capsules(asker).await,
            CapsuleCommand::Delete { n } => self.delete_capsule(asker, n).await,
        }
    }

    /// The letter's form, sealed until `until` or the default day; the reply says which.
    pub(super) async fn capsule_form(
        &self,
        asker: &Asker,
        until: Option<NaiveDate>,
        team: bool,
    ) -> Result<Reply, ServiceError> {
        if team {
            require_admin(asker, asker.lang())?;
        }
        let today = asker.today(self.clock.now());
        let until = match until {
            Some(day) => future_day(asker, day, today)?,
            None => self.default_day(asker, today).await?.day(),
        };
        let why = self.why_this_day(asker, until, today).await?;
        let form = CapsuleForm { until, team };
        let text = asker.t(
            if team {
                "capsule.write_team"
            } else {
                "capsule.write"
            },
            &[("day", &long_day(asker.lang(), until)), ("why", &why)],
        );
        Ok(Reply {
            form: Some(letter_form(asker, form, None, None)),
            ..asker.reply(text)
        })
    }

    /// Seals a submitted letter, or gives the form back with what was wrong.
    pub(super) async fn submit_letter(
        &self,
        actor: &Actor,
        asker: Result<Asker, ServiceError>,
        form: CapsuleForm,
        values: Vec<(String, String)>,
    ) -> Outcome {
        let typed = values
            .iter()
            .find(|(id, _)| id == LETTER_FIELD)
            .map(|(_, text)| text.clone())
            .unwrap_or_default();
        let lang = self.fallback_lang(actor.locale.as_deref());
        let label = (LETTER_FIELD.to_string(), t(lang, "capsule.field", &[]));
        let result = match asker {
            Ok(asker) => self.seal(&asker, form, &typed).await,
            Err(error) => Err(error),
        };
        match result {
            Ok(outcome) => outcome,
            Err(error) => super::submit::not_saved(&error, lang, &[label], &values),
        }
    }

    async fn seal(
        &self,
        asker: &Asker,
        form: CapsuleForm,
        typed: &str,
    ) -> Result<Outcome, ServiceError> {
        let now = self.clock.now();
        let today = asker.today(now);
        if form.team {
            require_admin(asker, asker.lang())?;
        }
        future_day(asker, form.until, today)?;
        let text = match LetterText::parse(typed) {
            Ok(text) => text,
            Err(error) => {
                let error = letter_error(asker.lang(), error);
                let form = letter_form(asker, form, Some(typed), Some(error));
                return Ok(Outcome::Invalid(Reply {
                    form: Some(form),
                    ..Reply::new(asker.lang())
                }));
            }
        };
        let team_channel = match form.team {
            true => Some(self.team_letter_channel(asker).await?),
            false => None,
        };
        let capsule = NewCapsule {
            team: asker.team.id,
            author: asker.member.id,
            team_channel,
            written_on: today,
            open_on: form.until,
            opens_at: opens_at(form.until, asker.zone().tz()),
            text: text.as_str().to_string(),
            source: None,
        };
        let request = asker.request.as_ref();
        let id = self.store.add_capsule(&capsule, now, request).await?;
        tracing::info!(capsule = %id, "letter sealed");
        let why = self.why_this_day(asker, form.until, today).await?;
        let day = long_day(asker.lang(), form.until);
        let list = asker.spell(Example::CapsuleList);
        let id = if form.team {
            "capsule.sealed_team"
        } else {
            "capsule.sealed"
        };
        let text = asker.t(id, &[("day", &day), ("why", &why), ("list", &list)]);
        Ok(Outcome::Done(asker.reply(text)))
    }

    /// `capsule list`: every letter by the day it opens; a sealed letter's text stays hidden.
    async fn list_capsules(&self, asker: &Asker) -> Result<Reply, ServiceError> {
        let letters = self.store.capsules_of(asker.member.id).await?;
        let write = asker.spell(Example::CapsuleWrite(None));
        if letters.is_empty() {
            return Ok(asker.reply(asker.t("capsule.none", &[("write", &write)])));
        }
        let now = self.clock.now();
        let lang = asker.lang();
        let mut lines = vec![asker.t("capsule.list_header", &[])];
        for (n, letter) in letters.iter().enumerate() {
            let args = [
                ("n", (n + 1).to_string()),
                ("written", long_day(lang, letter.written_on)),
                ("day", long_day(lang, letter.open_on)),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let id = match (letter.opens_at <= now, letter.team_wide) {
                (false, false) => "capsule.list_sealed",
                (false, true) => "capsule.list_sealed_team",
                (true, false) => "capsule.list_opened",
                (true, true) => "capsule.list_opened_team",
            };
            lines.push(asker.t(id, &args));
        }
        lines.push(asker.t("capsule.list_footer", &[]));
        Ok(asker.reply(lines.join("\n")))
    }

    /// The day a letter opens by default: the team's next year-end round, else 31 December.
    async fn default_day(
        &self,
        asker: &Asker,
        today: NaiveDate,
    ) -> Result<DefaultDay, ServiceError> {
        let rounds = self.year_end_round_days(asker).await?;
        Ok(default_day(today, &rounds))
    }

    /// The day of the next round of each of the team's active year-end schedules.
    async fn year_end_round_days(&self, asker: &Asker) -> Result<Vec<NaiveDate>, ServiceError> {
        Ok(self
            .store
            .schedules(asker.team.id)
            .await?
            .into_iter()
            .filter(|s| s.template_key == YEAR_END && s.state == ScheduleState::Active)
            .filter_map(|s| s.next_local.map(|local| local.date()))
            .collect())
    }

    /// Why a letter opens on `day`: the next year-end round's day, the year's end, or the day
    /// its author chose.
    async fn why_this_day(
        &self,
        asker: &Asker,
        day: NaiveDate,
        today: NaiveDate,
    ) -> Result<String, ServiceError> {
        let id = match self.default_day(asker, today).await? {
            DefaultDay::YearEndRound(d) if d == day => "capsule.why_year_end",
            DefaultDay::EndOfYear(d) if d == day => "capsule.why_end_of_year",
            _ => "capsule.why_chosen",
        };
        Ok(asker.t(id, &[]))
    }

    /// Where a team letter opens: the digest channel of the team's year-end schedule, else of
    /// any of its schedules, else the channel the letter was written in.
    async fn team_letter_channel(&self, asker: &Asker) -> Result<String, ServiceError> {
        let channel = self.store.team_letter_channel(asker.team.id).await?;
        channel
            .or_else(|| asker.channel.clone())
            .ok_or_else(|| ServiceError::User(asker.t("capsule.no_channel", &[])))
    }
}

/// `day` when it is after `today`; otherwise why not, with an example that works.
fn future_day(asker: &Asker, day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, ServiceError> {
    if day > today {
        return Ok(day);
    }
    let next_year = NaiveDate::from_ymd_opt(today.year() + 1, 12, 31).unwrap_or(today);
    let example = next_year.format("%Y-%m-%d").to_string();
    let args = [
        ("day", day.format("%Y-%m-%d").to_string()),
        ("today", today.format("%Y-%m-%d").to_string()),
        (
            "example",
            asker.spell(Example::CapsuleWrite(Some(&example))),
        ),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Err(ServiceError::User(asker.t("capsule.not_future", &args)))
}

/// The letter's form, with what was typed and why it was refused when it was.
fn letter_form(
    asker: &Asker,
    form: CapsuleForm,
    value: Option<&str>,
    error: Option<String>,
) -> Form {
    let day = long_day(asker.lang(), form.until);
    let title = if form.team {
        "capsule.form_title_team"
    } else {
        "capsule.form_title"
    };
    Form {
        id: FormId::Capsule(form),
        title: asker.t(title, &[("day", &day)]),
        fields: vec![FormField {
            id: LETTER_FIELD.into(),
            label: asker.t("capsule.field", &[]),
            short_label: None,
            input: InputShape::Paragraph,
            max_len: LetterText::MAX_LEN.min(asker.limits.input_len),
            required: true,
            value: value.map(str::to_string),
            error,
            recall: None,
        }],
    }
}

fn letter_error(lang: Lang, error: LetterError) -> String {
    match error {
        LetterError::Empty => t(lang, "capsule.empty", &[]),
        LetterError::TooLong { len, max } => t(
            lang,
            "capsule.too_long",
            &[("len", &len.to_string()), ("max", &max.to_string())],
        ),
    }
}
