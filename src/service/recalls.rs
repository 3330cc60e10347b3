//! "Then vs now" in the answer form: for each question of a round that recalls an earlier one
//! (`recall = { question, ago }`), what the member answered there in their round of the same
//! template held about a year or a quarter before. Shown only in the member's own form.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::reply::Recalled;
use super::rounds::RoundForm;
use crate::domain::ids::{MemberId, RoundId};
use crate::domain::lang::Lang;
use crate::domain::template::{Ago, Recall};
use crate::service::i18n::t;
use crate::store::{EarlierAnswer, StoreError};

/// The earlier answers a round's questions recall, by the recalling question's id.
pub type Recalls = HashMap<String, Recalled>;

/// Where a recall looks from: whose, which template, which round and when it was held.
#[derive(Debug, Clone, Copy)]
pub struct RecallFrom<'a> {
    /// The member whose earlier answer it is.
    pub member: MemberId,
    /// The template's key (`year-end`): rounds of any schedule of it count.
    pub template: &'a str,
    /// The round the recall is asked in (never recalled itself).
    pub round: RoundId,
    /// That round's occurrence, local wall-clock time.
    pub occurrence: NaiveDateTime,
}

impl Service {
    /// The earlier answers `round`'s questions recall for its member, worded for `asker`.
    pub(crate) async fn recalls(
        &self,
        asker: &Asker,
        round: &RoundForm,
    ) -> Result<Recalls, ServiceError> {
        let from = RecallFrom {
            member: round.delivery.member_id,
            template: &round.delivery.template_key,
            round: round.delivery.round_id,
            occurrence: round.delivery.occurrence_local,
        };
        let mut out = Recalls::new();
        for question in &round.template.questions {
            let Some(recall) = &question.recall else {
                continue;
            };
            if let Some(found) = self.recalled(from, recall).await? {
                let other = (recall.question != question.id)
                    .then(|| round.template.question(&recall.question))
                    .flatten()
                    .map(|q| round.short_label(asker, q).unwrap_or(round.label(asker, q)));
                let recalled = Recalled {
                    intro: intro(asker.lang(), recall.ago, other.as_deref()),
                    text: found.value,
                };
                out.insert(question.id.to_string(), recalled);
            }
        }
        Ok(out)
    }

    /// The member's answer that `recall` shows from `from` ([`crate::store::Store::recalled`]).
    pub(crate) async fn recalled(
        &self,
        from: RecallFrom<'_>,
        recall: &Recall,
    ) -> Result<Option<EarlierAnswer>, StoreError> {
        let (whose, when) = ((from.member, from.template), (from.round, from.occurrence));
        self.store.recalled(whose, when, recall).await
    }
}

/// "A year ago you wrote:" in `lang`, naming the earlier question when it is `other` than the
/// one asked ("A quarter ago, to “What to change next quarter”, you wrote:").
pub fn intro(lang: Lang, ago: Ago, other: Option<&str>) -> String {
    let id = match (ago, other) {
        (Ago::Year, None) => "prompt.recall_year",
        (Ago::Quarter, None) => "prompt.recall_quarter",
        (Ago::Year, Some(_)) => "prompt.recall_year_to",
        (Ago::Quarter, Some(_)) => "prompt.recall_quarter_to",
    };
    match other {
        Some(question) => t(lang, id, &[("question", question)]),
        None => t(lang, id, &[]),
    }
}
