//! Committing a submitted answer form: every field checked first (all-or-nothing, each refused
//! field with its reason), then every answer written in one transaction, and only then "saved".
//! When it cannot be saved, the reply gives back everything that was typed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::answers::edit_action;
use super::asker::Asker;
use super::capsules::{is_capsule, letters_sealed, typed_letter};
use super::error::ServiceError;
use super::forms::{answer_form, round_labels, typed_text};
use super::grid_form::{grid_kept, submitted_grids};
use super::i18n::t;
use super::ids::FormId;
use super::interaction::Outcome;
use super::mandalart::rating_write;
use super::reply::Reply;
use super::rounds::{QUARTERLY, RoundForm};
use super::syntax::Example;
use super::{Actor, Service};
use crate::domain::answer::{AnswerValue, FormErrors, validate_form};
use crate::domain::follow_up;
use crate::domain::lang::Lang;
use crate::domain::milestone::MilestoneText;
use crate::domain::state::DeliveryStatus;
use crate::domain::template::{QuestionId, QuestionKind};
use crate::service::i18n::resolution_words::read_follow_up;
use crate::store::{AnswerWrite, FollowUpWrite, RatingWrite, SavedAnswers};

impl Service {
    /// Checks and commits a submitted form for the person `asker` identified (or failed to).
    pub(super) async fn submit_form(
        &self,
        actor: &Actor,
        asker: Result<Asker, ServiceError>,
        form: FormId,
        values: Vec<(String, String)>,
    ) -> Outcome {
        if let FormId::Capsule(letter) = form {
            return self.submit_letter(actor, asker, letter, values).await;
        }
        if let FormId::TeamGrid(grid) = form {
            return self.submit_team_grid(actor, asker, grid, values).await;
        }
        let asker = match asker {
            Ok(asker) => asker,
            Err(error) => {
                let lang = self.fallback_lang(actor.locale.as_deref());
                let labels = self.shown.labels(actor, form);
                return not_saved(&error, lang, &labels, &values);
            }
        };
        let round = match self.submitted_round(&asker, form).await {
            Ok(round) => round,
            Err(error) => {
                let labels = self.shown.labels(actor, form);
                return not_saved(&error, asker.lang(), &labels, &values);
            }
        };
        match self.commit(&asker, &round, &values).await {
            Ok(outcome) => outcome,
            Err(error) => {
                let labels = round_labels(&asker, &round);
                not_saved(&error, asker.lang(), &labels, &values)
            }
        }
    }

    pub(super) async fn submitted_round(
        &self,
        asker: &Asker,
        form: FormId,
    ) -> Result<RoundForm, ServiceError> {
        let FormId::Answer(delivery) = form else {
            return Err(super::dispatch::unknown_action(asker));
        };
        let round = self.round_form(asker, delivery).await?;
        if round.delivery.is_open(self.clock.now()) {
            Ok(round)
        } else {
            Err(self.closed(asker, &round.delivery))
        }
    }

    pub(super) async fn commit(
        &self,
        asker: &Asker,
        round: &RoundForm,
        values: &[(String, String)],
    ) -> Result<Outcome, ServiceError> {
        let earlier = self.earlier_grids(round).await?;
        let (writes, follow_ups, ratings, letters) = match checked(round, &earlier, values) {
            Ok(checked) => checked,
            Err(errors) => {
                let mut typed: HashMap<String, String> = earlier;
                typed.extend(values.iter().cloned());
                let recalls = self.recalls(asker, round).await?;
                let form = answer_form(asker, round, (&typed, &recalls), &errors);
                return Ok(Outcome::Invalid(Reply {
                    form: Some(form),
                    ..Reply::new(asker.lang())
                }));
            }
        };
        let letters = self.letter_writes(asker, round, letters).await?;
        let delivery = &round.delivery;
        let saved = self
            .store
            .save_submission(
                delivery.delivery_id,
                asker.member.id,
                &writes,
                (&follow_ups, &ratings, &letters),
                self.clock.now(),
                asker.request.as_ref(),
            )
            .await?
            .ok_or_else(|| self.closed(asker, &round.delivery))?;
        tracing::info!(delivery = %delivery.delivery_id, ?saved, "answers saved");
        let mut reply = saved_reply(asker, round, saved, self.clock.now());
        reply.blocks.extend(grid_kept(asker, round, &writes));
        reply.blocks.extend(letters_sealed(asker, &letters));
        Ok(Outcome::Done(reply))
    }
}

impl Service {
    /// The stored grids of the round's Mandalart questions, by question id (read only when
    /// the round asks one): a submission's parts are laid over them.
    pub(super) async fn earlier_grids(
        &self,
        round: &RoundForm,
    ) -> Result<HashMap<String, String>, ServiceError> {
        let questions = &round.template.questions;
        if !questions.iter().any(|q| q.is_mandalart()) {
            return Ok(HashMap::new());
        }
        let stored = self
            .store
            .delivery_answers(round.delivery.delivery_id)
            .await?;
        Ok(stored
            .into_iter()
            .filter(|a| {
                questions
                    .iter()
                    .any(|q| q.is_mandalart() && q.id.as_str() == a.question_id)
            })
            .map(|a| (a.question_id, a.value))
            .collect())
    }
}

/// What a checked form writes: answers, resolution follow-ups, Mandalart ratings, and the text
/// of each capsule question (never an answer; `None` when left empty).
type Writes = (
    Vec<AnswerWrite>,
    Vec<FollowUpWrite>,
    Vec<RatingWrite>,
    Vec<(QuestionId, Option<String>)>,
);

/// The answers, resolution follow-ups and Mandalart ratings to write, or every field's error.
fn checked(
    round: &RoundForm,
    earlier: &HashMap<String, String>,
    values: &[(String, String)],
) -> Result<Writes, FormErrors> {
    let questions = &round.template.questions;
    let mut raws: Vec<(QuestionId, String)> = values
        .iter()
        .filter_map(|(id, value)| {
            let question = questions.iter().find(|q| q.id.as_str() == id)?;
            Some((question.id.clone(), value.clone()))
        })
        .collect();
    let (grids, mut grid_errors) = submitted_grids(questions, earlier, values);
    raws.retain(|(id, _)| !grids.iter().any(|(q, _)| &q.id == id));
    raws.extend(grids.into_iter().map(|(q, stored)| (q.id, stored)));
    let answers = match validate_form(questions, &raws) {
        Ok(answers) if grid_errors.is_empty() => answers,
        Ok(_) => return Err(grid_errors),
        Err(mut errors) => {
            errors.append(&mut grid_errors);
            return Err(errors);
        }
    };
    let (mut writes, mut follow_ups, mut errors) = (Vec::new(), Vec::new(), FormErrors::new());
    let (mut ratings, mut letters) = (Vec::new(), Vec::new());
    let quarterly = round.template.id.as_str() == QUARTERLY;
    for (id, value) in answers {
        if is_capsule(round, &id) {
            letters.push((id, typed_letter(value)));
            continue;
        }
        if let Some(rating) = rating_write(round, &id, &value) {
            ratings.extend(rating);
            continue;
        }
        let Some(resolution) = follow_up::resolution_of(id.as_str()).filter(|_| quarterly) else {
            writes.extend(answer_write(round, &id, value));
            continue;
        };
        if let Some(AnswerValue::Text(text)) = value {
            match read_follow_up(&text) {
                Ok(read) => follow_ups.push(FollowUpWrite {
                    resolution,
                    round: round.delivery.round_id,
                    status: read.status,
                    note: read.note,
                }),
                Err(error) => errors.push((id, error)),
            }
        }
    }
    if errors.is_empty() {
        Ok((writes, follow_ups, ratings, letters))
    } else {
        Err(errors)
    }
}

fn answer_write(
    round: &RoundForm,
    id: &QuestionId,
    value: Option<AnswerValue>,
) -> Option<AnswerWrite> {
    let question = round.template.question(id)?;
    let resolutions = match (&question.kind, &value) {
        (QuestionKind::List { resolutions: true }, Some(AnswerValue::List(items))) => {
            Some(items.clone())
        }
        (QuestionKind::List { resolutions: true }, None) => Some(Vec::new()),
        _ => None,
    };
    let milestone = match (&value, question.milestone) {
        (Some(AnswerValue::Text(text)), true) => MilestoneText::parse(text)
            .ok()
            .map(|text| (round.delivery.occurrence_local.date(), text)),
        _ => None,
    };
    Some(AnswerWrite {
        question_id: id.to_string(),
        value: value.as_ref().map(AnswerValue::to_storage),
        visibility: question.visibility,
        resolutions,
        milestone,
        mandalart: question.is_mandalart().then_some(round.values.next_year),
    })
}

fn saved_reply(asker: &Asker, round: &RoundForm, saved: SavedAnswers, now: DateTime<Utc>) -> Reply {
    let count = (saved.created + saved.updated + saved.unchanged).to_string();
    let edited = round.delivery.status == DeliveryStatus::Answered;
    let id = if edited || saved.updated + saved.cleared > 0 {
        "answer.updated"
    } else {
        "answer.saved"
    };
    let delivery = &round.delivery;
    let text = [
        asker.t(id, &[("count", &count), ("schedule", delivery.name())]),
        asker.t(
            "answer.edit_until",
            &[
                ("when", &asker.reader(now).when(delivery.closes_at)),
                ("edit", &asker.spell(Example::Edit)),
            ],
        ),
    ];
    Reply {
        actions: vec![edit_action(asker, delivery.delivery_id)],
        ..asker.reply(text.join(" "))
    }
}

/// The outcome when nothing could be saved: the reason, then everything that was typed.
/// The outcome when the database did not answer within `budget`: nothing saved (whatever was
/// under way is abandoned), everything typed given back.
pub(super) fn timed_out(
    lang: Lang,
    budget: std::time::Duration,
    labels: &[(String, String)],
    values: &[(String, String)],
) -> Outcome {
    tracing::warn!(
        ?budget,
        "database unreachable: no answer within the budget; answers given back"
    );
    given_back(lang, &typed_text(labels, values))
}

fn given_back(lang: Lang, typed: &str) -> Outcome {
    let text = t(lang, "error.database_unavailable", &[("text", typed)]);
    Outcome::Unavailable(Reply::text(lang, text))
}

pub(super) fn not_saved(
    error: &ServiceError,
    lang: Lang,
    labels: &[(String, String)],
    values: &[(String, String)],
) -> Outcome {
    let typed = typed_text(labels, values);
    match error {
        ServiceError::Unavailable(cause) => {
            tracing::warn!(error = %cause, "database unreachable; answers given back");
            given_back(lang, &typed)
        }
        ServiceError::Elsewhere => Outcome::Elsewhere(Reply::new(lang)),
        other => {
            let mut reply = Reply::text(lang, other.message(lang));
            if !typed.is_empty() {
                reply.blocks.push(t(lang, "answer.given_back", &[]));
                reply.blocks.push(typed);
            }
            Outcome::Refused(reply)
        }
    }
}
