//! A submitted answer modal. Its acknowledgement is the answer: refused answers come back as
//! Slack's per-field errors (the modal stays open with everything typed); saved answers close it
//! and are confirmed in the person's DM. When the database does not answer in time, the modal
//! stays open with an error on its first question, so nothing typed is lost. Nothing but the
//! commit waits in front of the acknowledgement: the person is who hoego knows them to be
//! ([`super::people::People::actor_at_once`]), except for a letter to the team, whose writer's
//! admin rights are read from Slack. In a burst, the confirmations wait until every submit
//! being saved is acknowledged (at most half a second), so they do not take the CPU and the
//! connections the acknowledgements are waiting for.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use slack_morphism::prelude::*;

use super::handler::{Handler, ReplyTo};
use super::modal;
use crate::domain::ids::RequestId;
use crate::service::i18n::t;
use crate::service::ids::FormId;
use crate::service::{Interaction, Outcome};

/// How long saving may take inside the acknowledgement (Slack waits 3 seconds).
const SAVE_BUDGET: Duration = Duration::from_millis(2000);

impl Handler {
    /// The acknowledgement of a submitted view.
    pub(super) async fn submitted(
        self: &Arc<Self>,
        submission: SlackInteractionViewSubmissionEvent,
    ) -> SlackInteractionResponse {
        let Some(metadata) = modal::metadata(&submission.view) else {
            return SlackInteractionResponse::Empty;
        };
        let Some(form) = metadata.form_id() else {
            return SlackInteractionResponse::Empty;
        };
        let values = modal::values(&submission.view);
        let first_block = values.first().map(|(id, _)| id.clone()).unwrap_or_default();
        let domain = submission.team.domain.as_deref();
        let (team, user) = (metadata.team.as_str(), submission.user.id.0.as_str());
        let mut actor = match form {
            // Only a letter to the team asks for rights (an admin's), read from Slack.
            FormId::Capsule(letter) if letter.team => self.people.actor(team, domain, user).await,
            _ => self.people.actor_at_once(team, user),
        };
        actor.request = submission.trigger_id.as_ref().map(RequestId::slack);
        let _acknowledging = self.submits.acknowledging();
        let saving = self
            .service
            .interact(&actor, Interaction::Submit(form, values));
        let outcome = tokio::time::timeout(SAVE_BUDGET, saving).await;
        match outcome {
            Ok(Outcome::Invalid(reply)) => {
                let refused = reply.form.as_ref().map(modal::errors).unwrap_or_default();
                errors(refused)
            }
            Ok(Outcome::Done(reply)) | Ok(Outcome::Refused(reply)) => {
                // In a burst, every submit is saved and acknowledged before the first
                // confirmation is posted.
                let handler = self.clone();
                tokio::spawn(async move {
                    handler.submits.after_acknowledgements().await;
                    let answering = handler.clone();
                    handler.later(async move {
                        answering.answer(&actor, reply, ReplyTo::default()).await;
                    });
                });
                SlackInteractionResponse::Empty
            }
            // Another replica (or an earlier delivery of this submission) saved it and answers.
            Ok(Outcome::Elsewhere(_)) => SlackInteractionResponse::Empty,
            Ok(Outcome::Unavailable(reply)) => {
                let message = t(reply.lang, "slack.not_saved", &[]);
                errors(HashMap::from([(first_block, message)]))
            }
            // Saving takes longer than Slack waits: the database may be what is slow, so the
            // person's language is not asked of it.
            Err(_) => {
                let locale = actor.locale.as_deref();
                let notice = self.service.notice_offline(locale, "slack.not_saved", &[]);
                errors(HashMap::from([(first_block, notice.plain_text())]))
            }
        }
    }
}

/// `response_action: errors` with a message under each named block.
fn errors(by_block: HashMap<String, String>) -> SlackInteractionResponse {
    let errors = by_block.into_iter().collect();
    let response = SlackViewSubmissionErrorsResponse::new(errors);
    SlackInteractionResponse::ViewSubmission(SlackViewSubmissionResponse::Errors(response))
}
