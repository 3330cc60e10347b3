//! Following up a resolution in a quarterly round: the extra question asked for each of the
//! member's open resolutions, and reading its answer ("on track: 30 minutes a day").

use crate::domain::answer::AnswerError;
use crate::domain::ids::ResolutionId;
use crate::domain::state::ResolutionStatus;
use crate::domain::template::{Localized, Question, QuestionId, QuestionKind};
use crate::domain::visibility::Visibility;

/// The prefix of a follow-up question's id; the resolution's id follows.
pub const PREFIX: &str = "resolution-";

/// The longest follow-up answer, in characters.
pub const MAX_LEN: usize = 500;

/// A read follow-up answer: the resolution's new status and a note ('' when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpAnswer {
    /// Where it stands.
    pub status: ResolutionStatus,
    /// What the member added.
    pub note: String,
}

/// The question asking how a resolution is going, for resolution `id` with the resolution's
/// visibility, worded by the caller (`text` and `label` name the resolution). Optional: an
/// empty answer records nothing.
pub fn question(
    id: ResolutionId,
    visibility: Visibility,
    text: Localized,
    label: Localized,
) -> Question {
    Question {
        id: QuestionId::parse(&format!("{PREFIX}{id}")).expect("a valid question id"),
        kind: QuestionKind::Text,
        text,
        label: Some(label),
        visibility,
        max_len: MAX_LEN,
        required: false,
        milestone: false,
        periods: false,
        capsule: false,
        recall: None,
    }
}

/// The resolution a follow-up question id is about, if it is one.
pub fn resolution_of(question_id: &str) -> Option<ResolutionId> {
    question_id
        .strip_prefix(PREFIX)?
        .parse::<i64>()
        .ok()
        .map(ResolutionId)
}

/// A status word as it is compared: lower case, letters and digits only (`On-Track` and
/// `on track` are both `ontrack`).
pub fn status_key(word: &str) -> String {
    word.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Reads `on track: a note`, `done` and the like: a status word, which `read` turns into a
/// status from its [`status_key`] (the words live in the catalogs), then an optional note
/// after a colon or on the next line.
pub fn parse(
    text: &str,
    read: impl Fn(&str) -> Option<ResolutionStatus>,
) -> Result<FollowUpAnswer, AnswerError> {
    let (head, note) = match text.split_once([':', '\u{ff1a}', '\n']) {
        Some((head, note)) => (head, note.trim()),
        None => (text, ""),
    };
    let key = status_key(head);
    let status = match read(&key).filter(|_| !key.is_empty()) {
        Some(status) if status != ResolutionStatus::Open => status,
        _ => {
            return Err(AnswerError::NotAFollowUp {
                given: text.trim().to_string(),
            });
        }
    };
    Ok(FollowUpAnswer {
        status,
        note: note.to_string(),
    })
}

/// How a stored follow-up is shown again in the form: its status `word` and the note
/// (`on track: note`).
pub fn show(word: &str, note: &str) -> String {
    if note.is_empty() {
        word.to_string()
    } else {
        format!("{word}: {note}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the English words only; the catalogs' words are tested with the catalogs.
    fn english(key: &str) -> Option<ResolutionStatus> {
        ["ontrack", "changed", "done", "dropped", "open"]
            .iter()
            .position(|w| *w == key)
            .map(|i| {
                [
                    ResolutionStatus::OnTrack,
                    ResolutionStatus::Changed,
                    ResolutionStatus::Done,
                    ResolutionStatus::Dropped,
                    ResolutionStatus::Open,
                ][i]
            })
    }

    #[test]
    fn follow_ups_are_read_with_or_without_a_note() {
        let rows = [
            (
                "on track: 30 minutes a day",
                ResolutionStatus::OnTrack,
                "30 minutes a day",
            ),
            ("On-Track", ResolutionStatus::OnTrack, ""),
            ("done", ResolutionStatus::Done, ""),
            (
                "changed\u{ff1a}half marathon instead",
                ResolutionStatus::Changed,
                "half marathon instead",
            ),
            (
                "dropped\nknee injury",
                ResolutionStatus::Dropped,
                "knee injury",
            ),
        ];
        for (text, status, note) in rows {
            let read = parse(text, english).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((read.status, read.note.as_str()), (status, note), "{text}");
        }
    }

    #[test]
    fn anything_else_is_refused_and_open_is_no_answer() {
        for text in ["going fine", "open: not yet", ": note", ""] {
            assert!(
                matches!(parse(text, english), Err(AnswerError::NotAFollowUp { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn a_follow_up_question_names_its_resolution() {
        let q = question(
            ResolutionId(12),
            Visibility::Private,
            Localized::new("Run?", "Run?"),
            Localized::new("Run", "Run"),
        );
        assert_eq!(q.id.as_str(), "resolution-12");
        assert_eq!(resolution_of("resolution-12"), Some(ResolutionId(12)));
        assert_eq!(resolution_of("went-well"), None);
        assert_eq!(show("on track", "x"), "on track: x");
        assert_eq!(show("done", ""), "done");
    }
}
