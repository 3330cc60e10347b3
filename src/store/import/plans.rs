//! The Mandalarts and letters an import brings. A Mandalart is tied to the answer that holds
//! its grid (imported just before), then its checks and ratings are added where missing. A
//! letter is found by (author, written, opens, text) before it is added; one opened before the
//! export keeps its opening instant, so it is never sent again, and a sealed one stays sealed
//! until its day.

use super::ImportReport;
use super::rounds::Placed;
use super::tx::{Arg, Tx};
use super::write::MemberIds;
use crate::domain::import::Dataset;
use crate::domain::import::dataset::MandalartRecord;
use crate::store::StoreError;

/// Adds the Mandalarts and letters that are missing.
pub(super) async fn write(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    members: &MemberIds,
    placed: &Placed,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    for plan in &data.mandalarts {
        let member = members[&plan.member];
        let (round, question) = (plan.answer.round, &plan.answer.question_id);
        if let Some(answer) = placed.answer(round, member, question) {
            write_plan(tx, member, answer, plan, placed, report).await?;
        }
    }
    let there = "SELECT id FROM capsules
                 WHERE author_id = $1 AND written_on = $2 AND open_on = $3 AND text = $4";
    let insert = "INSERT INTO capsules (team_id, author_id, team_wide, channel_id, written_on,
                      open_on, opens_at, text, created_at, delivered_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    for letter in &data.letters {
        let author = members[&letter.member];
        let key = [
            Arg::Int(author),
            Arg::Date(letter.written_on),
            Arg::Date(letter.open_on),
            Arg::Text(letter.text.clone()),
        ];
        let found: Vec<(i64,)> = tx.fetch(there, &key).await?;
        if !found.is_empty() {
            continue;
        }
        let args = [
            Arg::Int(team),
            Arg::Int(author),
            Arg::Bool(letter.team_wide),
            Arg::OptText(letter.channel_id.clone()),
            Arg::Date(letter.written_on),
            Arg::Date(letter.open_on),
            Arg::Instant(letter.opens_at),
            Arg::Text(letter.text.clone()),
            Arg::Instant(letter.created_at),
            Arg::OptInstant(letter.opened_at),
        ];
        tx.execute(insert, &args).await?;
        report.letters += 1;
    }
    Ok(())
}

/// Ties the grid to its answer, then adds its missing checks and ratings.
async fn write_plan(
    tx: &mut Tx,
    member: i64,
    answer: i64,
    plan: &MandalartRecord,
    placed: &Placed,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let tie = "INSERT INTO mandalarts (answer_id, member_id, plan_year) VALUES ($1, $2, $3)
               ON CONFLICT (answer_id) DO NOTHING";
    let args = [
        Arg::Int(answer),
        Arg::Int(member),
        Arg::Int(plan.year.into()),
    ];
    report.mandalarts += usize::try_from(tx.execute(tie, &args).await?).unwrap_or(0);
    let check = "INSERT INTO mandalart_checks (answer_id, goal, action, status, checked_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (answer_id, goal, action) DO NOTHING";
    for (goal, action, status, at) in plan.checks() {
        let args = [
            Arg::Int(answer),
            Arg::Int4(number(goal)),
            Arg::Int4(number(action)),
            Arg::Text(status.as_str().into()),
            Arg::Instant(at.unwrap_or(plan_time(plan))),
        ];
        tx.execute(check, &args).await?;
    }
    let rate = "INSERT INTO mandalart_ratings (answer_id, goal, round_id, rating, rated_at)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT (answer_id, goal, round_id) DO NOTHING";
    for (goal, rated) in plan.goals.iter().take(8).enumerate() {
        for r in &rated.ratings {
            let args = [
                Arg::Int(answer),
                Arg::Int4(number(goal)),
                Arg::Int(placed.round(r.round)),
                Arg::Int4(i32::from(r.rating)),
                Arg::Instant(r.rated_at),
            ];
            tx.execute(rate, &args).await?;
        }
    }
    Ok(())
}

/// A 0-based position as stored: from 1.
fn number(position: usize) -> i32 {
    i32::try_from(position + 1).unwrap_or(i32::MAX)
}

/// When a check without its instant is said to be made: the first day of the plan's year.
fn plan_time(plan: &MandalartRecord) -> chrono::DateTime<chrono::Utc> {
    let start =
        chrono::NaiveDate::from_ymd_opt(plan.year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    start.map_or(chrono::DateTime::UNIX_EPOCH, |at| at.and_utc())
}
