//! The front door: an [`Interaction`] in, an [`Outcome`] out. The person is identified once per
//! interaction and every use case works for that [`Asker`]. Nothing here fails: a person's
//! mistake is explained, an unreachable database is reported, and an internal error is logged
//! with a reference the person can quote.

use tracing::Instrument;

use super::asker::Asker;
use super::command::{self, Command};
use super::error::ServiceError;
use super::i18n::t;
use super::ids::{ActionId, FormId};
use super::interaction::{Interaction, Outcome};
use super::reply::Reply;
use super::syntax::Example;
use super::{Actor, Service};
use crate::domain::lang::Lang;

/// How long a submitted form may wait for the database before its text is given back.
pub const SAVE_BUDGET: std::time::Duration = std::time::Duration::from_secs(5);

impl Service {
    /// Handles one interaction of `actor` and says how it went, in their language.
    pub async fn interact(&self, actor: &Actor, interaction: Interaction) -> Outcome {
        let span = tracing::info_span!(
            "interaction",
            kind = interaction.kind(),
            user = %actor.user_id
        );
        let outcome = async {
            let interaction = match self.submission(actor, interaction).await {
                Ok(outcome) => return outcome,
                Err(other) => other,
            };
            let asker = self.asker(actor).await;
            match (interaction, asker) {
                (_, Err(error)) => failure(&error, self.fallback_lang(actor.locale.as_deref())),
                (interaction, Ok(asker)) => match self.run(&asker, interaction).await {
                    Ok(reply) => Outcome::Done(reply),
                    Err(error) => failure(&error, asker.lang()),
                },
            }
        }
        .instrument(span)
        .await;
        let outcome = self.unless_handled(actor, outcome).await;
        if let (Outcome::Elsewhere(_), Some(request)) = (&outcome, &actor.request) {
            tracing::info!(%request, "request handled already (another replica or a redelivery); staying silent");
            metrics::counter!("hoego_requests_handled_elsewhere_total").increment(1);
        }
        if let Some(form) = &outcome.reply().form {
            self.shown.remember(actor, form);
        }
        outcome
    }

    /// `outcome`, or [`Outcome::Elsewhere`] when it is a refusal of a request that was handled
    /// already: a second replica handling the same request (or the platform delivering it
    /// again) may be refused by what the first one did ("there is already a schedule called
    /// …") before it reaches the claim; it stays silent too. Only reads.
    async fn unless_handled(&self, actor: &Actor, outcome: Outcome) -> Outcome {
        let (Outcome::Refused(reply), Some(request)) = (&outcome, &actor.request) else {
            return outcome;
        };
        match self.store.was_handled(request).await {
            Ok(true) => Outcome::Elsewhere(Reply::new(reply.lang)),
            _ => outcome,
        }
    }

    /// Says a catalog message of a platform's own (a permission it checks, a page of a form) to
    /// `actor`, in their language: the platform names the message, the service words it.
    /// It only reads: someone hoego does not know yet is not registered by a notice.
    pub async fn notice(&self, actor: &Actor, message: &str, args: &[(&str, &str)]) -> Reply {
        let lang = self.known_lang(actor).await;
        Reply::text(lang, t(lang, message, args))
    }

    /// [`Service::notice`] without asking the database (it may be what failed): in the language
    /// the platform's `locale` suggests, else the default.
    pub fn notice_offline(
        &self,
        locale: Option<&str>,
        message: &str,
        args: &[(&str, &str)],
    ) -> Reply {
        let lang = self.fallback_lang(locale);
        Reply::text(lang, t(lang, message, args))
    }

    /// Whether `actor`'s team has any schedule yet (the console offers one when not).
    pub async fn has_schedules(&self, actor: &Actor) -> Result<bool, ServiceError> {
        let asker = self.asker(actor).await?;
        Ok(self.store.team_has_schedules(asker.team.id).await?)
    }

    /// The identified actor: their team and member rows, and what the platform says of them.
    pub(crate) async fn asker(&self, actor: &Actor) -> Result<Asker, ServiceError> {
        let (team, member) = self.identify(actor).await?;
        Ok(Asker {
            team,
            member,
            admin: actor.is_admin,
            guest: actor.is_guest,
            channel: actor.channel_id.clone(),
            limits: actor.limits,
            request: actor.request.clone(),
        })
    }

    /// A submitted form or page, checked and committed within [`SAVE_BUDGET`]; any other
    /// interaction is handed back.
    async fn submission(
        &self,
        actor: &Actor,
        interaction: Interaction,
    ) -> Result<Outcome, Interaction> {
        match interaction {
            Interaction::Submit(form, values) => {
                let typed = values.clone();
                let work = async {
                    let asker = self.asker(actor).await;
                    self.submit_form(actor, asker, form, values).await
                };
                Ok(self.within_budget(actor, form, &typed, work).await)
            }
            Interaction::Page(page) => {
                let form = page.form;
                let typed = page.values.clone();
                let work = async {
                    let asker = self.asker(actor).await;
                    self.submit_page(actor, asker, page).await
                };
                Ok(self.within_budget(actor, form, &typed, work).await)
            }
            other => Err(other),
        }
    }

    /// A submitted form's `work`, checked and committed; a database that does not answer within
    /// [`SAVE_BUDGET`] (hung, or locked by another writer) is reported like an unreachable one:
    /// nothing saved, everything `typed` given back.
    async fn within_budget(
        &self,
        actor: &Actor,
        form: FormId,
        typed: &[(String, String)],
        work: impl Future<Output = Outcome>,
    ) -> Outcome {
        match tokio::time::timeout(SAVE_BUDGET, work).await {
            Ok(outcome) => outcome,
            Err(_) => {
                let lang = self.fallback_lang(actor.locale.as_deref());
                let labels = self.shown.labels(actor, form);
                super::submit::timed_out(lang, SAVE_BUDGET, &labels, typed)
            }
        }
    }

    /// The language to speak when the person cannot be identified: their platform locale's, or
    /// the default.
    pub(crate) fn fallback_lang(&self, locale: Option<&str>) -> Lang {
        locale.map_or(self.defaults.language, Lang::from_locale)
    }

    async fn run(&self, asker: &Asker, interaction: Interaction) -> Result<Reply, ServiceError> {
        match interaction {
            Interaction::Command(command) => self.run_command(asker, command).await,
            Interaction::Text(text) => match command::parse(&text) {
                Ok(command) => self.run_command(asker, command).await,
                Err(error) => Err(ServiceError::User(error.message(asker.lang()))),
            },
            Interaction::Misread(error) => Err(ServiceError::User(error.message(asker.lang()))),
            Interaction::Press(action) => self.run_action(asker, action).await,
            Interaction::Import(upload) => self.import_upload(asker, upload).await,
            Interaction::UnknownPress | Interaction::Submit(..) | Interaction::Page(_) => {
                Err(unknown_action(asker))
            }
        }
    }

    async fn run_command(&self, asker: &Asker, command: Command) -> Result<Reply, ServiceError> {
        match command {
            Command::Answer { schedule } => self.answer(asker, schedule.as_deref()).await,
            Command::Edit { schedule } => self.edit(asker, schedule.as_deref()).await,
            Command::Skip { schedule } => self.skip(asker, schedule.as_deref()).await,
            Command::SetVisibility {
                question,
                visibility,
            } => self.set_visibility(asker, &question, visibility).await,
            Command::ShowSettings => self.show_settings(asker),
            Command::UpdateSettings(change) => self.update_settings(asker, &change).await,
            Command::Pause { until } => self.pause(asker, until).await,
            Command::Resume => self.resume(asker).await,
            Command::Export => self.export(asker).await,
            Command::Import { .. } => Ok(asker.reply(asker.t("import.attach_file", &[]))),
            Command::ForgetMe { confirmed } => self.forget_me(asker, confirmed).await,
            Command::Join { schedule } => self.join(asker, schedule).await,
            Command::Leave { schedule } => self.leave(asker, schedule).await,
            Command::Schedule(sub) => self.schedule_command(asker, sub).await,
            Command::Milestone(sub) => self.milestone_command(asker, sub).await,
            Command::Mandalart { year } => self.show_mandalart(asker, year).await,
            Command::CheckMandalart { year, at, status } => {
                self.check_mandalart(asker, year, at, status).await
            }
            Command::TeamMandalart(sub) => self.team_mandalart_command(asker, sub).await,
            Command::SharedMandalart { year, member } => {
                self.show_shared_mandalart(asker, year, &member).await
            }
            Command::Capsule(sub) => self.capsule_command(asker, sub).await,
            Command::Help { topic } => {
                Ok(asker.reply(command::help_text(asker.lang(), topic.as_deref())))
            }
            Command::ListResolutions => self.list_resolutions(asker).await,
            Command::SetResolution {
                number,
                status,
                note,
            } => {
                self.set_resolution(asker, number, status, note.as_deref())
                    .await
            }
            Command::Recap {
                period,
                scope,
                public,
                summary,
            } => self.recap(asker, &period, scope, public, summary).await,
            Command::TeamSummary { turn } => self.team_summary(asker, turn).await,
        }
    }

    async fn run_action(&self, asker: &Asker, action: ActionId) -> Result<Reply, ServiceError> {
        match action {
            ActionId::Answer(id) | ActionId::Edit(id) => self.open_form(asker, id).await,
            ActionId::Skip(id) => self.skip_delivery(asker, id).await,
            ActionId::Join(id) => {
                let name = self.store.schedule_name_of(asker.team.id, id).await?;
                self.join(asker, Some(name.unwrap_or_else(|| id.to_string())))
                    .await
            }
            ActionId::ForgetConfirm => self.forget_me(asker, true).await,
            ActionId::ForgetCancel => Ok(asker.reply(asker.t("forget_me.cancelled", &[]))),
            ActionId::WriteCapsule(form) => {
                self.capsule_form(asker, Some(form.until), form.team).await
            }
            ActionId::WriteTeamGrid(form) => self.team_grid_form(asker, form.year, form.from).await,
            ActionId::ConfirmImport(id) => self.confirm_import(asker, id).await,
            ActionId::CancelImport(id) => self.cancel_import(asker, id).await,
            // A page of a form asked in pieces: the whole form, with the pages kept so far.
            ActionId::Continue(page) => match page.form {
                FormId::Answer(id) => self.open_form(asker, id).await,
                FormId::Capsule(form) => {
                    self.capsule_form(asker, Some(form.until), form.team).await
                }
                FormId::TeamGrid(form) => self.team_grid_form(asker, form.year, form.from).await,
            },
        }
    }
}

/// The outcome of a failed interaction (an unreachable database gets its own short message, as
/// there is no typed text to give back).
pub(crate) fn failure(error: &ServiceError, lang: Lang) -> Outcome {
    match error {
        ServiceError::Unavailable(cause) => {
            tracing::warn!(error = %cause, "database unreachable");
            Outcome::Unavailable(Reply::text(
                lang,
                t(lang, "error.database_unreachable", &[]),
            ))
        }
        ServiceError::Elsewhere => Outcome::Elsewhere(Reply::new(lang)),
        other => Outcome::Refused(Reply::text(lang, other.message(lang))),
    }
}

/// A button hoego no longer knows (or a form sent where none is open), with the way to `help`.
pub(super) fn unknown_action(asker: &Asker) -> ServiceError {
    let help = asker.spell(Example::Help);
    ServiceError::User(asker.t("error.unknown_action", &[("help", &help)]))
}
