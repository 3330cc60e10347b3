//! The front door: a command, a button press or a submitted form in, a [`Reply`] out. Nothing
//! here fails: a person's mistake is explained, an unreachable database is reported, and an
//! internal error is logged with a reference the person can quote.

use tracing::Instrument;

use super::asker::Asker;
use super::command::{self, Command};
use super::error::ServiceError;
use super::i18n::t;
use super::reply::{Form, Reply};
use super::{Actor, Service};
use crate::domain::ids::{DeliveryId, ScheduleId};
use crate::domain::lang::Lang;

/// What became of a submitted form.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitOutcome {
    /// Every answer was committed; the reply says so.
    Saved(Reply),
    /// Some answers were refused: the same form again, every field keeping what was typed and
    /// the refused ones carrying their `error`. Nothing was saved.
    Invalid(Form),
    /// The database could not be reached; nothing was saved, and the reply holds every text
    /// that was typed so nothing is lost.
    Unavailable {
        /// The message, with the typed texts in it.
        reply: Reply,
    },
    /// The submission cannot be taken (the round closed meanwhile, the form is not theirs);
    /// nothing was saved, and the reply holds every text that was typed.
    Refused(Reply),
}

impl Service {
    /// Runs one command for `actor` and says how it went, in their language.
    pub async fn handle(&self, actor: &Actor, command: Command) -> Reply {
        let span =
            tracing::info_span!("command", topic = command.help_topic(), user = %actor.user_id);
        async {
            let asker = match self.asker(actor).await {
                Ok(asker) => asker,
                Err(error) => return failure(&error, fallback_lang(self, actor)),
            };
            match self.run(actor, &asker, command).await {
                Ok(reply) => reply,
                Err(error) => failure(&error, asker.lang()),
            }
        }
        .instrument(span)
        .await
    }

    /// Reads a line of the text grammar (Slack, console) and runs it; a line that is no
    /// command gets the parser's explanation with the nearest command, in the person's language.
    pub async fn handle_text(&self, actor: &Actor, text: &str) -> Reply {
        match command::parse(text) {
            Ok(command) => self.handle(actor, command).await,
            Err(error) => Reply::text(error.message(self.language_of(actor).await)),
        }
    }

    /// Runs the button `action_id` that `actor` pressed: `answer:<delivery>`, `edit:<delivery>`,
    /// `skip:<delivery>`, `join:<schedule>`, `forget:confirm`, `forget:cancel`.
    pub async fn press(&self, actor: &Actor, action_id: &str) -> Reply {
        let span = tracing::info_span!("press", action = action_id, user = %actor.user_id);
        async {
            let asker = match self.asker(actor).await {
                Ok(asker) => asker,
                Err(error) => return failure(&error, fallback_lang(self, actor)),
            };
            match self.run_action(actor, &asker, action_id).await {
                Ok(reply) => reply,
                Err(error) => failure(&error, asker.lang()),
            }
        }
        .instrument(span)
        .await
    }

    /// The language `actor` reads now (their setting; their locale or the default when the
    /// database cannot say).
    pub async fn language_of(&self, actor: &Actor) -> Lang {
        match self.asker(actor).await {
            Ok(asker) => asker.lang(),
            Err(_) => fallback_lang(self, actor),
        }
    }

    /// Whether `actor`'s team has any schedule yet (the console offers one when not).
    pub async fn has_schedules(&self, actor: &Actor) -> Result<bool, ServiceError> {
        let asker = self.asker(actor).await?;
        Ok(self.store.team_has_schedules(asker.team.id).await?)
    }

    /// The identified actor.
    pub(crate) async fn asker(&self, actor: &Actor) -> Result<Asker, ServiceError> {
        let (team, member) = self.identify(actor).await?;
        Ok(Asker { team, member })
    }

    async fn run(
        &self,
        actor: &Actor,
        asker: &Asker,
        command: Command,
    ) -> Result<Reply, ServiceError> {
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
            Command::ForgetMe { confirmed } => self.forget_me(asker, confirmed).await,
            Command::Join { schedule } => self.join(actor, schedule).await,
            Command::Leave { schedule } => self.leave(actor, schedule).await,
            Command::Schedule(sub) => self.schedule_command(actor, sub).await,
            Command::Help { topic } => Ok(Reply::text(command::help_text(
                asker.lang(),
                topic.as_deref(),
            ))),
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
            } => self.recap(asker, &period, scope, public).await,
        }
    }

    async fn run_action(
        &self,
        actor: &Actor,
        asker: &Asker,
        action_id: &str,
    ) -> Result<Reply, ServiceError> {
        let (kind, arg) = action_id.split_once(':').unwrap_or((action_id, ""));
        let id = arg.parse::<i64>();
        match (kind, id) {
            ("answer" | "edit", Ok(id)) => self.open_form(asker, DeliveryId(id)).await,
            ("skip", Ok(id)) => self.skip_delivery(asker, DeliveryId(id)).await,
            ("join", Ok(id)) => {
                let name = self
                    .store
                    .schedule_name_of(asker.team.id, ScheduleId(id))
                    .await?;
                self.join(actor, Some(name.unwrap_or_else(|| arg.to_string())))
                    .await
            }
            ("forget", _) if arg == "confirm" => self.forget_me(asker, true).await,
            ("forget", _) if arg == "cancel" => {
                Ok(Reply::text(asker.t("forget_me.cancelled", &[])))
            }
            _ => Err(ServiceError::User(asker.t("error.unknown_action", &[]))),
        }
    }
}

/// The language to apologise in when the person cannot even be identified.
pub(crate) fn fallback_lang(service: &Service, actor: &Actor) -> Lang {
    actor
        .locale
        .as_deref()
        .map(Lang::from_locale)
        .unwrap_or(service.defaults.language)
}

/// The reply for a failed command (an unreachable database gets its own short message, as
/// there is no typed text to give back).
pub(crate) fn failure(error: &ServiceError, lang: Lang) -> Reply {
    match error {
        ServiceError::Unavailable(cause) => {
            tracing::warn!(error = %cause, "database unreachable");
            Reply::text(t(lang, "error.database_unreachable", &[]))
        }
        other => Reply::text(other.message(lang)),
    }
}
