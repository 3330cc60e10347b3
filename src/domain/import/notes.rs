//! Notes (from Markdown files or CSV rows) made into rounds: one closed round per date (at
//! local midnight in the member's zone), one answered delivery per member, the answers checked
//! against their questions, and resolutions where the template marks a list as resolutions.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use super::dataset::{
    AnswerItem, AnswerRef, Dataset, DeliveryRecord, MemberRecord, ResolutionRecord, RoundRecord,
    TemplateRecord,
};
use super::problem::{ImportError, Place, Problem};
use crate::domain::answer::AnswerValue;
use crate::domain::schedule::resolve_local;
use crate::domain::state::{DeliveryStatus, ResolutionStatus, RoundStatus};
use crate::domain::template::{QuestionId, QuestionKind, Template};
use crate::domain::visibility::Visibility;
use crate::domain::zone::ZoneName;

/// One answer as read from a note, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteAnswer {
    /// The member's user id.
    pub member: String,
    /// When the note was written, local wall-clock time (its date picks the round).
    pub at: NaiveDateTime,
    /// The question it answers.
    pub question: QuestionId,
    /// The text as written.
    pub raw: String,
    /// Who may read it.
    pub visibility: Visibility,
    /// The file it came from.
    pub file: String,
    /// Its line there.
    pub line: usize,
}

/// What rounds made from notes are like.
#[derive(Debug, Clone)]
pub struct NotesTarget<'a> {
    /// The template the notes answer.
    pub template: &'a Template,
    /// The members the notes are by (their zones place the rounds), new ones included.
    pub members: Vec<MemberRecord>,
    /// The zone for members without their own.
    pub team_zone: ZoneName,
    /// How long after its date a round's window closes.
    pub window: TimeDelta,
    /// Now, for the template version's record.
    pub now: DateTime<Utc>,
}

type Key = (NaiveDate, DateTime<Utc>);

/// The dataset that `answers` make; an answer its question refuses, or a question answered
/// twice on one date by one member, is refused with its place.
pub fn notes_dataset(
    answers: Vec<NoteAnswer>,
    target: NotesTarget<'_>,
) -> Result<Dataset, ImportError> {
    let mut rounds: BTreeMap<Key, BTreeMap<String, Vec<NoteAnswer>>> = BTreeMap::new();
    for answer in answers {
        let zone = zone_of(&target, &answer.member);
        let date = answer.at.date();
        let due = resolve_local(date.and_time(NaiveTime::MIN), zone.tz());
        let given = rounds
            .entry((date, due))
            .or_default()
            .entry(answer.member.clone())
            .or_default();
        if let Some(first) = given.iter().find(|a| a.question == answer.question) {
            let problem = Problem::AnsweredTwice {
                question: answer.question.to_string(),
                other: format!("{}:{}", first.file, first.line),
            };
            return Err(ImportError::new(
                &answer.file,
                Place::Line(answer.line),
                problem,
            ));
        }
        given.push(answer);
    }
    let mut data = Dataset {
        templates: vec![TemplateRecord {
            key: target.template.id.to_string(),
            source: target.template.source.clone(),
            created_at: target.now,
        }],
        ..Dataset::default()
    };
    for ((date, due), members) in rounds {
        let round = data.rounds.len();
        let mut record = closed_round(date, due, target.window);
        for (member, answers) in members {
            let zone = zone_of(&target, &member);
            let delivery = delivery(&target, &member, due, target.window, zone, answers)?;
            data.resolutions
                .extend(resolutions(target.template, round, &delivery));
            record.deliveries.push(delivery);
        }
        data.rounds.push(record);
    }
    data.members = target.members;
    Ok(data)
}

fn zone_of(target: &NotesTarget<'_>, member: &str) -> ZoneName {
    target
        .members
        .iter()
        .find(|m| m.user_id == member)
        .and_then(|m| m.time_zone)
        .unwrap_or(target.team_zone)
}

fn closed_round(date: NaiveDate, due: DateTime<Utc>, window: TimeDelta) -> RoundRecord {
    RoundRecord {
        schedule: None,
        template: 0,
        occurrence_local: date.and_time(NaiveTime::MIN),
        due_at: due,
        closes_at: due + window,
        status: RoundStatus::Closed,
        closed_at: Some(due + window),
        created_at: due,
        deliveries: Vec::new(),
    }
}

fn delivery(
    target: &NotesTarget<'_>,
    member: &str,
    due: DateTime<Utc>,
    window: TimeDelta,
    zone: ZoneName,
    mut given: Vec<NoteAnswer>,
) -> Result<DeliveryRecord, ImportError> {
    let order = |a: &NoteAnswer| {
        target
            .template
            .questions
            .iter()
            .position(|q| q.id == a.question)
    };
    given.sort_by_key(order);
    let mut answers = Vec::new();
    for note in given {
        if let Some(answer) = checked(target.template, &note, zone)? {
            answers.push(answer);
        }
    }
    let finished = answers.iter().map(|a| a.created_at).max().unwrap_or(due);
    Ok(DeliveryRecord {
        member: member.to_string(),
        status: DeliveryStatus::Answered,
        due_at: due,
        closes_at: due + window,
        remind_at: None,
        reminded_at: None,
        attempts: 0,
        next_attempt_at: due,
        platform_channel_id: None,
        platform_message_id: None,
        last_error: None,
        sent_at: None,
        finished_at: Some(finished),
        answers,
    })
}

/// The answer as stored, or `None` when it is empty.
fn checked(
    template: &Template,
    note: &NoteAnswer,
    zone: ZoneName,
) -> Result<Option<AnswerItem>, ImportError> {
    let question = template
        .question(&note.question)
        .expect("notes only name questions of their template");
    let refused = |error| {
        let problem = Problem::Answer {
            question: note.question.to_string(),
            error: Box::new(error),
        };
        ImportError::new(&note.file, Place::Line(note.line), problem)
    };
    if note.raw.trim().is_empty() {
        return Ok(None);
    }
    let Some(value) = AnswerValue::parse(question, &note.raw).map_err(refused)? else {
        return Ok(None);
    };
    let at = resolve_local(note.at, zone.tz());
    Ok(Some(AnswerItem {
        question_id: note.question.to_string(),
        value: value.to_storage(),
        visibility: note.visibility,
        created_at: at,
        updated_at: at,
        history: Vec::new(),
    }))
}

/// The resolutions a delivery's answers hold, for lists the template marks as resolutions.
fn resolutions(
    template: &Template,
    round: usize,
    delivery: &DeliveryRecord,
) -> Vec<ResolutionRecord> {
    let mut out = Vec::new();
    for answer in &delivery.answers {
        let marked = template.questions.iter().any(|q| {
            q.id.as_str() == answer.question_id
                && matches!(q.kind, QuestionKind::List { resolutions: true })
        });
        if !marked {
            continue;
        }
        for (position, text) in answer.value.split('\n').enumerate() {
            out.push(ResolutionRecord {
                member: delivery.member.clone(),
                answer: Some(AnswerRef {
                    round,
                    question_id: answer.question_id.clone(),
                }),
                position: i32::try_from(position).unwrap_or(i32::MAX),
                text: text.to_string(),
                visibility: answer.visibility,
                status: ResolutionStatus::Open,
                created_at: answer.created_at,
                updated_at: answer.created_at,
                follow_ups: Vec::new(),
            });
        }
    }
    out
}
