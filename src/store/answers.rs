//! Answers: writing a whole submission in one transaction (edits keep the previous text in
//! `answer_history`, resolution lists become `resolutions` rows), reading a delivery's answers,
//! and changing who may read them. A milestone question's answer becomes the member's
//! milestone in the same transaction.

use chrono::{DateTime, NaiveDate, Utc};

use super::answer_letters::LetterWrite;
use super::group_commit::Submission;
use super::rows::BeginWrite;
use super::rows::RowExt;
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{AnswerId, DeliveryId, MemberId, RequestId, ResolutionId, RoundId};
use crate::domain::milestone::MilestoneText;
use crate::domain::state::ResolutionStatus;
use crate::domain::visibility::Visibility;

/// One answer of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerWrite {
    /// The question's id in the round's template.
    pub question_id: String,
    /// The text to store ([`crate::domain::answer::AnswerValue::to_storage`]); `None` clears an
    /// earlier answer to an optional question.
    pub value: Option<String>,
    /// Who may read a new answer; an edit keeps the answer's current visibility.
    pub visibility: Visibility,
    /// `Some(items)` for a list marked `resolutions`: the items to track.
    pub resolutions: Option<Vec<String>>,
    /// `Some((round's date, text))` for a question marked `milestone` answered: the member's
    /// own private milestone, kept with the answer (changed when it is edited, removed with it).
    pub milestone: Option<(NaiveDate, MilestoneText)>,
    /// `Some(year)` for a Mandalart question: the year the grid plans (the round's
    /// `{next_year}`), so `mandalart [year]` finds it.
    pub mandalart: Option<i32>,
}

/// A resolution follow-up given in a quarterly round's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpWrite {
    /// The resolution (must be the member's own).
    pub resolution: ResolutionId,
    /// The round it was given in.
    pub round: RoundId,
    /// Its new status.
    pub status: ResolutionStatus,
    /// The note ('' when none).
    pub note: String,
}

/// A sub-goal of the member's Mandalart rated 1–5 in a quarterly round's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingWrite {
    /// The answer holding the grid (must be the member's own).
    pub plan: i64,
    /// The sub-goal, 0-based.
    pub goal: usize,
    /// The round it was given in.
    pub round: RoundId,
    /// How it is going, 1–5.
    pub rating: u8,
}

/// What a submission changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SavedAnswers {
    /// Answers written for the first time.
    pub created: usize,
    /// Answers whose text changed (the old text went to history).
    pub updated: usize,
    /// Answers given again with the same text.
    pub unchanged: usize,
    /// Earlier answers removed because the optional question was left empty.
    pub cleared: usize,
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    /// Row id.
    pub id: AnswerId,
    /// The question's id.
    pub question_id: String,
    /// The stored text.
    pub value: String,
    /// Who may read it.
    pub visibility: Visibility,
}

impl Store {
    /// Writes every answer of one submission and marks the delivery answered, all in one
    /// transaction. `Ok(None)` when the delivery no longer takes answers (its round closed),
    /// in which case nothing is written.
    pub async fn save_answers(
        &self,
        delivery: DeliveryId,
        member: MemberId,
        answers: &[AnswerWrite],
        now: DateTime<Utc>,
    ) -> Result<Option<SavedAnswers>, StoreError> {
        self.save_submission(delivery, member, answers, (&[], &[], &[]), now, None)
            .await
    }

    /// [`Store::save_answers`] with the resolution follow-ups of the same form, all in one
    /// transaction: each replaces the follow-up of the same resolution in the same round and
    /// sets the resolution's status (only the member's own resolutions are touched), and the
    /// ratings of the member's Mandalart's sub-goals, each replacing the one given for the same
    /// sub-goal in the same round, and the letters of its capsule questions (see
    /// [`super::answer_letters`]). The form's
    /// kept pages, if it had several, are forgotten in the same transaction. Submissions that
    /// arrive together share a transaction and its commit (see [`group_commit`]); each is
    /// answered once that commit is done. A `request` handled already is
    /// [`StoreError::HandledElsewhere`] (nothing written).
    ///
    /// [`group_commit`]: super::group_commit
    pub async fn save_submission(
        &self,
        delivery: DeliveryId,
        member: MemberId,
        answers: &[AnswerWrite],
        (follow_ups, ratings, letters): (&[FollowUpWrite], &[RatingWrite], &[LetterWrite]),
        now: DateTime<Utc>,
        request: Option<&RequestId>,
    ) -> Result<Option<SavedAnswers>, StoreError> {
        let submission = Submission {
            delivery,
            member,
            answers: answers.to_vec(),
            follow_ups: follow_ups.to_vec(),
            ratings: ratings.to_vec(),
            letters: letters.to_vec(),
            now,
            request: request.cloned(),
        };
        self.group.save(&self.writers, submission).await
    }

    /// (commits, submissions written by them) since this store opened: how much submissions
    /// shared their commits.
    pub fn submission_commits(&self) -> (u64, u64) {
        self.group.counts()
    }

    /// The answers given in one delivery, in the order they were first written.
    pub async fn delivery_answers(
        &self,
        delivery: DeliveryId,
    ) -> Result<Vec<StoredAnswer>, StoreError> {
        let sql = "SELECT id, question_id, value, visibility FROM answers
                   WHERE delivery_id = $1 ORDER BY id";
        on_pool!(self, |pool| {
            let rows = sqlx::query(sql).bind(delivery.0).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(StoredAnswer {
                        id: AnswerId(row.int("id")?),
                        question_id: row.text("question_id")?,
                        value: row.text("value")?,
                        visibility: row.word("visibility")?,
                    })
                })
                .collect()
        })
    }

    /// Sets who may read the answers of a delivery (one question's, or all with `None`) and of
    /// the resolutions that came from them; returns how many answers it changed.
    pub async fn set_answer_visibility(
        &self,
        delivery: DeliveryId,
        question: Option<&str>,
        visibility: Visibility,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        // A Mandalart is never made anonymous: a plan gives its author away.
        let answers = "UPDATE answers SET visibility = $3, updated_at = $4
                       WHERE delivery_id = $1 AND ($2 IS NULL OR question_id = $2)
                         AND NOT ($3 = 'anonymous' AND id IN (SELECT answer_id FROM mandalarts))";
        let resolutions = "UPDATE resolutions SET visibility = $3, updated_at = $4
                           WHERE answer_id IN (SELECT id FROM answers
                                 WHERE delivery_id = $1 AND ($2 IS NULL OR question_id = $2))";
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(answers)
                .bind(delivery.0)
                .bind(question)
                .bind(visibility.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(resolutions)
                .bind(delivery.0)
                .bind(question)
                .bind(visibility.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(changed)
        })
    }
}
