//! Set-based writes of a batch of plain submissions (answers given or left empty, without
//! resolutions, milestone, Mandalart grid, follow-up, rating or letter): a fixed handful of
//! statements for the whole batch instead of a dozen or more for each submission — the
//! requests claimed in one multi-row insert, the deliveries claimed in one update, the changed
//! answers' previous text kept in one insert, the answers written in one upsert, the earlier
//! answers of questions left empty found in one select (and removed with what came from them in
//! four deletes, only when there are some), the kept pages forgotten in one delete. Each submission's outcome is the one it would have alone (see
//! [`super::group_commit`]'s per-submission statements): [`StoreError::HandledElsewhere`] when
//! its request was claimed already, `None` when its delivery no longer takes answers, else what
//! its answers did. Statements are split in chunks only past the backends' parameter limits.

use std::collections::{HashMap, HashSet};

use super::StoreError;
use super::answers::SavedAnswers;
use super::group_commit::{Saved, Submission};
use super::tx::{Arg, Tx};

/// Claims the requests that are not claimed yet; the ids it claimed.
const CLAIM_REQUESTS: &str = "INSERT INTO handled_requests (id, handled_at) VALUES {values}
    ON CONFLICT (id) DO NOTHING RETURNING id";

/// The deliveries that still take answers marked answered, with the same conditions as a
/// submission alone; the ids it marked.
const CLAIM_DELIVERIES: &str = "WITH v (delivery, member, moment) AS (VALUES {values})
    UPDATE deliveries SET status = 'answered', finished_at = v.moment FROM v
    WHERE deliveries.id = v.delivery AND deliveries.member_id = v.member
      AND deliveries.closes_at > v.moment AND deliveries.status <> 'missed'
      AND EXISTS (SELECT 1 FROM rounds r
                  WHERE r.id = deliveries.round_id AND r.status = 'open')
    RETURNING id";

/// The previous text of each answer whose text changes, to history; the answers it kept.
const KEEP_HISTORY: &str = "WITH n (delivery, question, new_value, moment) AS (VALUES {values})
    INSERT INTO answer_history (answer_id, value, visibility, replaced_at)
    SELECT a.id, a.value, a.visibility, n.moment FROM answers a
    JOIN n ON a.delivery_id = n.delivery AND a.question_id = n.question
    WHERE a.value <> n.new_value
    RETURNING answer_id";

/// Every answer written (new) or rewritten (changed text); the rows it touched.
const UPSERT_ANSWERS: &str = "INSERT INTO answers (delivery_id, question_id, value, visibility,
        created_at, updated_at) VALUES {values}
    ON CONFLICT (delivery_id, question_id) DO UPDATE
      SET value = excluded.value, updated_at = excluded.updated_at
      WHERE answers.value <> excluded.value
    RETURNING delivery_id, question_id, id";

/// The earlier answers of questions left empty: (answer, delivery).
const EARLIER_ANSWERS: &str = "WITH c (delivery, question) AS (VALUES {values})
    SELECT a.id, a.delivery_id FROM answers a
    JOIN c ON a.delivery_id = c.delivery AND a.question_id = c.question";

/// What a cleared answer takes with it, then the answer (as a submission alone clears one).
const CLEAR: [&str; 4] = [
    "DELETE FROM resolutions WHERE answer_id IN ({ids})",
    "DELETE FROM milestones WHERE answer_id IN ({ids})",
    "DELETE FROM mandalarts WHERE answer_id IN ({ids})",
    "DELETE FROM answers WHERE id IN ({ids})",
];

const FORGET_DRAFTS: &str = "DELETE FROM form_drafts WHERE delivery_id IN ({ids})";

/// Whether `submission` can be written set-based: answers given or left empty, nothing that
/// comes from them, each question once.
pub(super) fn is_plain(submission: &Submission) -> bool {
    let mut questions = HashSet::new();
    submission.follow_ups.is_empty()
        && submission.ratings.is_empty()
        && submission.letters.is_empty()
        && submission.answers.iter().all(|answer| {
            answer.resolutions.is_none()
                && answer.milestone.is_none()
                && answer.mandalart.is_none()
                && questions.insert(answer.question_id.as_str())
        })
}

/// Splits `batch` into the positions written set-based (plain, and sharing no delivery or
/// request with any submission before it) and the rest, each in order. The rest are written
/// after, one by one, so each still comes after every earlier one it shares a row with.
pub(super) fn split(batch: &[&Submission]) -> (Vec<usize>, Vec<usize>) {
    let (mut plain, mut rest) = (Vec::new(), Vec::new());
    let mut deliveries = HashSet::new();
    let mut requests = HashSet::new();
    for (i, submission) in batch.iter().enumerate() {
        let new_delivery = deliveries.insert(submission.delivery.0);
        let new_request = match &submission.request {
            Some(request) => requests.insert(request.as_str()),
            None => true,
        };
        if new_delivery && new_request && is_plain(submission) {
            plain.push(i);
        } else {
            rest.push(i);
        }
    }
    (plain, rest)
}

/// Writes `batch` (plain submissions, no two sharing a delivery or request) set-based; each
/// one's outcome, in order, or the error of the statement that failed (then nothing of the
/// batch may be kept: the caller rolls it back).
pub(super) async fn write_plain(
    tx: &mut Tx,
    batch: &[&Submission],
) -> Result<Vec<Saved>, sqlx::Error> {
    let claimed = claim_requests(tx, batch).await?;
    let open = claim_deliveries(tx, batch, &claimed).await?;
    let taking: Vec<&Submission> = batch
        .iter()
        .filter(|s| open.contains(&s.delivery.0))
        .copied()
        .collect();
    let mut saved = write_answers(tx, &taking).await?;
    let ids: Vec<i64> = taking.iter().map(|s| s.delivery.0).collect();
    tx.fetch_in::<(i64,)>(FORGET_DRAFTS, &[], &ids).await?;
    let outcomes = batch
        .iter()
        .zip(claimed)
        .map(|(submission, claimed)| match claimed {
            false => Err(StoreError::HandledElsewhere),
            true => Ok(saved.remove(&submission.delivery.0)),
        })
        .collect();
    Ok(outcomes)
}

/// Claims the requests of `batch`; for each submission, whether it may go on (its request
/// newly claimed, or it has none).
async fn claim_requests(tx: &mut Tx, batch: &[&Submission]) -> Result<Vec<bool>, sqlx::Error> {
    let mut asked: Vec<(&str, &Submission)> = batch
        .iter()
        .filter_map(|s| s.request.as_ref().map(|r| (r.as_str(), *s)))
        .collect();
    asked.sort_by_key(|(request, _)| *request);
    let rows: Vec<Arg> = asked
        .iter()
        .flat_map(|(request, s)| [Arg::Text((*request).to_owned()), Arg::Instant(s.now)])
        .collect();
    let taken: Vec<(String,)> = tx.fetch_values(CLAIM_REQUESTS, 2, &rows).await?;
    let taken: HashSet<String> = taken.into_iter().map(|(id,)| id).collect();
    Ok(batch
        .iter()
        .map(|s| {
            s.request
                .as_ref()
                .is_none_or(|r| taken.contains(r.as_str()))
        })
        .collect())
}

/// Marks answered the deliveries of the `claimed` submissions that still take answers; their
/// ids.
async fn claim_deliveries(
    tx: &mut Tx,
    batch: &[&Submission],
    claimed: &[bool],
) -> Result<HashSet<i64>, sqlx::Error> {
    let mut going: Vec<&Submission> = batch
        .iter()
        .zip(claimed)
        .filter(|(_, claimed)| **claimed)
        .map(|(s, _)| *s)
        .collect();
    going.sort_by_key(|s| s.delivery.0);
    let rows: Vec<Arg> = going
        .iter()
        .flat_map(|s| {
            [
                Arg::Int(s.delivery.0),
                Arg::Int(s.member.0),
                Arg::Instant(s.now),
            ]
        })
        .collect();
    let marked: Vec<(i64,)> = tx.fetch_values(CLAIM_DELIVERIES, 3, &rows).await?;
    Ok(marked.into_iter().map(|(id,)| id).collect())
}

/// Writes the answers of `taking` (submissions whose delivery was claimed), the previous text
/// of those that change to history, and clears those left empty; what each submission's
/// answers did, by delivery.
async fn write_answers(
    tx: &mut Tx,
    taking: &[&Submission],
) -> Result<HashMap<i64, SavedAnswers>, sqlx::Error> {
    let (mut history, mut upserts, mut empty) = (Vec::new(), Vec::new(), Vec::new());
    for s in taking {
        for answer in &s.answers {
            let (delivery, question) = (
                Arg::Int(s.delivery.0),
                Arg::Text(answer.question_id.clone()),
            );
            let Some(value) = &answer.value else {
                empty.extend([delivery, question]);
                continue;
            };
            let (text, now) = (Arg::Text(value.clone()), Arg::Instant(s.now));
            history.extend([
                delivery.clone(),
                question.clone(),
                text.clone(),
                now.clone(),
            ]);
            let visibility = Arg::Text(answer.visibility.as_str().to_owned());
            upserts.extend([delivery, question, text, visibility, now.clone(), now]);
        }
    }
    let kept: Vec<(i64,)> = tx.fetch_values(KEEP_HISTORY, 4, &history).await?;
    let kept: HashSet<i64> = kept.into_iter().map(|(id,)| id).collect();
    let written: Vec<(i64, String, i64)> = tx.fetch_values(UPSERT_ANSWERS, 6, &upserts).await?;
    let written: HashMap<(i64, String), i64> = written
        .into_iter()
        .map(|(delivery, question, id)| ((delivery, question), id))
        .collect();
    let cleared = clear_answers(tx, &empty).await?;
    Ok(taking
        .iter()
        .map(|s| {
            let mut saved = counted(s, &written, &kept);
            saved.cleared = cleared.iter().filter(|d| **d == s.delivery.0).count();
            (s.delivery.0, saved)
        })
        .collect())
}

/// Removes the earlier answers of the questions left `empty` ((delivery, question) pairs,
/// flattened) and what came from them; the delivery of each answer removed.
async fn clear_answers(tx: &mut Tx, empty: &[Arg]) -> Result<Vec<i64>, sqlx::Error> {
    let earlier: Vec<(i64, i64)> = tx.fetch_values(EARLIER_ANSWERS, 2, empty).await?;
    if earlier.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = earlier.iter().map(|(id, _)| *id).collect();
    for sql in CLEAR {
        tx.fetch_in::<(i64,)>(sql, &[], &ids).await?;
    }
    Ok(earlier.into_iter().map(|(_, delivery)| delivery).collect())
}

/// What `submission`'s answers did: unchanged when the upsert touched nothing, updated when
/// the previous text went to history, else created.
fn counted(
    submission: &Submission,
    written: &HashMap<(i64, String), i64>,
    kept: &HashSet<i64>,
) -> SavedAnswers {
    let mut saved = SavedAnswers::default();
    for answer in submission.answers.iter().filter(|a| a.value.is_some()) {
        let key = (submission.delivery.0, answer.question_id.clone());
        match written.get(&key) {
            None => saved.unchanged += 1,
            Some(id) if kept.contains(id) => saved.updated += 1,
            Some(_) => saved.created += 1,
        }
    }
    saved
}
