//! The split of a batch of submissions between the set-based writes and the one-by-one ones.

use chrono::Utc;

use super::batch_writes::split;
use super::group_commit::Submission;
use crate::domain::ids::{DeliveryId, MemberId, RequestId};
use crate::domain::visibility::Visibility;
use crate::store::AnswerWrite;

fn submission(delivery: i64, request: Option<&str>, value: Option<&str>) -> Submission {
    let answer = AnswerWrite {
        question_id: "went-well".into(),
        value: value.map(str::to_owned),
        visibility: Visibility::Team,
        resolutions: None,
        milestone: None,
        mandalart: None,
    };
    Submission {
        delivery: DeliveryId(delivery),
        member: MemberId(delivery),
        answers: vec![answer],
        follow_ups: Vec::new(),
        ratings: Vec::new(),
        letters: Vec::new(),
        now: Utc::now(),
        request: request.map(RequestId::slack),
    }
}

#[test]
fn a_delivery_or_request_seen_before_in_the_batch_is_written_after_it_one_by_one() {
    let mut with_resolutions = submission(4, None, Some("a"));
    with_resolutions.answers[0].resolutions = Some(vec!["a".into()]);
    let batch = [
        submission(1, Some("r1"), Some("a")),
        submission(2, None, None),
        submission(1, Some("r2"), Some("b")),
        submission(3, Some("r1"), Some("c")),
        with_resolutions,
        submission(4, None, Some("d")),
        submission(5, Some("r5"), Some("e")),
    ];
    let batch: Vec<&Submission> = batch.iter().collect();

    let (plain, rest) = split(&batch);

    assert_eq!(plain, [0, 1, 6]);
    assert_eq!(rest, [2, 3, 4, 5]);
}
