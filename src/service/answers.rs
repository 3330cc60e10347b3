//! Answering a round: opening its form (again, to edit), skipping it, and committing a
//! submitted form all at once before saying it is saved.

use std::collections::HashMap;

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::forms::answer_form;
use super::ids::{ActionId, FormId};
use super::reply::{Action, Reply};
use super::rounds::{Pick, RoundForm, Verb};
use super::syntax::Example;
use crate::domain::follow_up;
use crate::domain::ids::DeliveryId;
use crate::domain::mandalart::follow::RATING_PREFIX;
use crate::domain::state::DeliveryStatus;
use crate::domain::visibility::Visibility;
use crate::service::i18n::resolution_words::show_follow_up;
use crate::store::DeliveryRound;

impl Service {
    /// `answer [schedule]`: the form of the open round (filled with earlier answers).
    pub(crate) async fn answer(
        &self,
        asker: &Asker,
        schedule: Option<&str>,
    ) -> Result<Reply, ServiceError> {
        match self
            .pick_open(asker, schedule, Verb::Answer, |_| true)
            .await?
        {
            Pick::One(delivery) => {
                self.form_reply(asker, self.with_template(asker, delivery).await?)
                    .await
            }
            Pick::Choose(reply) => Ok(reply),
            Pick::Nothing => Err(self.nothing_open(asker, schedule).await),
        }
    }

    /// `edit [schedule]`: the form of an answered open round, filled with the answers.
    pub(crate) async fn edit(
        &self,
        asker: &Asker,
        schedule: Option<&str>,
    ) -> Result<Reply, ServiceError> {
        let answered = |d: &DeliveryRound| d.status == DeliveryStatus::Answered;
        match self
            .pick_open(asker, schedule, Verb::Edit, answered)
            .await?
        {
            Pick::One(delivery) => {
                self.form_reply(asker, self.with_template(asker, delivery).await?)
                    .await
            }
            Pick::Choose(reply) => Ok(reply),
            Pick::Nothing => match self
                .pick_open(asker, schedule, Verb::Answer, |_| true)
                .await?
            {
                Pick::One(open) => Err(ServiceError::User(
                    asker.t("answer.nothing_to_edit", &[("schedule", open.name())]),
                )),
                _ => Err(self.nothing_open(asker, schedule).await),
            },
        }
    }

    /// `skip [schedule]`: marks the open round skipped.
    pub(crate) async fn skip(
        &self,
        asker: &Asker,
        schedule: Option<&str>,
    ) -> Result<Reply, ServiceError> {
        match self
            .pick_open(asker, schedule, Verb::Skip, |_| true)
            .await?
        {
            Pick::One(delivery) => self.skip_delivery(asker, delivery.delivery_id).await,
            Pick::Choose(reply) => Ok(reply),
            Pick::Nothing => Err(self.nothing_open(asker, schedule).await),
        }
    }

    /// Skips one delivery (the Skip button, or `skip`).
    pub(crate) async fn skip_delivery(
        &self,
        asker: &Asker,
        delivery: DeliveryId,
    ) -> Result<Reply, ServiceError> {
        let round = self.round_form(asker, delivery).await?;
        self.ensure_open(asker, &round)?;
        if round.delivery.status == DeliveryStatus::Answered {
            let name = round.delivery.name();
            return Err(ServiceError::User(asker.t(
                "answer.already_answered",
                &[("schedule", name), ("edit", &asker.spell(Example::Edit))],
            )));
        }
        let once = asker.request.as_ref();
        if !self
            .store
            .skip_delivery(delivery, self.clock.now(), once)
            .await?
        {
            return Err(self.closed(asker, &round.delivery));
        }
        Ok(asker.reply(asker.t("answer.skipped", &[("schedule", round.delivery.name())])))
    }

    /// The form of one delivery (the Answer and Edit buttons).
    pub(crate) async fn open_form(
        &self,
        asker: &Asker,
        delivery: DeliveryId,
    ) -> Result<Reply, ServiceError> {
        let round = self.round_form(asker, delivery).await?;
        self.form_reply(asker, round).await
    }

    async fn form_reply(&self, asker: &Asker, round: RoundForm) -> Result<Reply, ServiceError> {
        self.ensure_open(asker, &round)?;
        let earlier = self
            .store
            .delivery_answers(round.delivery.delivery_id)
            .await?;
        let mut values: HashMap<String, String> = earlier
            .into_iter()
            .map(|a| (a.question_id, a.value))
            .collect();
        let follow_ups = self
            .store
            .round_follow_ups(asker.member.id, round.delivery.round_id)
            .await?;
        for (resolution, status, note) in follow_ups {
            let id = format!("{}{resolution}", follow_up::PREFIX);
            values.insert(id, show_follow_up(asker.lang(), status, &note));
        }
        if let Some(plan) = round.plan {
            let round_id = Some(round.delivery.round_id);
            for (goal, rating) in self.store.mandalart_ratings(plan, round_id).await? {
                let id = format!("{RATING_PREFIX}{}", goal + 1);
                values.insert(id, rating.to_string());
            }
        }
        self.offer_periods(asker, &round, &mut values).await?;
        self.offer_resolutions(asker, &round, &mut values).await?;
        self.offer_letters(&round, &mut values).await?;
        let form = FormId::Answer(round.delivery.delivery_id);
        self.with_kept_pages(form, &mut values).await?;
        let mut blocks = vec![format!(
            "**{}**\n{}",
            round.title(asker),
            asker.t(
                "prompt.closes",
                &[(
                    "when",
                    &asker
                        .reader(self.clock.now())
                        .when(round.delivery.closes_at)
                )]
            )
        )];
        blocks.extend(visibility_hints(asker, &round));
        let recalls = self.recalls(asker, &round).await?;
        Ok(Reply {
            blocks,
            form: Some(answer_form(asker, &round, (&values, &recalls), &Vec::new())),
            ..Reply::new(asker.lang())
        })
    }

    fn ensure_open(&self, asker: &Asker, round: &RoundForm) -> Result<(), ServiceError> {
        if round.delivery.is_open(self.clock.now()) {
            Ok(())
        } else {
            Err(self.closed(asker, &round.delivery))
        }
    }

    /// "That round closed at …".
    pub(crate) fn closed(&self, asker: &Asker, delivery: &DeliveryRound) -> ServiceError {
        let when = asker.reader(self.clock.now()).when(delivery.closes_at);
        let name = delivery.name();
        ServiceError::User(asker.t(
            "answer.round_closed",
            &[("schedule", name), ("when", &when)],
        ))
    }

    /// Why there is nothing to answer: the latest round closed (when it is the one meant), or
    /// there is no open round (of that name).
    async fn nothing_open(&self, asker: &Asker, schedule: Option<&str>) -> ServiceError {
        let now = self.clock.now();
        let latest = self.store.latest_delivery(asker.member.id, now).await;
        let meant =
            |d: &DeliveryRound| schedule.is_none_or(|name| d.name().eq_ignore_ascii_case(name));
        match latest {
            Ok(Some(delivery)) if meant(&delivery) && !delivery.is_open(now) => {
                self.closed(asker, &delivery)
            }
            Err(error) => error.into(),
            _ => match schedule {
                Some(name) => {
                    ServiceError::User(asker.t("answer.nothing_open_named", &[("schedule", name)]))
                }
                None => ServiceError::User(asker.t("answer.nothing_open", &[])),
            },
        }
    }
}

/// The "private answers are only yours" and "anonymous answers carry no name" notes, for the
/// questions of the round that default to them.
fn visibility_hints(asker: &Asker, round: &RoundForm) -> Vec<String> {
    let has = |v: Visibility| round.template.questions.iter().any(|q| q.visibility == v);
    let mut hints = Vec::new();
    if has(Visibility::Private) {
        hints.push(asker.t("prompt.private_hint", &[]));
    }
    if has(Visibility::Anonymous) {
        hints.push(asker.t("prompt.anonymous_hint", &[]));
    }
    hints
}

/// The Edit button for a saved round.
pub(crate) fn edit_action(asker: &Asker, delivery: DeliveryId) -> Action {
    Action {
        id: ActionId::Edit(delivery),
        label: asker.t("button.edit", &[]),
        primary: false,
    }
}
