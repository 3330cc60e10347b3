//! Group commit of submissions: submits that arrive together share one transaction and one
//! commit (one fsync) instead of one each, and each is answered only after that commit, so
//! nothing is reported saved that is not durable.
//!
//! A writer takes the first waiting submission, gathers the others that arrive within
//! [`LINGER`] (at most [`BATCH`]) and commits them once. The plain ones (text answers only) are
//! written set-based, a fixed handful of statements for all of them (see
//! [`super::batch_writes`]); the others each inside a savepoint, one statement a row. When
//! the set-based statements fail, they are undone and every submission of the batch is written
//! in a savepoint of its own: a submission the database refuses is rolled back to its savepoint
//! and answered with its error alone. When the transaction itself fails (the commit, a lost
//! connection), each submission of the batch is tried again in a transaction of its own. When every waiter
//! of a batch gave up (the platform's deadline passed), the batch is abandoned and rolled back.
//! PostgreSQL gets [`PG_WRITERS`] writers (one batch commits while the next gathers); SQLite,
//! which has one writer anyway, gets one. SQLite's writer writes on a connection of its own,
//! apart from the reads (see `connect::writers_pool`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::answer_letters::{LetterWrite, write_letter};
use super::answer_writes::{self as writes, Written};
use super::answers::{AnswerWrite, FollowUpWrite, RatingWrite, SavedAnswers};
use super::batch_writes;
use super::handled::claim_in;
use super::tx::{Arg, Tx};
use super::{Pool, StoreError};
use crate::domain::ids::{DeliveryId, MemberId, RequestId};

/// The most submissions one commit carries.
pub const BATCH: usize = 256;
/// How long the first submission of a batch waits for others to join it.
pub const LINGER: Duration = Duration::from_millis(1);
/// Writers on PostgreSQL (each holds a pooled connection while it writes).
const PG_WRITERS: usize = 4;

/// One submission to write: [`crate::store::Store::save_submission`]'s arguments.
pub(super) struct Submission {
    pub delivery: DeliveryId,
    pub member: MemberId,
    pub answers: Vec<AnswerWrite>,
    pub follow_ups: Vec<FollowUpWrite>,
    pub ratings: Vec<RatingWrite>,
    pub letters: Vec<LetterWrite>,
    pub now: DateTime<Utc>,
    pub request: Option<RequestId>,
}

/// What writing a submission gives its waiter.
pub(super) type Saved = Result<Option<SavedAnswers>, StoreError>;

struct Job {
    submission: Submission,
    done: oneshot::Sender<Saved>,
}

/// The queue to the writers (started with the first submission) and what they counted.
#[derive(Debug, Default)]
pub(super) struct GroupCommit {
    queue: OnceLock<mpsc::UnboundedSender<Job>>,
    counts: Arc<Counts>,
}

/// Commits made and submissions written by them, since the store opened.
#[derive(Debug, Default)]
struct Counts {
    commits: AtomicU64,
    submissions: AtomicU64,
}

impl GroupCommit {
    /// Writes `submission` with others that arrive with it; its outcome once committed.
    pub(super) async fn save(&self, pool: &Pool, submission: Submission) -> Saved {
        let queue = self.queue.get_or_init(|| self.start(pool));
        let (done, outcome) = oneshot::channel();
        let gone = || StoreError::Unavailable(sqlx::Error::PoolClosed);
        queue.send(Job { submission, done }).map_err(|_| gone())?;
        outcome.await.map_err(|_| gone())?
    }

    /// (commits, submissions written) since the store opened.
    pub(super) fn counts(&self) -> (u64, u64) {
        let counts = &self.counts;
        (
            counts.commits.load(Ordering::Relaxed),
            counts.submissions.load(Ordering::Relaxed),
        )
    }

    fn start(&self, pool: &Pool) -> mpsc::UnboundedSender<Job> {
        let (queue, jobs) = mpsc::unbounded_channel();
        let jobs = Arc::new(Mutex::new(jobs));
        let writers = match pool {
            Pool::Postgres(_) => PG_WRITERS,
            Pool::Sqlite(_) => 1,
        };
        for _ in 0..writers {
            let (pool, jobs, counts) = (pool.clone(), jobs.clone(), self.counts.clone());
            tokio::spawn(async move {
                // Ends when the store (the queue's sender) is gone. The queue is held only
                // while gathering, so the other writers gather and write meanwhile.
                while let Some(batch) = next_batch(&jobs).await {
                    write_batch(&pool, &counts, batch).await;
                }
            });
        }
        queue
    }
}

/// The next batch, gathered by one writer at a time (the lock is let go before it is written).
async fn next_batch(jobs: &Mutex<mpsc::UnboundedReceiver<Job>>) -> Option<Vec<Job>> {
    let mut jobs = jobs.lock().await;
    gather(&mut jobs).await
}

/// The next batch: the first job waiting and those that join it within [`LINGER`].
async fn gather(jobs: &mut mpsc::UnboundedReceiver<Job>) -> Option<Vec<Job>> {
    let mut batch = vec![jobs.recv().await?];
    let until = tokio::time::Instant::now() + LINGER;
    while batch.len() < BATCH {
        match tokio::time::timeout_at(until, jobs.recv()).await {
            Ok(Some(job)) => batch.push(job),
            _ => break,
        }
    }
    Some(batch)
}

async fn write_batch(pool: &Pool, counts: &Counts, mut batch: Vec<Job>) {
    batch.retain(|job| !job.done.is_closed());
    if batch.is_empty() {
        return;
    }
    let outcome = tokio::select! {
        outcome = together(pool, &batch) => outcome,
        // Nobody waits for it any more: dropping the transaction rolls it back.
        _ = all_gone(&batch) => return,
    };
    match outcome {
        Ok(saved) => {
            count(counts, saved.iter().filter(|s| s.is_ok()).count());
            for (job, saved) in batch.into_iter().zip(saved) {
                let _ = job.done.send(saved);
            }
        }
        Err(error) if batch.len() == 1 => {
            let _ = batch.remove(0).done.send(Err(error.into()));
        }
        Err(error) => {
            tracing::warn!(error = %error, size = batch.len(), "a batch of submissions failed; writing each alone");
            for job in batch {
                let saved = alone(pool, &job.submission).await;
                if saved.is_ok() {
                    count(counts, 1);
                }
                let _ = job.done.send(saved);
            }
        }
    }
}

fn count(counts: &Counts, submissions: usize) {
    counts.commits.fetch_add(1, Ordering::Relaxed);
    counts
        .submissions
        .fetch_add(submissions as u64, Ordering::Relaxed);
    metrics::counter!("hoego_submission_commits_total").increment(1);
    metrics::counter!("hoego_submissions_committed_total").increment(submissions as u64);
}

/// Resolves once every waiter of `batch` has gone.
async fn all_gone(batch: &[Job]) {
    while !batch.iter().all(|job| job.done.is_closed()) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Writes every submission of `batch` in one transaction; each one's outcome, or the error
/// that failed the transaction.
async fn together(pool: &Pool, batch: &[Job]) -> Result<Vec<Saved>, sqlx::Error> {
    if let [job] = batch {
        return Ok(vec![alone(pool, &job.submission).await]);
    }
    let submissions: Vec<&Submission> = batch.iter().map(|job| &job.submission).collect();
    let mut tx = Tx::begin(pool).await?;
    let outcomes = write_all(&mut tx, &submissions).await?;
    tx.commit().await?;
    Ok(outcomes)
}

/// The plain submissions of `batch` set-based (see [`batch_writes`]) in a savepoint, then the
/// others each in a savepoint of its own; when the set-based statements fail, they are undone
/// and every submission is written in a savepoint of its own.
async fn write_all(tx: &mut Tx, batch: &[&Submission]) -> Result<Vec<Saved>, sqlx::Error> {
    let mut outcomes: Vec<Option<Saved>> = batch.iter().map(|_| None).collect();
    let (plain, mut rest) = batch_writes::split(batch);
    if plain.len() > 1 {
        let chosen: Vec<&Submission> = plain.iter().map(|&i| batch[i]).collect();
        tx.execute("SAVEPOINT plain", &[]).await?;
        match batch_writes::write_plain(tx, &chosen).await {
            Ok(saved) => {
                for (i, saved) in plain.into_iter().zip(saved) {
                    outcomes[i] = Some(saved);
                }
            }
            Err(error) => {
                tracing::warn!(error = %error, size = chosen.len(), "set-based writes failed; writing each submission alone");
                tx.execute("ROLLBACK TO SAVEPOINT plain", &[]).await?;
                rest = (0..batch.len()).collect();
            }
        }
        tx.execute("RELEASE SAVEPOINT plain", &[]).await?;
    } else {
        rest = (0..batch.len()).collect();
    }
    for i in rest {
        outcomes[i] = Some(in_savepoint(tx, batch[i]).await?);
    }
    Ok(outcomes.into_iter().flatten().collect())
}

/// Writes one submission in a savepoint: rolled back to it when the database refuses it.
async fn in_savepoint(tx: &mut Tx, submission: &Submission) -> Result<Saved, sqlx::Error> {
    tx.execute("SAVEPOINT submission", &[]).await?;
    let saved = write(tx, submission).await;
    if saved.is_err() {
        tx.execute("ROLLBACK TO SAVEPOINT submission", &[]).await?;
    }
    tx.execute("RELEASE SAVEPOINT submission", &[]).await?;
    Ok(saved)
}

/// Writes one submission in a transaction of its own (set-based when it is plain).
async fn alone(pool: &Pool, submission: &Submission) -> Saved {
    let mut tx = Tx::begin(pool).await?;
    let saved = match batch_writes::is_plain(submission) {
        true => batch_writes::write_plain(&mut tx, &[submission])
            .await?
            .remove(0)?,
        false => write(&mut tx, submission).await?,
    };
    tx.commit().await?;
    Ok(saved)
}

/// The statements of one submission: its request claimed ([`StoreError::HandledElsewhere`]
/// when it was handled already), the delivery claimed (`None`, nothing written, when it no
/// longer takes answers), its answers, follow-ups, ratings and letters, its kept pages
/// forgotten.
async fn write(tx: &mut Tx, submission: &Submission) -> Saved {
    let Submission {
        delivery,
        member,
        now,
        ..
    } = *submission;
    if !claim_in(tx, submission.request.as_ref(), now).await? {
        return Err(StoreError::HandledElsewhere);
    }
    let claim = "UPDATE deliveries SET status = 'answered', finished_at = $2
                 WHERE id = $1 AND member_id = $3 AND closes_at > $2 AND status <> 'missed'
                   AND EXISTS (SELECT 1 FROM rounds r
                               WHERE r.id = deliveries.round_id AND r.status = 'open')";
    let claimed = [Arg::Int(delivery.0), Arg::Instant(now), Arg::Int(member.0)];
    if tx.execute(claim, &claimed).await? == 0 {
        return Ok(None);
    }
    let mut saved = SavedAnswers::default();
    for answer in &submission.answers {
        match writes::write_answer(tx, delivery, member, answer, now).await? {
            Written::Created => saved.created += 1,
            Written::Updated => saved.updated += 1,
            Written::Unchanged => saved.unchanged += 1,
            Written::Cleared => saved.cleared += 1,
            Written::Nothing => {}
        }
    }
    for follow_up in &submission.follow_ups {
        writes::write_follow_up(tx, member, follow_up, now).await?;
    }
    for rating in &submission.ratings {
        writes::write_rating(tx, member, rating, now).await?;
    }
    for letter in &submission.letters {
        write_letter(tx, delivery, member, letter, now).await?;
    }
    let drafts = "DELETE FROM form_drafts WHERE delivery_id = $1";
    tx.execute(drafts, &[Arg::Int(delivery.0)]).await?;
    Ok(Some(saved))
}
