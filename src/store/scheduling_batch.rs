//! The planner's output for one tick's claimed schedules, and its two encodings: typed column
//! arrays for PostgreSQL (read with `UNNEST`, no text parsing on the server) and JSON arrays
//! for SQLite (read with `json_each`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::rows::{instant_text, local_text};
use super::scheduling::{Advance, DueSchedule, Participant, PlannedRound, Planner, TickReport};

/// Every claimed schedule with the rounds planned for it and where it goes next.
pub(super) struct Batch<'a> {
    planned: Vec<(&'a DueSchedule, Vec<PlannedRound>, Advance)>,
}

/// Rounds as parallel columns, one entry per round.
#[derive(Default)]
pub(super) struct RoundColumns {
    pub schedule_id: Vec<i64>,
    pub team_id: Vec<i64>,
    pub template_id: Vec<i64>,
    pub local: Vec<NaiveDateTime>,
    pub due_at: Vec<DateTime<Utc>>,
    pub closes_at: Vec<DateTime<Utc>>,
    pub missed: Vec<bool>,
}

/// Deliveries as parallel columns, each naming its round by (schedule, occurrence), since the
/// round's id exists only once the same statement has inserted it.
#[derive(Default)]
pub(super) struct DeliveryColumns {
    pub schedule_id: Vec<i64>,
    pub local: Vec<NaiveDateTime>,
    pub member_id: Vec<i64>,
    pub due_at: Vec<DateTime<Utc>>,
    pub closes_at: Vec<DateTime<Utc>>,
    pub remind_at: Vec<Option<DateTime<Utc>>>,
    pub missed: Vec<bool>,
}

/// Schedule advances as parallel columns.
#[derive(Default)]
pub(super) struct AdvanceColumns {
    pub id: Vec<i64>,
    pub from_local: Vec<NaiveDateTime>,
    pub next_local: Vec<Option<NaiveDateTime>>,
    pub next_due_at: Vec<Option<DateTime<Utc>>>,
}

impl<'a> Batch<'a> {
    /// Runs the planner over every claimed schedule.
    pub fn plan(
        due: &'a [DueSchedule],
        participants: &HashMap<i64, Vec<Participant>>,
        planner: Planner<'_>,
    ) -> Self {
        let planned = due
            .iter()
            .map(|schedule| {
                let members = participants
                    .get(&schedule.id.0)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let (rounds, advance) = planner(schedule, members);
                (schedule, rounds, advance)
            })
            .collect();
        Batch { planned }
    }

    fn rounds(&self) -> impl Iterator<Item = (&'a DueSchedule, &PlannedRound)> {
        self.planned
            .iter()
            .flat_map(|(s, rounds, _)| rounds.iter().map(move |r| (*s, r)))
    }

    /// The planned rounds, as columns.
    pub fn round_columns(&self) -> RoundColumns {
        let mut c = RoundColumns::default();
        for (s, r) in self.rounds() {
            c.schedule_id.push(s.id.0);
            c.team_id.push(s.team_id.0);
            c.template_id.push(s.template_id.0);
            c.local.push(r.local);
            c.due_at.push(r.due_at);
            c.closes_at.push(r.closes_at);
            c.missed.push(r.missed);
        }
        c
    }

    /// Every planned delivery, as columns; the statement keeps those of rounds it created.
    pub fn delivery_columns(&self) -> DeliveryColumns {
        let mut c = DeliveryColumns::default();
        for (s, r) in self.rounds() {
            for d in &r.deliveries {
                c.schedule_id.push(s.id.0);
                c.local.push(r.local);
                c.member_id.push(d.member_id.0);
                c.due_at.push(d.due_at);
                c.closes_at.push(d.closes_at);
                c.remind_at.push(d.remind_at);
                c.missed.push(d.missed);
            }
        }
        c
    }

    /// The schedules' advances, as columns.
    pub fn advance_columns(&self) -> AdvanceColumns {
        let mut c = AdvanceColumns::default();
        for (s, _, a) in &self.planned {
            c.id.push(s.id.0);
            c.from_local.push(s.next_local);
            c.next_local.push(a.next_local);
            c.next_due_at.push(a.next_due_at);
        }
        c
    }

    /// The planned rounds, as a JSON array.
    pub fn rounds_json(&self) -> String {
        let rounds: Vec<Value> = self
            .rounds()
            .map(|(s, r)| {
                json!({
                    "team_id": s.team_id.0, "schedule_id": s.id.0, "template_id": s.template_id.0,
                    "occurrence_local": local_text(r.local), "due_at": instant_text(r.due_at),
                    "closes_at": instant_text(r.closes_at),
                    "status": if r.missed { "missed" } else { "open" },
                })
            })
            .collect();
        Value::Array(rounds).to_string()
    }

    /// Deliveries of the rounds this tick created, as a JSON array (and how many).
    pub fn deliveries_json(&self, created: &HashMap<(i64, NaiveDateTime), i64>) -> (String, usize) {
        let mut rows = Vec::new();
        for (s, r) in self.rounds() {
            let Some(round_id) = created.get(&(s.id.0, r.local)) else {
                continue;
            };
            rows.extend(r.deliveries.iter().map(|d| {
                json!({
                    "round_id": round_id, "member_id": d.member_id.0,
                    "status": if d.missed { "missed" } else { "pending" },
                    "due_at": instant_text(d.due_at), "closes_at": instant_text(d.closes_at),
                    "remind_at": d.remind_at.map(instant_text),
                })
            }));
        }
        let count = rows.len();
        (Value::Array(rows).to_string(), count)
    }

    /// The schedules' advances, as a JSON array.
    pub fn advances_json(&self) -> String {
        let rows: Vec<Value> = self
            .planned
            .iter()
            .map(|(s, _, a)| {
                json!({
                    "id": s.id.0, "from_local": local_text(s.next_local),
                    "next_local": a.next_local.map(local_text), "next_due_at": a.next_due_at.map(instant_text),
                })
            })
            .collect();
        Value::Array(rows).to_string()
    }

    /// What the tick did, given the rounds it created (by schedule and occurrence).
    pub fn report(
        &self,
        created: &HashMap<(i64, NaiveDateTime), i64>,
        deliveries: usize,
    ) -> TickReport {
        let mut report = TickReport {
            schedules: self.planned.len(),
            deliveries,
            ..TickReport::default()
        };
        for (s, r) in self.rounds() {
            if !created.contains_key(&(s.id.0, r.local)) {
                continue;
            }
            if r.missed {
                report.rounds_missed += 1;
            } else {
                report.rounds_opened += 1;
            }
        }
        report
    }

    /// How many schedules were claimed.
    pub fn schedules(&self) -> usize {
        self.planned.len()
    }
}
