//! Participation figures from delivery rows: counts by status, and the longest run of
//! consecutive rounds answered by one member.

use std::collections::HashMap;

use super::{Participation, ParticipationRow, RoundRate, sparkline};
use crate::domain::state::DeliveryStatus;

/// The figures for `rows`, with a sparkline of the answer rate per slot (`slots` are
/// inclusive date ranges).
pub(super) fn participation(
    rows: &[ParticipationRow],
    slots: &[(chrono::NaiveDate, chrono::NaiveDate)],
) -> Participation {
    let mut figures = Participation::default();
    let mut rounds = std::collections::HashSet::new();
    for row in rows {
        rounds.insert(row.round);
        figures.asked += 1;
        match row.status {
            DeliveryStatus::Answered => figures.answered += 1,
            DeliveryStatus::Skipped => figures.skipped += 1,
            DeliveryStatus::Missed => figures.missed += 1,
            _ => figures.open += 1,
        }
    }
    figures.rounds = rounds.len();
    figures.per_round = per_round(rows);
    figures.longest_streak = longest_streak(rows);
    let rates = slots.iter().map(|(from, to)| {
        let in_slot = rows.iter().filter(|r| *from <= r.date && r.date <= *to);
        let (asked, answered) = in_slot.fold((0usize, 0usize), |(a, n), r| {
            (a + 1, n + usize::from(r.status == DeliveryStatus::Answered))
        });
        if asked == 0 {
            0.0
        } else {
            answered as f64 / asked as f64
        }
    });
    figures.sparkline = sparkline(rates, 0.0, 1.0);
    figures
}

/// Asked and answered per round, oldest first.
fn per_round(rows: &[ParticipationRow]) -> Vec<RoundRate> {
    let mut rounds: std::collections::BTreeMap<(chrono::NaiveDate, i64), RoundRate> =
        std::collections::BTreeMap::new();
    for row in rows {
        let rate = rounds.entry((row.date, row.round)).or_insert(RoundRate {
            date: row.date,
            asked: 0,
            answered: 0,
        });
        rate.asked += 1;
        rate.answered += usize::from(row.status == DeliveryStatus::Answered);
    }
    rounds.into_values().collect()
}

/// The longest run of consecutive deliveries answered by one member, rounds in date order.
fn longest_streak(rows: &[ParticipationRow]) -> usize {
    let mut by_member: HashMap<i64, Vec<&ParticipationRow>> = HashMap::new();
    for row in rows {
        by_member.entry(row.member).or_default().push(row);
    }
    by_member
        .into_values()
        .map(|mut own| {
            own.sort_by_key(|r| (r.date, r.round));
            let (mut best, mut run) = (0, 0);
            for row in own {
                run = if row.status == DeliveryStatus::Answered {
                    run + 1
                } else {
                    0
                };
                best = best.max(run);
            }
            best
        })
        .max()
        .unwrap_or(0)
}
