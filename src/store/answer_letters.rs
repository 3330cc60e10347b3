//! Letters written as answers: a `capsule = true` question's answer is sealed as a letter in
//! `capsules` (keyed by delivery and question), never kept in `answers`. Written with the rest
//! of its submission, replaced when the answer is edited, removed when it is left empty; read
//! back only to fill its author's own form again.

use chrono::{DateTime, NaiveDate, Utc};

use super::tx::{Arg, Tx};
use super::{Store, StoreError, on_pool};
use crate::domain::ids::{DeliveryId, MemberId};

/// A capsule question's answer in a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterWrite {
    /// The question's id in the round's template.
    pub question_id: String,
    /// The letter to seal, or `None` to remove the one an earlier answer sealed.
    pub letter: Option<AnswerLetter>,
}

/// A letter written as an answer, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLetter {
    /// The day it was written, on its author's clock (kept from the first writing).
    pub written_on: NaiveDate,
    /// The day it opens (after `written_on`).
    pub open_on: NaiveDate,
    /// The instant it opens.
    pub opens_at: DateTime<Utc>,
    /// The letter.
    pub text: String,
}

/// Seals (or replaces, or removes) the letter of one capsule answer, inside a submission.
pub(super) async fn write_letter(
    tx: &mut Tx,
    delivery: DeliveryId,
    member: MemberId,
    write: &LetterWrite,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let keys = [Arg::Int(delivery.0), Arg::Text(write.question_id.clone())];
    let Some(letter) = &write.letter else {
        let remove = "DELETE FROM capsules WHERE delivery_id = $1 AND question_id = $2";
        tx.execute(remove, &keys).await?;
        return Ok(());
    };
    let upsert = "INSERT INTO capsules (team_id, author_id, team_wide, channel_id, written_on,
            open_on, opens_at, text, delivery_id, question_id, created_at)
        SELECT team_id, id, FALSE, NULL, $4, $5, $6, $7, $1, $2, $8 FROM members WHERE id = $3
        ON CONFLICT (delivery_id, question_id) DO UPDATE SET text = excluded.text,
            open_on = excluded.open_on, opens_at = excluded.opens_at";
    let [delivery, question] = keys;
    let args = [
        delivery,
        question,
        Arg::Int(member.0),
        Arg::Date(letter.written_on),
        Arg::Date(letter.open_on),
        Arg::Instant(letter.opens_at),
        Arg::Text(letter.text.clone()),
        Arg::Instant(now),
    ];
    tx.execute(upsert, &args).await?;
    Ok(())
}

impl Store {
    /// The letters the answers of `delivery` sealed: (question id, text), for its author's form.
    pub async fn answer_letters(
        &self,
        delivery: DeliveryId,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let sql = "SELECT question_id, text FROM capsules
                   WHERE delivery_id = $1 AND question_id IS NOT NULL ORDER BY id";
        on_pool!(self, |pool| {
            let rows: Vec<(String, String)> =
                sqlx::query_as(sql).bind(delivery.0).fetch_all(pool).await?;
            Ok(rows)
        })
    }
}
