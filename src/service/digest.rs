//! The digest of a closed round: its shared answers grouped by question or by member, as its
//! schedule says (anonymous ones without a name and never under their author, private ones never), and who has not answered by display name. Posted to the
//! schedule's digest channel; the console, which has one channel, prints it there.

use std::sync::Arc;

use chrono::Datelike;

use crate::domain::ids::RoundId;
use crate::domain::recap::digest::{Digest, DigestAnswer, build_digest};
use crate::domain::recap::split::split;
use crate::domain::state::Platform;
use crate::domain::zone::ZoneName;
use crate::scheduler::RoundClosed;
use crate::store::DigestRound;

use super::Service;
use super::error::ServiceError;
use super::i18n::dates::Reader;
use super::i18n::recap_words::recap_words;
use super::limits::Limits;
use super::messenger::{Destination, Messenger, Outgoing};
use super::questions::Questions;
use super::reply::{Attachment, Audience, Reply};

/// The channel the console prints digests in when a schedule names none.
pub const CONSOLE_CHANNEL: &str = "console";

/// What became of a round's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestOutcome {
    /// Posted to this channel.
    Posted(String),
    /// The schedule has no digest channel; nothing was posted.
    NoChannel,
}

impl Service {
    /// Compiles the digest of `round` in the team's language.
    pub async fn round_digest(
        &self,
        round: RoundId,
    ) -> Result<(Digest, DigestRound), ServiceError> {
        let info = self.store.digest_round(round).await?;
        let team_name = self.store.team_name(info.team_id).await?;
        let date = info.occurrence_local.date();
        let mut questions = Questions::new(&self.store, info.team_lang, &team_name);
        let mut answers = Vec::new();
        for (question_id, value, author) in self.store.round_team_answers(round).await? {
            let (question, kind) = questions.get(info.template_id, &question_id, date).await?;
            answers.push(DigestAnswer {
                question_id,
                question,
                kind,
                value,
                author,
            });
        }
        let order = questions.order(info.template_id);
        answers.sort_by_key(|a| order.iter().position(|id| *id == a.question_id));
        let (answers, withheld) = self.digest_shown(answers, info.team_lang);
        let name = info
            .schedule_name
            .clone()
            .unwrap_or_else(|| team_name.clone());
        let reader = Reader {
            lang: info.team_lang,
            zone: ZoneName::UTC,
            year: self.clock.now().year(),
        };
        let digest = build_digest(
            recap_words(info.team_lang),
            &name,
            date,
            &reader.date(date),
            &answers,
            info.not_answered.clone(),
            info.asked,
        )
        .grouped_by(info.digest_group);
        let digest = Digest { withheld, ..digest };
        Ok((digest, info))
    }

    /// Builds and posts the digest of `round` to its schedule's digest channel.
    pub async fn post_digest(
        &self,
        round: RoundId,
        messenger: &dyn Messenger,
    ) -> Result<DigestOutcome, ServiceError> {
        let (digest, info) = self.round_digest(round).await?;
        let channel = match (info.digest_channel_id, info.platform) {
            (Some(channel), _) => channel,
            (None, Platform::Console) => CONSOLE_CHANNEL.to_string(),
            (None, _) => return Ok(DigestOutcome::NoChannel),
        };
        let message = Outgoing {
            to: Destination::Channel {
                channel_id: channel.clone(),
                thread: None,
            },
            reply: digest_reply(&digest, messenger.limits()),
            idempotency_key: format!("digest:{round}"),
            mention: None,
        };
        messenger
            .send(&message)
            .await
            .map_err(|e| ServiceError::Internal(anyhow::anyhow!("posting digest: {e}")))?;
        Ok(DigestOutcome::Posted(channel))
    }
}

/// The digest itself when it fits one message of the platform; else a summary with the Markdown
/// attached.
pub fn digest_reply(digest: &Digest, limits: Limits) -> Reply {
    let document = digest.render();
    let mut reply = if document.chars().count() <= limits.message_len {
        Reply::text(digest.lang, document.trim_end())
    } else {
        let mut reply = Reply {
            blocks: split(&digest.summary(), limits.block_len),
            ..Reply::new(digest.lang)
        };
        reply.attachments.push(Attachment {
            filename: format!("hoego-digest-{}.md", digest.date),
            content_type: "text/markdown".into(),
            bytes: document.into_bytes(),
        });
        reply
    };
    reply.audience = Audience::Channel;
    reply
}

/// Posts each closed round's digest in the background (the scheduler's [`RoundClosed`]).
#[derive(Clone)]
pub struct DigestPoster {
    service: Service,
    messenger: Arc<dyn Messenger>,
}

impl DigestPoster {
    /// Posts through `messenger`.
    pub fn new(service: Service, messenger: Arc<dyn Messenger>) -> Self {
        DigestPoster { service, messenger }
    }

    /// Posts one round's digest now, logging a failure.
    pub async fn post(&self, round: RoundId) {
        match self
            .service
            .post_digest(round, self.messenger.as_ref())
            .await
        {
            Ok(outcome) => tracing::info!(round = %round, ?outcome, "round digest"),
            Err(error) => tracing::warn!(round = %round, error = %error, "round digest failed"),
        }
    }
}

impl RoundClosed for DigestPoster {
    fn round_closed(&self, round: RoundId) {
        let poster = self.clone();
        tokio::spawn(async move { poster.post(round).await });
    }
}
