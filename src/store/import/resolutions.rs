//! The resolutions an import brings, with their follow-ups: each found by (member, answer,
//! position), or by (member, text, set at) when it came from no answer, before it is added.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::ImportReport;
use super::rounds::Placed;
use super::tx::{Arg, Tx};
use super::write::MemberIds;
use crate::domain::import::Dataset;
use crate::store::StoreError;

/// Adds the resolutions that are missing, and the follow-ups of those it adds.
pub(super) async fn write(
    tx: &mut Tx,
    data: &Dataset,
    members: &MemberIds,
    placed: &Placed,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let involved: Vec<i64> = data
        .resolutions
        .iter()
        .map(|r| members[&r.member])
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let sql = "SELECT member_id, answer_id, position, text, created_at FROM resolutions
               WHERE member_id IN ({ids})";
    type Existing = (i64, Option<i64>, i32, String, DateTime<Utc>);
    let existing: HashSet<Existing> = tx
        .fetch_in(sql, &[], &involved)
        .await?
        .into_iter()
        .collect();
    let insert = "INSERT INTO resolutions (member_id, answer_id, position, text, visibility,
                      status, created_at, updated_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    let follow =
        "INSERT INTO resolution_followups (resolution_id, round_id, status, note, created_at)
                  VALUES ($1, $2, $3, $4, $5)";
    for r in &data.resolutions {
        let member = members[&r.member];
        let answer = r
            .answer
            .as_ref()
            .and_then(|a| placed.answer(a.round, member, &a.question_id));
        let there = existing.iter().any(|(m, a, position, text, created)| {
            *m == member
                && match answer {
                    Some(answer) => *a == Some(answer) && *position == r.position,
                    None => text == &r.text && *created == r.created_at,
                }
        });
        if there {
            continue;
        }
        let args = [
            Arg::Int(member),
            Arg::OptInt(answer),
            Arg::Int4(r.position),
            Arg::Text(r.text.clone()),
            Arg::Text(r.visibility.as_str().into()),
            Arg::Text(r.status.as_str().into()),
            Arg::Instant(r.created_at),
            Arg::Instant(r.updated_at),
        ];
        let (id,): (i64,) = tx.fetch(insert, &args).await?.remove(0);
        report.resolutions += 1;
        for f in &r.follow_ups {
            let args = [
                Arg::Int(id),
                Arg::OptInt(f.round.map(|round| placed.round(round))),
                Arg::Text(f.status.as_str().into()),
                Arg::Text(f.note.clone()),
                Arg::Instant(f.created_at),
            ];
            tx.execute(follow, &args).await?;
            report.follow_ups += 1;
        }
    }
    Ok(())
}
