//! What hoego does with what Slack sends, whichever way it arrived (Socket Mode or the HTTP
//! Events API). Slash commands, button presses and DM messages are acknowledged at once and
//! worked on afterwards; only a modal submission is answered in its acknowledgement (Slack shows
//! per-field errors only that way). Anything Slack sends again is recognised and ignored.

use std::future::Future;
use std::sync::Arc;

use slack_morphism::prelude::*;
use tokio::sync::Semaphore;

use super::messenger::SlackMessenger;
use super::modal::{self, Metadata};
use super::people::People;
use super::seen::Seen;
use crate::domain::ids::RequestId;
use crate::domain::lang::Lang;
use crate::platform::submits::Submits;
use crate::service::i18n::t;
use crate::service::ids::{ActionId, FormId};
use crate::service::reply::{Action, Audience, Form, Reply};
use crate::service::{Actor, Interaction, Outcome, Service};

/// Everything the handlers share.
pub struct Handler {
    /// The use cases.
    pub service: Service,
    /// Posting as the bot.
    pub messenger: Arc<SlackMessenger>,
    /// The Web API client (for `views.open` and `response_url`s).
    pub client: Arc<SlackHyperClient>,
    /// The bot token.
    pub token: SlackApiToken,
    /// Profiles and admin rights.
    pub people: Arc<People>,
    /// Ids already handled.
    pub seen: Seen,
    /// Permits for work done after an acknowledgement (see [`Handler::later`]).
    pub workers: Arc<Semaphore>,
    /// The modal submits being saved and acknowledged (their confirmations wait for them).
    pub submits: Arc<Submits>,
}

/// How many commands, presses and messages are worked on at once after their
/// acknowledgements: a burst of commands queues here instead of crowding the connection that
/// must acknowledge the rest of the burst, and the database pool.
pub const WORKERS: usize = 8;

/// Where a reply to a person can go.
#[derive(Debug, Clone, Default)]
pub struct ReplyTo {
    /// Opens a modal for 3 seconds after the person acted.
    pub trigger_id: Option<SlackTriggerId>,
    /// Slack's URL for ephemeral answers to a command or press.
    pub response_url: Option<SlackResponseUrl>,
    /// The channel the person acted in.
    pub channel: Option<String>,
}

impl Handler {
    /// A `/hoego …` command: acknowledged now (empty), answered when the work is done.
    pub fn command(self: &Arc<Self>, event: SlackCommandEvent) {
        if !self
            .seen
            .first_time(&format!("command:{}", event.trigger_id.0))
        {
            return;
        }
        let handler = self.clone();
        self.later(async move {
            let domain = event.team_domain.as_deref();
            let mut actor = handler
                .people
                .actor(&event.team_id.0, domain, &event.user_id.0)
                .await;
            actor.channel_id = Some(event.channel_id.0.clone());
            actor.request = Some(RequestId::slack(&event.trigger_id));
            let text = event.text.as_deref().unwrap_or_default();
            let text = if text.trim().is_empty() { "help" } else { text };
            let interaction = Interaction::Text(text.to_string());
            let outcome = handler.service.interact(&actor, interaction).await;
            let to = ReplyTo {
                trigger_id: Some(event.trigger_id),
                response_url: Some(event.response_url),
                channel: Some(event.channel_id.0),
            };
            handler.answer_outcome(&actor, outcome, to).await;
        });
    }

    /// An interaction: a button press is worked on after the acknowledgement; a modal
    /// submission is answered in it.
    pub async fn interaction(
        self: &Arc<Self>,
        event: SlackInteractionEvent,
    ) -> SlackInteractionResponse {
        match event {
            SlackInteractionEvent::BlockActions(press) => {
                if self
                    .seen
                    .first_time(&format!("press:{}", press.trigger_id.0))
                {
                    let handler = self.clone();
                    self.later(async move { handler.pressed(press).await });
                }
                SlackInteractionResponse::Empty
            }
            SlackInteractionEvent::ViewSubmission(submission) => self.submitted(submission).await,
            _ => SlackInteractionResponse::Empty,
        }
    }

    /// An Events API event: a person's DM to the bot is read as a command.
    pub fn event(self: &Arc<Self>, event: SlackPushEventCallback) {
        if !self.seen.first_time(&format!("event:{}", event.event_id.0)) {
            return;
        }
        let SlackEventCallbackBody::Message(message) = event.event else {
            return;
        };
        let direct = message
            .origin
            .channel_type
            .as_ref()
            .is_some_and(|c| c.0 == "im");
        let from_person = message.sender.bot_id.is_none() && message.subtype.is_none();
        let (Some(user), Some(channel)) = (message.sender.user, message.origin.channel) else {
            return;
        };
        let text = message.content.and_then(|c| c.text).unwrap_or_default();
        if !direct || !from_person || text.trim().is_empty() {
            return;
        }
        let (handler, team) = (self.clone(), event.team_id.0);
        self.later(async move {
            let mut actor = handler.people.actor(&team, None, &user.0).await;
            actor.channel_id = Some(channel.0.clone());
            actor.request = Some(RequestId::slack(&event.event_id));
            let outcome = handler
                .service
                .interact(&actor, Interaction::Text(text))
                .await;
            let to = ReplyTo {
                channel: Some(channel.0),
                ..ReplyTo::default()
            };
            handler.answer_outcome(&actor, outcome, to).await;
        });
    }

    /// Runs `work` after the acknowledgement, at most [`WORKERS`] at a time.
    pub fn later(&self, work: impl Future<Output = ()> + Send + 'static) {
        let workers = self.workers.clone();
        tokio::spawn(async move {
            let Ok(_permit) = workers.acquire_owned().await else {
                return;
            };
            work.await;
        });
    }

    async fn pressed(&self, press: SlackInteractionBlockActionsEvent) {
        let Some(user) = press.user.as_ref() else {
            return;
        };
        let Some(action) = press.actions.as_ref().and_then(|a| a.first()) else {
            return;
        };
        let team = press.team.id.0.as_str();
        let mut actor = self
            .people
            .actor(team, press.team.domain.as_deref(), &user.id.0)
            .await;
        actor.request = Some(RequestId::slack(&press.trigger_id));
        let interaction = match action.action_id.0.parse::<ActionId>() {
            Ok(action) => Interaction::Press(action),
            Err(_) => Interaction::UnknownPress,
        };
        let outcome = self.service.interact(&actor, interaction).await;
        let to = ReplyTo {
            trigger_id: Some(press.trigger_id.clone()),
            response_url: press.response_url.clone(),
            channel: press.channel.as_ref().map(|c| c.id.0.clone()),
        };
        self.answer_outcome(&actor, outcome, to).await;
    }

    /// Gives the outcome's reply to the person, unless the same request was handled already
    /// (by another replica, or a delivery of it Slack made before): whoever handled it answers.
    async fn answer_outcome(&self, actor: &Actor, outcome: Outcome, to: ReplyTo) {
        if let Some(reply) = outcome.shown() {
            self.answer(actor, reply, to).await;
        }
    }

    /// Gives `reply` to the person: a form opens as a modal, a channel reply is posted in the
    /// channel, a personal one answers through the response URL or in their DM; files go to
    /// the channel or their DM (Slack has no ephemeral files).
    pub async fn answer(&self, actor: &Actor, mut reply: Reply, to: ReplyTo) {
        if let Some(form) = reply.form.take() {
            match to.trigger_id.clone() {
                Some(trigger) => return self.open(actor, reply.lang, &form, trigger, to).await,
                None => reply = form_button(form.id, reply),
            }
        }
        if reply.audience == Audience::Channel
            && let Some(channel) = to.channel.as_deref()
        {
            match self.messenger.post(channel, &reply, None).await {
                Ok(_) => return,
                // Not in that channel, say: the asker still sees what happened.
                Err(error) => {
                    tracing::warn!(error = %error, channel, "could not post in the channel")
                }
            }
        }
        if let Err(error) = self.personal(actor, &reply, &to).await {
            tracing::warn!(error = %error, user = %actor.user_id, "could not answer on Slack");
        }
    }

    async fn open(
        &self,
        actor: &Actor,
        lang: Lang,
        form: &Form,
        trigger: SlackTriggerId,
        to: ReplyTo,
    ) {
        let metadata = Metadata {
            form: form.id.to_string(),
            team: actor.team_external_id.clone(),
        };
        let submit = t(lang, "slack.submit", &[]);
        let close = t(lang, "slack.close", &[]);
        let Some(view) = modal::view(modal::modal(form, &metadata, &submit, &close)) else {
            tracing::error!(form = %form.id, "a form did not make a valid Slack modal");
            return;
        };
        let request = SlackApiViewsOpenRequest::new(trigger, view);
        let session = self.client.open_session(&self.token);
        if let Err(error) = session.views_open(&request).await {
            tracing::warn!(error = %error, "views.open failed");
            let reply = form_button(form.id, Reply::new(lang));
            let to = ReplyTo {
                trigger_id: None,
                ..to
            };
            if let Err(error) = self.personal(actor, &reply, &to).await {
                tracing::warn!(error = %error, "could not offer the form again");
            }
        }
    }

    /// A reply only the person sees: through the response URL when there is one, else in their
    /// DM; its files in their DM.
    async fn personal(
        &self,
        actor: &Actor,
        reply: &Reply,
        to: &ReplyTo,
    ) -> Result<(), slack_morphism::errors::SlackClientError> {
        let Some(url) = &to.response_url else {
            let posted = self.messenger.post_direct(&actor.user_id, reply).await;
            return posted.map(|_| ());
        };
        let rendered = super::blocks::render(reply);
        let content = SlackMessageContent::new()
            .with_text(rendered.text.clone())
            .with_blocks(rendered.slack_blocks());
        let message = SlackApiPostWebhookMessageRequest::new(content);
        self.client.respond_to_event(url, &message).await?;
        if !rendered.files.is_empty() {
            let channel = self.messenger.dm_channel(&actor.user_id).await?;
            for file in &rendered.files {
                self.messenger.upload_file(&channel, file, None).await?;
            }
        }
        Ok(())
    }
}

/// `reply` with an Answer button that opens `form` when pressed (no trigger to open it now).
fn form_button(form: FormId, mut reply: Reply) -> Reply {
    reply.blocks.push(t(reply.lang, "slack.open_form", &[]));
    reply.actions.push(Action {
        id: form.opener(),
        label: t(reply.lang, "button.answer", &[]),
        primary: true,
    });
    reply
}
