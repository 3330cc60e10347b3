//! Checking a dataset's references before anything is written: every template, schedule,
//! member and round a row names exists; templates parse; each answer's question is asked by
//! its round's template and is not a letter question (those answers are sealed letters); a
//! milestone's author is a member, its text and date are ones the milestone command takes, and
//! a team-wide one is seen by the team. A problem comes back with the field's path, e.g.
//! `rounds[3].deliveries[0].member`.

use std::collections::HashSet;

use super::dataset::{AnswerRef, Dataset, MilestoneRecord, ResolutionRecord, RoundRecord};
use super::problem::Problem;
use crate::domain::milestone::{Milestone, MilestoneText};
use crate::domain::template::Template;
use crate::domain::visibility::Visibility;

/// A problem and the path of the field it is in.
pub type Refusal = (String, Problem);

/// Checks `data`; `whole_team` also requires every round's schedule to be in the document.
pub fn validate(data: &Dataset, whole_team: bool) -> Result<(), Refusal> {
    let templates = parse_templates(data)?;
    let members = unique(
        data.members.iter().map(|m| m.user_id.as_str()),
        "members",
        "user_id",
    )?;
    let schedules = unique(
        data.schedules.iter().map(|s| s.name.as_str()),
        "schedules",
        "name",
    )?;
    for (i, schedule) in data.schedules.iter().enumerate() {
        let path = format!("schedules[{i}]");
        in_range(schedule.template, templates.len(), &path, "template")?;
        for (j, p) in schedule.participants.iter().enumerate() {
            known(
                &members,
                &p.member,
                &format!("{path}.participants[{j}].member"),
            )?;
        }
    }
    for (i, round) in data.rounds.iter().enumerate() {
        let path = format!("rounds[{i}]");
        in_range(round.template, templates.len(), &path, "template")?;
        if let Some(name) = &round.schedule
            && whole_team
        {
            known(&schedules, name, &format!("{path}.schedule"))?;
        }
        check_round(round, &templates[round.template], &members, &path)?;
    }
    for (i, resolution) in data.resolutions.iter().enumerate() {
        check_resolution(data, resolution, &members, &format!("resolutions[{i}]"))?;
    }
    for (i, milestone) in data.milestones.iter().enumerate() {
        check_milestone(data, milestone, &members, &format!("milestones[{i}]"))?;
    }
    super::validate_plans::validate_plans(data, &members)
}

fn parse_templates(data: &Dataset) -> Result<Vec<Template>, Refusal> {
    data.templates
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let path = format!("templates[{i}].source");
            Template::from_toml(&path, &t.source)
                .map_err(|e| (path, Problem::BadReference(e.to_string())))
        })
        .collect()
}

fn unique<'a>(
    names: impl Iterator<Item = &'a str>,
    list: &str,
    field: &str,
) -> Result<HashSet<&'a str>, Refusal> {
    let mut seen = HashSet::new();
    for (i, name) in names.enumerate() {
        if !seen.insert(name) {
            let path = format!("{list}[{i}].{field}");
            return Err((
                path,
                Problem::BadReference(format!("{name:?} appears twice")),
            ));
        }
    }
    Ok(seen)
}

fn in_range(index: usize, len: usize, path: &str, field: &str) -> Result<(), Refusal> {
    if index < len {
        return Ok(());
    }
    let what = format!("{field} {index} (the document has {len})");
    Err((format!("{path}.{field}"), Problem::BadReference(what)))
}

/// The answer a resolution or milestone came from, when it names one, is of a round the
/// document has.
fn answer_in_range(data: &Dataset, answer: Option<&AnswerRef>, path: &str) -> Result<(), Refusal> {
    match answer {
        Some(answer) => in_range(
            answer.round,
            data.rounds.len(),
            &format!("{path}.answer"),
            "round",
        ),
        None => Ok(()),
    }
}

fn known(names: &HashSet<&str>, name: &str, path: &str) -> Result<(), Refusal> {
    if names.contains(name) {
        Ok(())
    } else {
        Err((path.into(), Problem::BadReference(format!("{name:?}"))))
    }
}

fn check_round(
    round: &RoundRecord,
    template: &Template,
    members: &HashSet<&str>,
    path: &str,
) -> Result<(), Refusal> {
    if round.closes_at <= round.due_at {
        let what = format!("closes_at {} is not after due_at", round.closes_at);
        return Err((format!("{path}.closes_at"), Problem::BadReference(what)));
    }
    let mut asked = HashSet::new();
    for (j, delivery) in round.deliveries.iter().enumerate() {
        let here = format!("{path}.deliveries[{j}]");
        known(members, &delivery.member, &format!("{here}.member"))?;
        if !asked.insert(delivery.member.as_str()) {
            let what = format!("{:?} is asked twice in this round", delivery.member);
            return Err((format!("{here}.member"), Problem::BadReference(what)));
        }
        let mut answered = HashSet::new();
        for (k, answer) in delivery.answers.iter().enumerate() {
            let field = format!("{here}.answers[{k}].question_id");
            let asked = template
                .questions
                .iter()
                .find(|q| q.id.as_str() == answer.question_id);
            if asked.is_some_and(|q| q.capsule) {
                let question = answer.question_id.clone();
                return Err((field, Problem::LetterAnswer(question)));
            }
            if asked.is_none() || !answered.insert(answer.question_id.as_str()) {
                let what = format!("{:?} in template {}", answer.question_id, template.id);
                return Err((field, Problem::BadReference(what)));
            }
        }
    }
    Ok(())
}

fn check_resolution(
    data: &Dataset,
    resolution: &ResolutionRecord,
    members: &HashSet<&str>,
    path: &str,
) -> Result<(), Refusal> {
    known(members, &resolution.member, &format!("{path}.member"))?;
    answer_in_range(data, resolution.answer.as_ref(), path)?;
    for (j, follow_up) in resolution.follow_ups.iter().enumerate() {
        if let Some(round) = follow_up.round {
            let here = format!("{path}.follow_ups[{j}]");
            in_range(round, data.rounds.len(), &here, "round")?;
        }
    }
    Ok(())
}

fn check_milestone(
    data: &Dataset,
    milestone: &MilestoneRecord,
    members: &HashSet<&str>,
    path: &str,
) -> Result<(), Refusal> {
    match &milestone.author {
        Some(author) => known(members, author, &format!("{path}.author"))?,
        None if milestone.team_wide && !members.is_empty() => {}
        None => {
            let what = "a milestone without its author".to_string();
            return Err((format!("{path}.author"), Problem::BadReference(what)));
        }
    }
    let field = |name: &str, problem: Problem| Err((format!("{path}.{name}"), problem));
    if let Err(e) = MilestoneText::parse(&milestone.text) {
        return field("text", Problem::Milestone(e));
    }
    if let Err(e) = Milestone::check_date(milestone.date) {
        return field("date", Problem::Milestone(e));
    }
    let shared = milestone.visibility == Visibility::Team;
    if milestone.visibility == Visibility::Anonymous || milestone.team_wide && !shared {
        let given = milestone.visibility.to_string();
        return field("visibility", Problem::MilestoneVisibility(given));
    }
    answer_in_range(data, milestone.answer.as_ref(), path)
}
