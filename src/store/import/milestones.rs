//! The milestones an import brings: a member's own found by (author, date, text), the team's by
//! (date, text), before it is added, so a restore or a second import adds none twice. A team
//! milestone without its author (from a member's export) is added as the document's member's.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::ImportReport;
use super::rounds::Placed;
use super::tx::{Arg, Tx};
use super::write::MemberIds;
use crate::domain::import::Dataset;
use crate::store::StoreError;

/// A milestone's key: its author (none for the team's), date and text.
type Key = (Option<i64>, NaiveDate, String);

/// Adds the milestones that are missing.
pub(super) async fn write(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    members: &MemberIds,
    placed: &Placed,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    if data.milestones.is_empty() {
        return Ok(());
    }
    let sql = "SELECT author_id, team_wide, on_date, text FROM milestones WHERE team_id = $1";
    let rows: Vec<(i64, bool, NaiveDate, String)> = tx.fetch(sql, &[Arg::Int(team)]).await?;
    let mut there: HashSet<Key> = rows
        .into_iter()
        .map(|(author, team_wide, date, text)| ((!team_wide).then_some(author), date, text))
        .collect();
    let insert = "INSERT INTO milestones (team_id, author_id, team_wide, on_date, text, visibility,
                      answer_id, created_at)";
    let fallback = data.members.first().map(|m| m.user_id.as_str());
    let mut values = Vec::new();
    for m in &data.milestones {
        let Some(author) = m.author.as_deref().or(fallback).map(|a| members[a]) else {
            continue;
        };
        if !there.insert(((!m.team_wide).then_some(author), m.date, m.text.clone())) {
            continue;
        }
        let answer = m
            .answer
            .as_ref()
            .and_then(|a| placed.answer(a.round, author, &a.question_id));
        values.extend([
            Arg::Int(team),
            Arg::Int(author),
            Arg::Bool(m.team_wide),
            Arg::Date(m.date),
            Arg::Text(m.text.clone()),
            Arg::Text(m.visibility.as_str().into()),
            Arg::OptInt(answer),
            Arg::Instant(m.created_at),
        ]);
        report.milestones += 1;
    }
    tx.insert_rows::<(i64,)>(insert, "RETURNING id", 8, &values)
        .await?;
    Ok(())
}
