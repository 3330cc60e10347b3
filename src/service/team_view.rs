//! What a team view may show, applied to the data before a digest, recap, chart or JSON is built
//! from it: only the rounds the reader takes part in (or reads the digests of), no anonymous answer of a round still
//! open, and anonymous answers only from the anonymity threshold on (the rest withheld, with a
//! note saying how many and why).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::Service;
use super::asker::Asker;
use super::error::ServiceError;
use super::i18n::worded::withheld_note;
use crate::domain::anonymity::{AnswerKey, withhold};
use crate::domain::ids::RoundId;
use crate::domain::lang::Lang;
use crate::domain::recap::digest::DigestAnswer;
use crate::domain::recap::{ParticipationRow, RecapAnswer};
use crate::domain::team::{Member, Team};

impl Service {
    /// The rounds of `[from, to)` that `reader` may see in a team view: those of schedules they
    /// take part in, those they were asked in, and those of schedules whose digest channel the
    /// platform says they can read; `None` for every round, when no member reads (the
    /// operator's command line). With `channel`, only the rounds of schedules whose digest
    /// channel it is.
    pub(crate) async fn readable_rounds(
        &self,
        team: &Team,
        reader: Option<&Member>,
        channel: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Option<HashSet<RoundId>>, ServiceError> {
        let Some(reader) = reader else {
            return Ok(None);
        };
        let mut rounds = self
            .store
            .rounds_visible_to(team.id, reader.id, channel, from, to)
            .await?;
        let others = self.store.digest_channels_apart_from(team.id, reader.id);
        for (schedule, digest) in others.await? {
            if channel.is_some_and(|c| c != digest) {
                continue;
            }
            let now = self.clock.now();
            let readers = &self.readers;
            let (platform, user) = (team.platform, reader.user_id.as_str());
            if readers
                .can_read(platform, &team.external_id, &digest, user, now)
                .await
            {
                rounds.extend(self.store.rounds_of_schedule(schedule, from, to).await?);
            }
        }
        Ok(Some(rounds))
    }

    /// Whether `asker` may see a team view, and where a public one may go: a guest gets none;
    /// a public one only in a schedule's digest channel (covering that channel's schedules).
    pub(crate) async fn team_view_channel(
        &self,
        asker: &Asker,
        public: bool,
    ) -> Result<Option<String>, ServiceError> {
        if asker.guest {
            return Err(ServiceError::User(asker.t("recap.guest", &[])));
        }
        if !public {
            return Ok(None);
        }
        let channel = asker.channel.as_deref().unwrap_or_default();
        let known = self.store.is_digest_channel(asker.team.id, channel).await?;
        if channel.is_empty() || !known {
            return Err(ServiceError::User(
                asker.t("recap.public_team_channel", &[]),
            ));
        }
        Ok(Some(channel.to_string()))
    }

    /// The team recap's answers as the team may see them, and the notes on what was withheld.
    pub(crate) fn shown_to_team(
        &self,
        answers: Vec<RecapAnswer>,
        lang: Lang,
    ) -> (Vec<RecapAnswer>, Vec<String>) {
        let threshold = self.guard.policy.anonymity_threshold;
        let (kept, withheld) = withhold(answers, threshold, |a| AnswerKey {
            round: a.round,
            question_id: &a.question_id,
            question: &a.label,
            anonymous: a.author.is_none(),
        });
        let notes = withheld
            .iter()
            .map(|w| withheld_note(w, threshold, lang))
            .collect();
        (kept, notes)
    }

    /// A round's digest answers as the team may see them, and the notes on what was withheld.
    pub(crate) fn digest_shown(
        &self,
        answers: Vec<DigestAnswer>,
        lang: Lang,
    ) -> (Vec<DigestAnswer>, Vec<String>) {
        let threshold = self.guard.policy.anonymity_threshold;
        let (kept, withheld) = withhold(answers, threshold, |a| AnswerKey {
            round: 0,
            question_id: &a.question_id,
            question: &a.question,
            anonymous: a.author.is_none(),
        });
        let notes = withheld
            .iter()
            .map(|w| withheld_note(w, threshold, lang))
            .collect();
        (kept, notes)
    }
}

/// Keeps the answers and participation rows of `rounds` only (all of them for `None`).
pub(crate) fn scoped(
    answers: &mut Vec<RecapAnswer>,
    rows: &mut Vec<ParticipationRow>,
    rounds: Option<&HashSet<RoundId>>,
) {
    if let Some(rounds) = rounds {
        answers.retain(|a| rounds.contains(&RoundId(a.round)));
        rows.retain(|r| rounds.contains(&RoundId(r.round)));
    }
}
