//! Which of a recap's condensed lines a summary request carries: every line the recap shows
//! (so exactly what the reader may see: the recap was already scoped to them), taken fairly
//! within the size budget (each group's most telling line first, across every period, then
//! each group's second, …), then numbered `a1`, `a2`, … in the recap's order.

use super::{Item, PeriodRef, SummaryInput};
use crate::domain::recap::{Block, Recap, Scope};

/// A line of the recap with where it sits: (section order, rank in its group, item).
struct Candidate {
    order: usize,
    rank: usize,
    item: Item,
}

/// The request's input for `recap`, at most `budget` characters of item text.
pub fn select(recap: &Recap, budget: usize) -> SummaryInput {
    let mut candidates = Vec::new();
    let mut push = |blocks: &[Block], period: Option<usize>| {
        for block in blocks {
            for group in &block.authors {
                for (rank, line) in group.lines.iter().enumerate() {
                    let order = candidates.len();
                    candidates.push(Candidate {
                        order,
                        rank,
                        item: Item {
                            id: String::new(),
                            period,
                            question: block.heading.clone(),
                            author: group.author.clone(),
                            anonymous: recap.scope == Scope::Team && group.author.is_none(),
                            text: line.text.clone(),
                            times: line.count,
                        },
                    });
                }
            }
        }
    };
    push(&recap.opening, None);
    for (n, phase) in recap.phases.iter().enumerate() {
        push(&phase.blocks, Some(n + 1));
    }
    push(&recap.closing, None);
    push(&recap.wishes, None);
    let total = candidates.len();
    candidates.sort_by_key(|c| (c.rank, c.order));
    let mut used = 0;
    let mut kept: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        let size = candidate.item.text.chars().count();
        if used + size <= budget {
            used += size;
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|c| c.order);
    let left_out = total - kept.len();
    let items = kept
        .into_iter()
        .enumerate()
        .map(|(n, c)| Item {
            id: format!("a{}", n + 1),
            ..c.item
        })
        .collect();
    SummaryInput {
        lang: recap.lang,
        title: recap.title.clone(),
        periods: recap
            .phases
            .iter()
            .enumerate()
            .map(|(n, phase)| PeriodRef {
                period: n + 1,
                label: phase.label.clone(),
            })
            .collect(),
        items,
        left_out,
    }
}
