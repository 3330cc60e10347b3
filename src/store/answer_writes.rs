//! The statements of one submission, each a function on the open transaction: an answer
//! cleared, written (the previous text to history) or left as it was; the rows that come from
//! an answer (the resolutions of a resolutions list, the milestone of a milestone question, the
//! plan year of a Mandalart); a
//! resolution's follow-up; a Mandalart sub-goal's quarterly rating.

use chrono::{DateTime, NaiveDate, Utc};

use super::answers::{AnswerWrite, FollowUpWrite, RatingWrite};
use super::tx::{Arg, Tx};
use crate::domain::ids::{DeliveryId, MemberId};

/// What writing one answer did.
pub(super) enum Written {
    Created,
    Updated,
    Unchanged,
    Cleared,
    Nothing,
}

/// Writes one answer of a submission: cleared when it has no value, else written with its
/// milestone and resolutions (when it has them and its text changed).
pub(super) async fn write_answer(
    tx: &mut Tx,
    delivery: DeliveryId,
    member: MemberId,
    answer: &AnswerWrite,
    now: DateTime<Utc>,
) -> Result<Written, sqlx::Error> {
    let Some(value) = &answer.value else {
        return clear_answer(tx, delivery, &answer.question_id).await;
    };
    let (outcome, written) = upsert_answer(tx, delivery, answer, value, now).await?;
    if let (Some((answer_id, _)), Some((date, text))) = (&written, &answer.milestone) {
        upsert_milestone(tx, member, *answer_id, *date, text.as_str(), now).await?;
    }
    if let (Some((answer_id, _)), Some(year)) = (&written, answer.mandalart) {
        let plan = "INSERT INTO mandalarts (answer_id, member_id, plan_year) VALUES ($1, $2, $3)
            ON CONFLICT (answer_id) DO NOTHING";
        let args = [
            Arg::Int(*answer_id),
            Arg::Int(member.0),
            Arg::Int(year.into()),
        ];
        tx.execute(plan, &args).await?;
    }
    if let (Some((answer_id, visibility)), Some(items)) = (written, &answer.resolutions) {
        replace_resolutions(tx, member, answer_id, visibility, items, now).await?;
    }
    Ok(outcome)
}

/// Removes an earlier answer to `question` in `delivery`, and its resolutions and milestone.
async fn clear_answer(
    tx: &mut Tx,
    delivery: DeliveryId,
    question: &str,
) -> Result<Written, sqlx::Error> {
    let resolutions = "DELETE FROM resolutions WHERE answer_id IN
        (SELECT id FROM answers WHERE delivery_id = $1 AND question_id = $2)";
    let milestone = "DELETE FROM milestones WHERE answer_id IN
        (SELECT id FROM answers WHERE delivery_id = $1 AND question_id = $2)";
    let answer = "DELETE FROM answers WHERE delivery_id = $1 AND question_id = $2";
    let args = [Arg::Int(delivery.0), Arg::Text(question.to_owned())];
    let plan = "DELETE FROM mandalarts WHERE answer_id IN
        (SELECT id FROM answers WHERE delivery_id = $1 AND question_id = $2)";
    tx.execute(resolutions, &args).await?;
    tx.execute(milestone, &args).await?;
    tx.execute(plan, &args).await?;
    Ok(match tx.execute(answer, &args).await? {
        0 => Written::Nothing,
        _ => Written::Cleared,
    })
}

/// Writes `value` as the answer to `answer.question_id`, the previous text going to history;
/// with the answer's id and visibility when something was written.
async fn upsert_answer(
    tx: &mut Tx,
    delivery: DeliveryId,
    answer: &AnswerWrite,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(Written, Option<(i64, String)>), sqlx::Error> {
    let history = "INSERT INTO answer_history (answer_id, value, visibility, replaced_at)
        SELECT id, value, visibility, $4 FROM answers
        WHERE delivery_id = $1 AND question_id = $2 AND value <> $3";
    let upsert = "INSERT INTO answers (delivery_id, question_id, value, visibility,
            created_at, updated_at)
        VALUES ($1, $2, $3, $5, $4, $4)
        ON CONFLICT (delivery_id, question_id) DO UPDATE
          SET value = excluded.value, updated_at = excluded.updated_at
          WHERE answers.value <> excluded.value
        RETURNING id, visibility";
    let args = [
        Arg::Int(delivery.0),
        Arg::Text(answer.question_id.clone()),
        Arg::Text(value.to_owned()),
        Arg::Instant(now),
        Arg::Text(answer.visibility.as_str().to_owned()),
    ];
    let kept = tx.execute(history, &args[..4]).await?;
    let written = tx.fetch::<(i64, String)>(upsert, &args).await?.pop();
    let outcome = match (&written, kept) {
        (None, _) => Written::Unchanged,
        (Some(_), 0) => Written::Created,
        (Some(_), _) => Written::Updated,
    };
    Ok((outcome, written))
}

/// Replaces the resolutions that came from answer `answer_id` with `items`, in order.
async fn replace_resolutions(
    tx: &mut Tx,
    member: MemberId,
    answer_id: i64,
    visibility: String,
    items: &[String],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let clear = "DELETE FROM resolutions WHERE answer_id = $1";
    tx.execute(clear, &[Arg::Int(answer_id)]).await?;
    let insert = "INSERT INTO resolutions (member_id, answer_id, position, text,
            visibility, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $6)";
    for (position, item) in items.iter().enumerate() {
        let args = [
            Arg::Int(member.0),
            Arg::Int(answer_id),
            Arg::Int4(i32::try_from(position).unwrap_or(i32::MAX)),
            Arg::Text(item.clone()),
            Arg::Text(visibility.clone()),
            Arg::Instant(now),
        ];
        tx.execute(insert, &args).await?;
    }
    Ok(())
}

/// Makes answer `answer_id` the member's private milestone on `date` with `text`, or updates
/// the one it already made (its date and text; who may see it stays as its author set it).
async fn upsert_milestone(
    tx: &mut Tx,
    member: MemberId,
    answer_id: i64,
    date: NaiveDate,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let upsert = "INSERT INTO milestones
            (team_id, author_id, team_wide, on_date, text, visibility, answer_id, created_at)
        SELECT team_id, id, FALSE, $2, $3, 'private', $4, $5 FROM members WHERE id = $1
        ON CONFLICT (answer_id) DO UPDATE SET on_date = excluded.on_date,
            text = excluded.text";
    let args = [
        Arg::Int(member.0),
        Arg::Date(date),
        Arg::Text(text.to_owned()),
        Arg::Int(answer_id),
        Arg::Instant(now),
    ];
    tx.execute(upsert, &args).await?;
    Ok(())
}

/// Replaces the follow-up of `follow_up.resolution` in its round and sets the resolution's
/// status; nothing when the resolution is not `member`'s.
pub(super) async fn write_follow_up(
    tx: &mut Tx,
    member: MemberId,
    follow_up: &FollowUpWrite,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let owned = "UPDATE resolutions SET status = $3, updated_at = $4
                 WHERE id = $1 AND member_id = $2";
    let status = Arg::Text(follow_up.status.as_str().to_owned());
    let args = [
        Arg::Int(follow_up.resolution.0),
        Arg::Int(member.0),
        status.clone(),
        Arg::Instant(now),
    ];
    if tx.execute(owned, &args).await? == 0 {
        return Ok(());
    }
    let clear = "DELETE FROM resolution_followups WHERE resolution_id = $1 AND round_id = $2";
    let keys = [
        Arg::Int(follow_up.resolution.0),
        Arg::Int(follow_up.round.0),
    ];
    tx.execute(clear, &keys).await?;
    let insert = "INSERT INTO resolution_followups (resolution_id, round_id, status, note,
                      created_at) VALUES ($1, $2, $3, $4, $5)";
    let [resolution, round] = keys;
    let args = [
        resolution,
        round,
        status,
        Arg::Text(follow_up.note.clone()),
        Arg::Instant(now),
    ];
    tx.execute(insert, &args).await?;
    Ok(())
}

/// Replaces the rating of `rating.goal` in its round; nothing when the grid is not `member`'s.
pub(super) async fn write_rating(
    tx: &mut Tx,
    member: MemberId,
    rating: &RatingWrite,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let upsert = "INSERT INTO mandalart_ratings (answer_id, goal, round_id, rating, rated_at)
                  SELECT $1, $2, $3, $4, $5 WHERE EXISTS
                      (SELECT 1 FROM mandalarts WHERE answer_id = $1 AND member_id = $6)
                  ON CONFLICT (answer_id, goal, round_id)
                  DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at";
    let goal = i32::try_from(rating.goal + 1).unwrap_or(i32::MAX);
    let args = [
        Arg::Int(rating.plan),
        Arg::Int4(goal),
        Arg::Int(rating.round.0),
        Arg::Int4(i32::from(rating.rating)),
        Arg::Instant(now),
        Arg::Int(member.0),
    ];
    tx.execute(upsert, &args).await?;
    Ok(())
}
