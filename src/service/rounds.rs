//! Finding the round a member means: their open deliveries, narrowed by a schedule name, and
//! the questions of the template version the round asked, placeholders filled.

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::ids::ActionId;
use super::reply::{Action, Reply};
use super::syntax::Example;
use chrono::{Datelike, NaiveDate};

use super::recap::instants;
use crate::domain::ids::DeliveryId;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::template::{PlaceholderValues, Question, Template};
use crate::service::i18n::resolution_words::follow_up_question;
use crate::store::{DeliveryRound, StoreError};

/// The template whose rounds follow up resolutions from earlier years.
pub const QUARTERLY: &str = "quarterly";

/// A delivery with the questions its round asks.
#[derive(Debug, Clone)]
pub struct RoundForm {
    /// The delivery and its round.
    pub delivery: DeliveryRound,
    /// The template version the round asked.
    pub template: Template,
    /// Placeholder values from the round's occurrence.
    pub values: PlaceholderValues,
    /// In a `quarterly` round of a year the member planned as a Mandalart: the answer holding
    /// that grid, whose sub-goals the round rates.
    pub plan: Option<i64>,
}

impl RoundForm {
    /// A question's text in the asker's language, placeholders filled.
    pub fn label(&self, asker: &Asker, question: &Question) -> String {
        question
            .text
            .filled(&self.values)
            .get(asker.lang())
            .to_string()
    }

    /// A question's short label in the asker's language, placeholders filled, if it has one.
    pub fn short_label(&self, asker: &Asker, question: &Question) -> Option<String> {
        let label = question.label.as_ref()?.filled(&self.values);
        Some(label.get(asker.lang()).to_string())
    }

    /// The round's title: template name and occurrence date.
    pub fn title(&self, asker: &Asker) -> String {
        let name = self.template.name.filled(&self.values);
        format!(
            "{} · {}",
            name.get(asker.lang()),
            self.delivery.occurrence_local.date()
        )
    }
}

/// What a command does with the open delivery it picks (the buttons of "which one?").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// Answer it.
    Answer,
    /// Edit its answers.
    Edit,
    /// Skip it.
    Skip,
}

impl Verb {
    /// The button doing this to `delivery`.
    fn action(self, delivery: DeliveryId) -> ActionId {
        match self {
            Verb::Answer => ActionId::Answer(delivery),
            Verb::Edit => ActionId::Edit(delivery),
            Verb::Skip => ActionId::Skip(delivery),
        }
    }
}

/// Which open delivery a command is about.
pub enum Pick {
    /// Exactly this one.
    One(DeliveryRound),
    /// Several fit: the reply asks which.
    Choose(Reply),
    /// None is open.
    Nothing,
}

impl Service {
    /// The open delivery `asker` means: of the named schedule (most recent when several), or
    /// the only open one; with several and no name, a reply asking which (`verb` buttons).
    pub(crate) async fn pick_open(
        &self,
        asker: &Asker,
        schedule: Option<&str>,
        verb: Verb,
        keep: impl Fn(&DeliveryRound) -> bool,
    ) -> Result<Pick, ServiceError> {
        let now = self.clock.now();
        let open = self.store.open_deliveries(asker.member.id, now).await?;
        let open: Vec<DeliveryRound> = open.into_iter().filter(|d| keep(d)).collect();
        let Some(name) = schedule else {
            return Ok(match open.len() {
                0 => Pick::Nothing,
                1 => Pick::One(open.into_iter().next().expect("one")),
                _ => Pick::Choose(choose(asker, &open, verb)),
            });
        };
        let named = open.iter().find(|d| d.name().eq_ignore_ascii_case(name));
        match named {
            Some(found) => Ok(Pick::One(found.clone())),
            None if open.is_empty() => Ok(Pick::Nothing),
            None => Err(ServiceError::User(asker.t(
                "answer.no_open_named",
                &[("schedule", name), ("open", &names(&open))],
            ))),
        }
    }

    /// One delivery of `asker` with its questions; a delivery of someone else is not found.
    pub(crate) async fn round_form(
        &self,
        asker: &Asker,
        delivery: DeliveryId,
    ) -> Result<RoundForm, ServiceError> {
        match self.store.delivery_round(delivery).await? {
            Some(found) if found.member_id == asker.member.id => {
                self.with_template(asker, found).await
            }
            _ => Err(ServiceError::User(asker.t("answer.not_found", &[]))),
        }
    }

    /// Reads the round's stored template version; a `quarterly` round also asks how each of
    /// the member's open resolutions from earlier years is going, and how each sub-goal of
    /// their Mandalart for the round's year is going (1–5).
    pub(crate) async fn with_template(
        &self,
        asker: &Asker,
        delivery: DeliveryRound,
    ) -> Result<RoundForm, ServiceError> {
        let stored = delivery.template.clone().map_err(StoreError::from)?;
        let mut template = Template::clone(&stored);
        let mut plan = None;
        if template.id.as_str() == QUARTERLY {
            let year = delivery.occurrence_local.date().year();
            let new_year = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
            let period = Period {
                kind: PeriodKind::Year,
                from: new_year,
                to: new_year,
            };
            let (year_start, _) = instants(&period, asker.zone());
            let open = self
                .store
                .open_resolutions(asker.member.id, year_start)
                .await?;
            template.questions.extend(
                open.iter()
                    .map(|r| follow_up_question(r.id, &r.text, r.visibility)),
            );
            plan = self.plan_ratings(asker, year, &mut template).await?;
        }
        let values = PlaceholderValues::for_round(
            &template,
            delivery.occurrence_local.date(),
            asker.team.name.clone(),
        );
        Ok(RoundForm {
            delivery,
            template,
            values,
            plan,
        })
    }
}

/// The names of open rounds, for messages.
fn names(open: &[DeliveryRound]) -> String {
    let mut names: Vec<&str> = open.iter().map(DeliveryRound::name).collect();
    names.dedup();
    names.join(", ")
}

/// "Which one?", with a button per open round.
fn choose(asker: &Asker, open: &[DeliveryRound], verb: Verb) -> Reply {
    let example = open.first().map_or("", DeliveryRound::name);
    let example = asker.spell(Example::Answer(example));
    let text = asker.t(
        "answer.choose_schedule",
        &[("schedules", &names(open)), ("example", &example)],
    );
    let actions = open
        .iter()
        .map(|d| Action {
            id: verb.action(d.delivery_id),
            label: format!("{} · {}", d.name(), d.occurrence_local.date()),
            primary: false,
        })
        .collect();
    Reply {
        actions,
        ..asker.reply(text)
    }
}
