//! The bulk of an import: rounds (found by their keys or added one by one), then deliveries,
//! answers and earlier answer texts, added many rows per statement.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::ImportReport;
use super::tx::{Arg, Tx};
use super::write::MemberIds;
use crate::domain::import::Dataset;
use crate::store::StoreError;

/// Where the dataset's rounds, deliveries and answers landed.
pub(super) struct Placed {
    rounds: Vec<i64>,
    deliveries: HashMap<(usize, i64), i64>,
    answers: HashMap<(i64, String), i64>,
}

impl Placed {
    /// The row id of the dataset's round at `index`.
    pub(super) fn round(&self, index: usize) -> i64 {
        self.rounds[index]
    }

    /// The row id of `member`'s answer to `question` in the dataset's round at `round`.
    pub(super) fn answer(&self, round: usize, member: i64, question: &str) -> Option<i64> {
        let delivery = self.deliveries.get(&(round, member))?;
        self.answers
            .get(&(*delivery, question.to_string()))
            .copied()
    }
}

/// Writes the rounds with their deliveries and answers.
pub(super) async fn write(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    templates: &[i64],
    schedules: &HashMap<String, i64>,
    members: &MemberIds,
    report: &mut ImportReport,
) -> Result<Placed, StoreError> {
    let (rounds, existing) = rounds(tx, team, data, templates, schedules, report).await?;
    let mut placed = Placed {
        rounds,
        deliveries: HashMap::new(),
        answers: HashMap::new(),
    };
    let old_deliveries = deliveries(tx, data, members, &existing, &mut placed, report).await?;
    answers(tx, data, members, &old_deliveries, &mut placed, report).await?;
    Ok(placed)
}

type OneOffKey = (String, NaiveDateTime, DateTime<Utc>);

/// Each round's row id (found or added), and the ids of those that were there already.
async fn rounds(
    tx: &mut Tx,
    team: i64,
    data: &Dataset,
    templates: &[i64],
    schedules: &HashMap<String, i64>,
    report: &mut ImportReport,
) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
    let sql = "SELECT r.id, r.schedule_id, t.key, r.occurrence_local, r.due_at
               FROM rounds r JOIN templates t ON t.id = r.template_id WHERE r.team_id = $1";
    type Row = (i64, Option<i64>, String, NaiveDateTime, DateTime<Utc>);
    let rows: Vec<Row> = tx.fetch(sql, &[Arg::Int(team)]).await?;
    let mut scheduled: HashMap<(i64, NaiveDateTime), i64> = HashMap::new();
    let mut one_off: HashMap<OneOffKey, i64> = HashMap::new();
    for (id, schedule, key, local, due) in rows {
        match schedule {
            Some(schedule) => scheduled.insert((schedule, local), id),
            None => one_off.insert((key, local, due), id),
        };
    }
    let insert = "INSERT INTO rounds (team_id, schedule_id, template_id, occurrence_local, due_at,
                      closes_at, status, closed_at, created_at)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
    let (mut ids, mut existing) = (Vec::with_capacity(data.rounds.len()), Vec::new());
    for round in &data.rounds {
        let schedule = round
            .schedule
            .as_ref()
            .and_then(|name| schedules.get(name))
            .copied();
        let key = data.templates[round.template].key.clone();
        let found = match schedule {
            Some(s) => scheduled.get(&(s, round.occurrence_local)),
            None => one_off.get(&(key, round.occurrence_local, round.due_at)),
        };
        if let Some(id) = found {
            ids.push(*id);
            existing.push(*id);
            continue;
        }
        let args = [
            Arg::Int(team),
            Arg::OptInt(schedule),
            Arg::Int(templates[round.template]),
            Arg::Local(round.occurrence_local),
            Arg::Instant(round.due_at),
            Arg::Instant(round.closes_at),
            Arg::Text(round.status.as_str().into()),
            Arg::OptInstant(round.closed_at),
            Arg::Instant(round.created_at),
        ];
        ids.push(tx.fetch::<(i64,)>(insert, &args).await?.remove(0).0);
        report.rounds += 1;
    }
    Ok((ids, existing))
}

/// Adds the deliveries that are missing; returns the ids of those that were there already.
async fn deliveries(
    tx: &mut Tx,
    data: &Dataset,
    members: &MemberIds,
    existing_rounds: &[i64],
    placed: &mut Placed,
    report: &mut ImportReport,
) -> Result<HashSet<i64>, StoreError> {
    let sql = "SELECT id, round_id, member_id FROM deliveries WHERE round_id IN ({ids})";
    let rows: Vec<(i64, i64, i64)> = tx.fetch_in(sql, &[], existing_rounds).await?;
    let found: HashMap<(i64, i64), i64> = rows.iter().map(|(id, r, m)| ((*r, *m), *id)).collect();
    let mut values = Vec::new();
    let mut wanted = Vec::new();
    for (index, round) in data.rounds.iter().enumerate() {
        let round_id = placed.rounds[index];
        for d in &round.deliveries {
            let member = members[&d.member];
            if let Some(id) = found.get(&(round_id, member)) {
                placed.deliveries.insert((index, member), *id);
                continue;
            }
            wanted.push((index, round_id, member));
            values.extend([
                Arg::Int(round_id),
                Arg::Int(member),
                Arg::Text(d.status.as_str().into()),
                Arg::Instant(d.due_at),
                Arg::Instant(d.closes_at),
                Arg::OptInstant(d.remind_at),
                Arg::OptInstant(d.reminded_at),
                Arg::Int4(d.attempts),
                Arg::Instant(d.next_attempt_at),
                Arg::OptText(d.platform_channel_id.clone()),
                Arg::OptText(d.platform_message_id.clone()),
                Arg::OptText(d.last_error.clone()),
                Arg::OptInstant(d.sent_at),
                Arg::OptInstant(d.finished_at),
            ]);
        }
    }
    let head = "INSERT INTO deliveries (round_id, member_id, status, due_at, closes_at, remind_at,
                    reminded_at, attempts, next_attempt_at, platform_channel_id,
                    platform_message_id, last_error, sent_at, finished_at)";
    let added: Vec<(i64, i64, i64)> = tx
        .insert_rows(head, "RETURNING id, round_id, member_id", 14, &values)
        .await?;
    let added: HashMap<(i64, i64), i64> =
        added.into_iter().map(|(id, r, m)| ((r, m), id)).collect();
    for (index, round_id, member) in wanted {
        placed
            .deliveries
            .insert((index, member), added[&(round_id, member)]);
    }
    report.deliveries = added.len();
    Ok(found.into_values().collect())
}

/// Adds the answers that are missing with their earlier texts; counts the ones already there.
async fn answers(
    tx: &mut Tx,
    data: &Dataset,
    members: &MemberIds,
    old_deliveries: &HashSet<i64>,
    placed: &mut Placed,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let old: Vec<i64> = old_deliveries.iter().copied().collect();
    let sql =
        "SELECT id, delivery_id, question_id, value FROM answers WHERE delivery_id IN ({ids})";
    let rows: Vec<(i64, i64, String, String)> = tx.fetch_in(sql, &[], &old).await?;
    let mut there: HashMap<(i64, String), (i64, String)> = HashMap::new();
    for (id, delivery, question, value) in rows {
        there.insert((delivery, question), (id, value));
    }
    let (mut values, mut history) = (Vec::new(), Vec::new());
    for (index, round) in data.rounds.iter().enumerate() {
        for d in &round.deliveries {
            let delivery = placed.deliveries[&(index, members[&d.member])];
            for a in &d.answers {
                let key = (delivery, a.question_id.clone());
                if let Some((id, value)) = there.get(&key) {
                    if *value == a.value {
                        report.unchanged += 1
                    } else {
                        report.kept += 1
                    }
                    placed.answers.insert(key, *id);
                    continue;
                }
                values.extend([
                    Arg::Int(delivery),
                    Arg::Text(a.question_id.clone()),
                    Arg::Text(a.value.clone()),
                    Arg::Text(a.visibility.as_str().into()),
                    Arg::Instant(a.created_at),
                    Arg::Instant(a.updated_at),
                ]);
                history.extend(a.history.iter().map(|h| (key.clone(), h)));
            }
        }
    }
    let head = "INSERT INTO answers (delivery_id, question_id, value, visibility, created_at,
                    updated_at)";
    let added: Vec<(i64, i64, String)> = tx
        .insert_rows(head, "RETURNING id, delivery_id, question_id", 6, &values)
        .await?;
    report.answers = added.len();
    placed
        .answers
        .extend(added.into_iter().map(|(id, d, q)| ((d, q), id)));
    let mut rows = Vec::with_capacity(history.len() * 4);
    for (key, h) in history {
        rows.extend([
            Arg::Int(placed.answers[&key]),
            Arg::Text(h.value.clone()),
            Arg::Text(h.visibility.as_str().into()),
            Arg::Instant(h.replaced_at),
        ]);
    }
    let head = "INSERT INTO answer_history (answer_id, value, visibility, replaced_at)";
    tx.insert_rows::<(i64,)>(head, "", 4, &rows).await?;
    report.history = rows.len() / 4;
    Ok(())
}
