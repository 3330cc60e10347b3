//! A resolution's statuses in words: the one word each language shows for each status, the
//! words a member may type to follow one up (`[follow_up.typed]`, every language accepted), and
//! the quarterly follow-up question that names the resolution.

use super::t;
use crate::domain::answer::AnswerError;
use crate::domain::follow_up::{self, FollowUpAnswer, status_key};
use crate::domain::ids::ResolutionId;
use crate::domain::lang::Lang;
use crate::domain::state::ResolutionStatus;
use crate::domain::template::{Localized, Question};
use crate::domain::visibility::Visibility;

/// The statuses a follow-up can set (every one but `Open`).
const FOLLOWED_UP: [ResolutionStatus; 4] = [
    ResolutionStatus::OnTrack,
    ResolutionStatus::Changed,
    ResolutionStatus::Done,
    ResolutionStatus::Dropped,
];

/// The word for `status` in `lang` (`잘 되고 있음`, `on track`).
pub fn status_word(lang: Lang, status: ResolutionStatus) -> String {
    t(lang, &format!("resolutions.{}", status.as_str()), &[])
}

/// The status a typed word names, by its [`status_key`], in any language: the shown word or
/// one of the `[follow_up.typed]` words.
pub fn read_status(key: &str) -> Option<ResolutionStatus> {
    FOLLOWED_UP.into_iter().find(|&status| {
        Lang::ALL.into_iter().any(|lang| {
            let typed = t(lang, &format!("follow_up.typed.{}", status.as_str()), &[]);
            let shown = status_word(lang, status);
            typed
                .split(',')
                .chain([shown.as_str()])
                .any(|word| status_key(word) == key)
        })
    })
}

/// Reads a follow-up answer (`잘 되고 있음: 매일 30분`, `done`).
pub fn read_follow_up(text: &str) -> Result<FollowUpAnswer, AnswerError> {
    follow_up::parse(text, read_status)
}

/// A stored follow-up shown again in the form, in `lang` (`잘 되고 있음: 매일 30분`).
pub fn show_follow_up(lang: Lang, status: ResolutionStatus, note: &str) -> String {
    follow_up::show(&status_word(lang, status), note)
}

/// The quarterly question asking how resolution `id` (`text`) is going.
pub fn follow_up_question(id: ResolutionId, text: &str, visibility: Visibility) -> Question {
    let both = |key: &str| {
        Localized::new(
            t(Lang::En, key, &[("text", text)]),
            t(Lang::Ko, key, &[("text", text)]),
        )
    };
    follow_up::question(
        id,
        visibility,
        both("follow_up.question"),
        both("follow_up.label"),
    )
}
