//! Submissions written together, set-based, on both backends: in one batch of mixed cases
//! (answers new, changed, unchanged and cleared, a request handled already, a closed delivery, another
//! member's delivery, a request id given twice, a submission with resolutions), each gets the
//! outcome it would have alone and the rows it would have written alone.

use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use hoego::domain::ids::{DeliveryId, MemberId, RequestId};
use hoego::store::{AnswerWrite, SavedAnswers, Store, StoreError};

use crate::both_backends;
use crate::support::chat::{Chat, NowUtc, WEEKLY, team_answer as write};

fn left_empty(question: &str) -> AnswerWrite {
    AnswerWrite {
        value: None,
        ..write(question, "")
    }
}

fn saved(created: usize, updated: usize, unchanged: usize) -> Option<SavedAnswers> {
    Some(SavedAnswers {
        created,
        updated,
        unchanged,
        cleared: 0,
    })
}

/// One submission of the batch.
struct Submit {
    delivery: DeliveryId,
    member: MemberId,
    answers: Vec<AnswerWrite>,
    now: DateTime<Utc>,
    request: Option<RequestId>,
}

async fn save(store: &Store, s: &Submit) -> Result<Option<SavedAnswers>, StoreError> {
    let request = s.request.as_ref();
    let none = (&[][..], &[][..], &[][..]);
    store
        .save_submission(s.delivery, s.member, &s.answers, none, s.now, request)
        .await
}

/// `n` members with a delivery each in one open weekly round: (delivery, member).
async fn members_in_a_round(store: &Store, n: usize) -> (Chat, Vec<(DeliveryId, MemberId)>) {
    let first = Chat::new(store, "m0");
    let delivery = first.open_round("weekly", WEEKLY).await;
    let mut members = vec![(delivery, first.me().await.1.id)];
    for i in 1..n {
        let other = first.other(&format!("m{i}"));
        let joined = other.join_round_of(delivery).await;
        members.push((joined, other.me().await.1.id));
    }
    (first, members)
}

async fn values(store: &Store, delivery: DeliveryId) -> Vec<(String, String)> {
    let answers = store.delivery_answers(delivery).await.unwrap();
    answers
        .into_iter()
        .map(|a| (a.question_id, a.value))
        .collect()
}

fn pairs(of: &[(&str, &str)]) -> Vec<(String, String)> {
    of.iter()
        .map(|(q, v)| (q.to_string(), v.to_string()))
        .collect()
}

async fn a_batch_of_mixed_submissions_gives_each_its_own_outcome(store: Store) {
    let (chat, m) = members_in_a_round(&store, 10).await;
    let now = chat.clock.now_utc();
    let slack = |id: &str| Some(RequestId::slack(id));
    let submit = |i: usize, answers: Vec<AnswerWrite>, request| Submit {
        delivery: m[i].0,
        member: m[i].1,
        answers,
        now,
        request,
    };
    // Before the batch: m1 and m2 answered, m3's request handled.
    save(
        &store,
        &submit(
            1,
            vec![write("went-well", "a1"), write("was-hard", "b1")],
            None,
        ),
    )
    .await
    .unwrap();
    save(
        &store,
        &submit(
            2,
            vec![write("went-well", "x"), write("was-hard", "y")],
            None,
        ),
    )
    .await
    .unwrap();
    save(
        &store,
        &submit(3, vec![write("went-well", "first")], slack("r3")),
    )
    .await
    .unwrap();
    let mut resolutions = write("next-week", "run\nread");
    resolutions.resolutions = Some(vec!["run".into(), "read".into()]);
    let mut closed = submit(4, vec![write("went-well", "late")], None);
    closed.now = now + Duration::hours(48);
    let mut not_theirs = submit(5, vec![write("went-well", "not mine")], None);
    not_theirs.member = m[6].1;
    let batch = vec![
        submit(
            0,
            vec![write("went-well", "n0"), write("was-hard", "h0")],
            None,
        ),
        submit(
            1,
            vec![
                write("went-well", "a1"),
                write("was-hard", "b2"),
                write("next-week", "c2"),
            ],
            slack("r1"),
        ),
        submit(
            2,
            vec![
                write("went-well", "x"),
                left_empty("was-hard"),
                left_empty("mood"),
            ],
            None,
        ),
        submit(3, vec![write("went-well", "again")], slack("r3")),
        closed,
        not_theirs,
        submit(6, vec![write("went-well", "plans"), resolutions], None),
        submit(7, vec![write("went-well", "seven")], slack("twice")),
        submit(8, vec![write("went-well", "eight")], slack("twice")),
        submit(9, vec![write("went-well", "n9")], slack("r9")),
    ];
    let (commits_before, _) = store.submission_commits();

    let outcomes = join_all(batch.iter().map(|s| save(&store, s))).await;

    let (commits, _) = store.submission_commits();
    assert!(
        commits - commits_before < 5,
        "{} commits",
        commits - commits_before
    );
    let simple: Vec<Option<Option<SavedAnswers>>> =
        outcomes.iter().map(|o| o.as_ref().ok().copied()).collect();
    assert_eq!(simple[0], Some(saved(2, 0, 0)));
    assert_eq!(simple[1], Some(saved(1, 1, 1)));
    let one_cleared = saved(0, 0, 1).map(|s| SavedAnswers { cleared: 1, ..s });
    assert_eq!(simple[2], Some(one_cleared));
    assert!(
        matches!(outcomes[3], Err(StoreError::HandledElsewhere)),
        "{:?}",
        outcomes[3]
    );
    assert_eq!(simple[4], Some(None));
    assert_eq!(simple[5], Some(None));
    assert_eq!(simple[6], Some(saved(2, 0, 0)));
    let twice = [&outcomes[7], &outcomes[8]];
    let elsewhere = twice
        .iter()
        .filter(|o| matches!(o, Err(StoreError::HandledElsewhere)))
        .count();
    assert_eq!(elsewhere, 1, "{twice:?}");
    assert!(
        twice
            .iter()
            .any(|o| matches!(o, Ok(s) if *s == saved(1, 0, 0))),
        "{twice:?}"
    );
    assert_eq!(simple[9], Some(saved(1, 0, 0)));

    assert_eq!(
        values(&store, m[0].0).await,
        pairs(&[("went-well", "n0"), ("was-hard", "h0")])
    );
    let m1 = pairs(&[("went-well", "a1"), ("was-hard", "b2"), ("next-week", "c2")]);
    assert_eq!(values(&store, m[1].0).await, m1);
    assert_eq!(values(&store, m[2].0).await, pairs(&[("went-well", "x")]));
    assert_eq!(
        values(&store, m[3].0).await,
        pairs(&[("went-well", "first")])
    );
    assert_eq!(values(&store, m[4].0).await, vec![]);
    assert_eq!(values(&store, m[5].0).await, vec![]);
    let items = store.resolution_items(m[6].1).await.unwrap();
    let texts: Vec<&str> = items.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["run", "read"]);
    assert!(store.was_handled(&RequestId::slack("r9")).await.unwrap());
    assert!(store.was_handled(&RequestId::slack("r1")).await.unwrap());
    for (i, answered) in [(0, true), (3, true), (4, false), (5, false), (9, true)] {
        let round = store.delivery_round(m[i].0).await.unwrap().unwrap();
        assert_eq!(
            round.status.as_str() == "answered",
            answered,
            "delivery of m{i}"
        );
    }
}
both_backends!(
    a_batch_of_mixed_submissions_gives_each_its_own_outcome,
    super::a_batch_of_mixed_submissions_gives_each_its_own_outcome
);
