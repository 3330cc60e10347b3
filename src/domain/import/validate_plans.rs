//! Checking a dataset's Mandalarts and letters before anything is written: each names a member
//! of the document; a Mandalart names an answer of that member the document holds, has at most
//! eight sub-goals of eight actions and ratings from 1 to 5 given in rounds it holds; a letter
//! has a text a letter takes, opens after the day it was written, and a team's names its channel.

use std::collections::HashSet;

use super::dataset::{Dataset, LetterRecord, MandalartRecord};
use super::problem::Problem;
use super::validate::Refusal;
use crate::domain::mandalart::SIDE;

/// The longest letter, in characters (as `capsule write` takes it).
const LETTER_MAX: usize = 3000;

/// Checks the Mandalarts and letters of `data`, whose members are `members`.
pub(super) fn validate_plans(data: &Dataset, members: &HashSet<&str>) -> Result<(), Refusal> {
    for (i, plan) in data.mandalarts.iter().enumerate() {
        check_plan(data, plan, members, &format!("mandalarts[{i}]"))?;
    }
    for (i, letter) in data.letters.iter().enumerate() {
        check_letter(letter, members, &format!("letters[{i}]"))?;
    }
    Ok(())
}

fn refuse(path: String, what: String) -> Result<(), Refusal> {
    Err((path, Problem::BadReference(what)))
}

fn check_plan(
    data: &Dataset,
    plan: &MandalartRecord,
    members: &HashSet<&str>,
    path: &str,
) -> Result<(), Refusal> {
    if !members.contains(plan.member.as_str()) {
        return refuse(format!("{path}.member"), format!("{:?}", plan.member));
    }
    let held = data.rounds.get(plan.answer.round).is_some_and(|round| {
        (round.deliveries.iter())
            .filter(|d| d.member == plan.member)
            .flat_map(|d| &d.answers)
            .any(|a| a.question_id == plan.answer.question_id)
    });
    if !held {
        let what = format!(
            "no answer of {:?} to {:?} in round {}",
            plan.member, plan.answer.question_id, plan.answer.round
        );
        return refuse(format!("{path}.answer"), what);
    }
    if plan.goals.len() > SIDE {
        return refuse(
            format!("{path}.goals"),
            format!("{} sub-goals; at most 8", plan.goals.len()),
        );
    }
    for (g, goal) in plan.goals.iter().enumerate() {
        let here = format!("{path}.goals[{g}]");
        if goal.actions.len() > SIDE {
            let what = format!("{} actions; at most 8", goal.actions.len());
            return refuse(format!("{here}.actions"), what);
        }
        for (r, rating) in goal.ratings.iter().enumerate() {
            let field = format!("{here}.ratings[{r}]");
            if !(1..=5).contains(&rating.rating) {
                return refuse(
                    format!("{field}.rating"),
                    format!("{} is not 1–5", rating.rating),
                );
            }
            if rating.round >= data.rounds.len() {
                let what = format!(
                    "round {} (the document has {})",
                    rating.round,
                    data.rounds.len()
                );
                return refuse(format!("{field}.round"), what);
            }
        }
    }
    Ok(())
}

fn check_letter(letter: &LetterRecord, members: &HashSet<&str>, path: &str) -> Result<(), Refusal> {
    if !members.contains(letter.member.as_str()) {
        return refuse(format!("{path}.member"), format!("{:?}", letter.member));
    }
    let chars = letter.text.chars().count();
    if letter.text.trim().is_empty() || chars > LETTER_MAX {
        let what = format!("a letter of {chars} characters; it takes 1 to {LETTER_MAX}");
        return refuse(format!("{path}.text"), what);
    }
    if letter.open_on <= letter.written_on {
        let what = format!("opens {}, not after it was written", letter.open_on);
        return refuse(format!("{path}.open_on"), what);
    }
    if letter.team_wide && letter.channel_id.is_none() {
        let what = "a team letter without the channel it opens in".to_string();
        return refuse(format!("{path}.channel_id"), what);
    }
    Ok(())
}
