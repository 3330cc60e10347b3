//! Who may read my answers: `visibility <question-number|question-id|all> private|team|anonymous`
//! for the answers of my current round (the most recent open one I have answered).

use super::Service;
use super::asker::Asker;
use super::command::QuestionRef;
use super::error::ServiceError;
use super::reply::Reply;
use super::rounds::RoundForm;
use super::syntax::Example;
use crate::domain::visibility::Visibility;

impl Service {
    /// Changes the visibility of one or all of my answers in the current round.
    pub(crate) async fn set_visibility(
        &self,
        asker: &Asker,
        question: &QuestionRef,
        visibility: Visibility,
    ) -> Result<Reply, ServiceError> {
        let round = self.current_answered_round(asker).await?;
        let question_id = question_id(asker, &round, question)?;
        let grid = self
            .grid_kept_private(asker, &round, question_id.as_deref(), visibility)
            .await?;
        let changed = self
            .store
            .set_answer_visibility(
                round.delivery.delivery_id,
                question_id.as_deref(),
                visibility,
                self.clock.now(),
            )
            .await?;
        let schedule = round.delivery.name();
        if changed == 0 {
            let question = question_id.unwrap_or_default();
            let args = [("schedule", schedule), ("question", question.as_str())];
            return Err(ServiceError::User(
                asker.t("visibility.not_answered", &args),
            ));
        }
        let word = asker.t(&format!("visibility.{}", visibility.as_str()), &[]);
        let args = [
            ("count", changed.to_string()),
            ("schedule", schedule.to_string()),
            ("visibility", word),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let mut text = asker.t("visibility.updated", &args);
        if let Some(note) = grid {
            text.push('\n');
            text.push_str(&note);
        }
        Ok(asker.reply(text))
    }

    /// A Mandalart is never anonymous (a plan gives its author away): naming it alone is
    /// refused with how to share it; with `all`, the note that it kept its visibility, when the
    /// round holds one (the store never makes a grid anonymous).
    async fn grid_kept_private(
        &self,
        asker: &Asker,
        round: &RoundForm,
        question: Option<&str>,
        visibility: Visibility,
    ) -> Result<Option<String>, ServiceError> {
        if visibility != Visibility::Anonymous {
            return Ok(None);
        }
        let grids: Vec<&str> = (round.template.questions.iter())
            .filter(|q| q.is_mandalart())
            .map(|q| q.id.as_str())
            .collect();
        let answers = self.store.delivery_answers(round.delivery.delivery_id);
        let answered = answers.await?;
        let Some(grid) = grids
            .into_iter()
            .find(|g| question.is_none_or(|q| q == *g))
            .filter(|g| answered.iter().any(|a| a.question_id == *g))
        else {
            return Ok(None);
        };
        let example = asker.spell(Example::ShareAnswer(grid));
        let args = [("example", example.as_str())];
        match question {
            Some(_) => Err(ServiceError::User(
                asker.t("visibility.grid_not_anonymous", &args),
            )),
            None => Ok(Some(asker.t("visibility.grid_kept", &args))),
        }
    }

    async fn current_answered_round(&self, asker: &Asker) -> Result<RoundForm, ServiceError> {
        let open = self
            .store
            .open_deliveries(asker.member.id, self.clock.now())
            .await?;
        for delivery in open {
            if !self
                .store
                .delivery_answers(delivery.delivery_id)
                .await?
                .is_empty()
            {
                return self.with_template(asker, delivery).await;
            }
        }
        Err(ServiceError::User(asker.t("visibility.no_round", &[])))
    }
}

/// The question id a reference names in the round (`None` for all), or why it names none.
fn question_id(
    asker: &Asker,
    round: &RoundForm,
    question: &QuestionRef,
) -> Result<Option<String>, ServiceError> {
    let questions = &round.template.questions;
    let found = match question {
        QuestionRef::All => return Ok(None),
        QuestionRef::Number(n) => (*n as usize)
            .checked_sub(1)
            .and_then(|index| questions.get(index)),
        QuestionRef::Key(key) => questions
            .iter()
            .find(|q| q.id.as_str() == key.to_lowercase()),
    };
    match found {
        Some(question) => Ok(Some(question.id.to_string())),
        None => {
            let given = match question {
                QuestionRef::Number(n) => n.to_string(),
                QuestionRef::Key(key) => key.clone(),
                QuestionRef::All => String::new(),
            };
            let list: Vec<String> = questions
                .iter()
                .enumerate()
                .map(|(i, q)| format!("{} {}", i + 1, q.id))
                .collect();
            let args = [
                ("question", given.as_str()),
                ("schedule", round.delivery.name()),
                ("questions", &list.join(", ")),
            ];
            Err(ServiceError::User(asker.t("visibility.no_question", &args)))
        }
    }
}
