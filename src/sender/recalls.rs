//! "Then vs now" in a prompt: the earlier answers its questions recall, read for a prompt that
//! goes to the member alone (a DM); a prompt in a thread others read gets none. A failed read
//! leaves them out rather than holding the prompt back (the form shows them again).

use super::Sender;
use crate::domain::template::Template;
use crate::service::messenger::Destination;
use crate::service::prompts::destination;
use crate::service::recalls::{Recalls, intro};
use crate::service::reply::Recalled;
use crate::store::ClaimedDelivery;

impl Sender {
    /// The earlier answers `template`'s questions recall for `delivery`'s member, when its
    /// prompt is a DM; none otherwise.
    pub(super) async fn recalls(&self, delivery: &ClaimedDelivery, template: &Template) -> Recalls {
        let mut out = Recalls::new();
        if !matches!(destination(delivery), Destination::Direct { .. }) {
            return out;
        }
        let whose = (delivery.member_id, delivery.template_key.as_str());
        let when = (delivery.round_id, delivery.occurrence_local);
        for question in &template.questions {
            let Some(recall) = &question.recall else {
                continue;
            };
            let found = match self.store.recalled(whose, when, recall).await {
                Ok(found) => found,
                Err(error) => {
                    tracing::warn!(%error, "earlier answer not read; the prompt goes without it");
                    return Recalls::new();
                }
            };
            let Some(found) = found else {
                continue;
            };
            let other = (recall.question != question.id)
                .then(|| template.question(&recall.question))
                .flatten()
                .map(|q| other_label(delivery, template, q));
            let recalled = Recalled {
                intro: intro(delivery.language, recall.ago, other.as_deref()),
                text: found.value,
            };
            out.insert(question.id.to_string(), recalled);
        }
        out
    }
}

/// The recalled question's short label (else its text), placeholders filled for the round.
fn other_label(
    delivery: &ClaimedDelivery,
    template: &Template,
    question: &crate::domain::template::Question,
) -> String {
    let values = crate::domain::template::PlaceholderValues::for_round(
        template,
        delivery.occurrence_local.date(),
        delivery.team_name.clone(),
    );
    let text = question.label.as_ref().unwrap_or(&question.text);
    text.filled(&values).get(delivery.language).to_string()
}
