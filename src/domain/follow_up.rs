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

/// The question asking how `text` is going, for resolution `id` with the resolution's
/// visibility. Optional: an empty answer records nothing.
pub fn question(id: ResolutionId, text: &str, visibility: Visibility) -> Question {
    Question {
        id: QuestionId::parse(&format!("{PREFIX}{id}")).expect("a valid question id"),
        kind: QuestionKind::Text,
        text: Localized::new(
            format!(
                "Your resolution “{text}”: on track, changed, done or dropped? Add a note after a colon."
            ),
            format!(
                "다짐 “{text}”은(는) 어떻게 되고 있나요? 진행 중, 바뀜, 이룸, 그만둠 중 하나를 적고 콜론(:) 뒤에 메모를 덧붙여 주세요."
            ),
        ),
        label: Some(Localized::new(
            format!("Your resolution “{text}”"),
            format!("다짐 “{text}”"),
        )),
        visibility,
        max_len: MAX_LEN,
        required: false,
        milestone: false,
        periods: false,
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

/// Reads `on track: a note`, `done`, `그만둠: 무릎 부상` and the like.
pub fn parse(text: &str) -> Result<FollowUpAnswer, AnswerError> {
    let (head, note) = match text.split_once([':', '：', '\n']) {
        Some((head, note)) => (head, note.trim()),
        None => (text, ""),
    };
    let key: String = head
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let status = match key.as_str() {
        "ontrack" | "진행중" | "순조" | "순조로움" => ResolutionStatus::OnTrack,
        "changed" | "바뀜" | "변경" | "바꿈" => ResolutionStatus::Changed,
        "done" | "이룸" | "완료" | "달성" => ResolutionStatus::Done,
        "dropped" | "그만둠" | "포기" | "중단" => ResolutionStatus::Dropped,
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

/// How a stored follow-up is shown again in the form (`on track: note`).
pub fn show(status: ResolutionStatus, note: &str) -> String {
    let word = status.as_str().replace('_', " ");
    if note.is_empty() {
        word
    } else {
        format!("{word}: {note}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_ups_are_read_in_either_language_with_or_without_a_note() {
        let rows = [
            (
                "on track: 30 minutes a day",
                ResolutionStatus::OnTrack,
                "30 minutes a day",
            ),
            ("On-Track", ResolutionStatus::OnTrack, ""),
            ("done", ResolutionStatus::Done, ""),
            (
                "changed: half marathon instead",
                ResolutionStatus::Changed,
                "half marathon instead",
            ),
            (
                "dropped\nknee injury",
                ResolutionStatus::Dropped,
                "knee injury",
            ),
            ("진행 중: 매일 30분", ResolutionStatus::OnTrack, "매일 30분"),
            ("그만둠：무릎 부상", ResolutionStatus::Dropped, "무릎 부상"),
            ("이룸", ResolutionStatus::Done, ""),
        ];
        for (text, status, note) in rows {
            let read = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((read.status, read.note.as_str()), (status, note), "{text}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_words_that_work() {
        let error = parse("going fine").unwrap_err();
        assert!(
            error
                .message(crate::domain::lang::Lang::En)
                .contains("on track")
        );
        assert!(
            error
                .message(crate::domain::lang::Lang::Ko)
                .contains("진행 중")
        );
    }

    #[test]
    fn a_follow_up_question_names_its_resolution() {
        let q = question(ResolutionId(12), "Run", Visibility::Private);
        assert_eq!(q.id.as_str(), "resolution-12");
        assert_eq!(resolution_of("resolution-12"), Some(ResolutionId(12)));
        assert_eq!(resolution_of("went-well"), None);
        assert_eq!(show(ResolutionStatus::OnTrack, "x"), "on track: x");
    }
}
