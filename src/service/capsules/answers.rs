//! A `capsule = true` question in an answer form: its answer is sealed as a letter to its
//! author, with the rest of the submission, and never kept as an answer. The letter opens on
//! the team's next year-end round at least half a year away, else a year after the round
//! ([`answer_letter_day`]); an edit before the round closes replaces it, an empty answer removes
//! it. Its author's form shows it again while the round is open.

use std::collections::HashMap;

use crate::domain::answer::AnswerValue;
use crate::domain::capsule::{LetterText, answer_letter_day, opens_at};
use crate::domain::template::QuestionId;
use crate::service::Service;
use crate::service::asker::Asker;
use crate::service::error::ServiceError;
use crate::service::rounds::RoundForm;
use crate::service::syntax::Example;
use crate::store::{AnswerLetter, LetterWrite};

use super::long_day;

/// Whether the round's template asks question `id` as a letter.
pub(in crate::service) fn is_capsule(round: &RoundForm, id: &QuestionId) -> bool {
    round.template.question(id).is_some_and(|q| q.capsule)
}

/// A capsule question's checked answer: the text to seal, `None` when it was left empty.
pub(in crate::service) fn typed_letter(value: Option<AnswerValue>) -> Option<String> {
    match value {
        Some(AnswerValue::Text(text)) => Some(text),
        _ => None,
    }
}

impl Service {
    /// The letters a checked submission seals (or removes), each with the day it opens.
    pub(in crate::service) async fn letter_writes(
        &self,
        asker: &Asker,
        round: &RoundForm,
        typed: Vec<(QuestionId, Option<String>)>,
    ) -> Result<Vec<LetterWrite>, ServiceError> {
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        let today = asker.today(self.clock.now());
        let rounds = self.year_end_round_days(asker).await?;
        let round_day = round.delivery.occurrence_local.date();
        let open_on = answer_letter_day(round_day, today, &rounds);
        let tz = asker.zone().tz();
        Ok(typed
            .into_iter()
            .map(|(id, text)| LetterWrite {
                question_id: id.to_string(),
                letter: text
                    .and_then(|text| LetterText::parse(&text).ok())
                    .map(|text| AnswerLetter {
                        written_on: today,
                        open_on,
                        opens_at: opens_at(open_on, tz),
                        text: text.as_str().to_string(),
                    }),
            })
            .collect())
    }

    /// Puts the letters its author's earlier answers sealed into the form's `values`.
    pub(in crate::service) async fn offer_letters(
        &self,
        round: &RoundForm,
        values: &mut HashMap<String, String>,
    ) -> Result<(), ServiceError> {
        if !round.template.questions.iter().any(|q| q.capsule) {
            return Ok(());
        }
        let letters = self
            .store
            .answer_letters(round.delivery.delivery_id)
            .await?;
        values.extend(letters);
        Ok(())
    }
}

/// After a save, when each sealed letter opens.
pub(in crate::service) fn letters_sealed(asker: &Asker, letters: &[LetterWrite]) -> Vec<String> {
    let list = asker.spell(Example::CapsuleList);
    letters
        .iter()
        .filter_map(|write| write.letter.as_ref())
        .map(|letter| {
            let day = long_day(asker.lang(), letter.open_on);
            asker.t("capsule.answer_sealed", &[("day", &day), ("list", &list)])
        })
        .collect()
}
