//! Submits that arrive together share a commit (group commit), on both backends: every one
//! saved and confirmed, fewer commits than submits; one the database refuses is refused alone
//! while the others of its batch are saved.

use futures_util::future::join_all;
use hoego::domain::ids::DeliveryId;
use hoego::domain::state::DeliveryStatus;
use hoego::service::Outcome;
use hoego::service::ids::FormId;
use hoego::store::Store;

use crate::support::Backend;
use crate::support::chat::{Chat, WEEKLY};
use crate::support::db::TestDb;
use crate::{both_backends, on_each_backend};

const SUBMITS: usize = 50;

/// Makes the database refuse any answer reading `boom` (a trigger), as it would refuse a row
/// breaking one of its rules.
const REFUSE_POSTGRES: [&str; 2] = [
    "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF NEW.value = 'boom' THEN RAISE EXCEPTION 'refused by the test'; END IF;
       RETURN NEW; END $$",
    "CREATE TRIGGER test_refuse BEFORE INSERT ON answers
       FOR EACH ROW EXECUTE FUNCTION test_refuse()",
];
const REFUSE_SQLITE: &str = "CREATE TRIGGER test_refuse BEFORE INSERT ON answers
    WHEN NEW.value = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";

/// `n` members with a delivery each in one open weekly round.
async fn members_in_a_round(store: &Store, n: usize) -> Vec<(Chat, DeliveryId)> {
    let first = Chat::new(store, "m0");
    let delivery = first.open_round("weekly", WEEKLY).await;
    let mut members = vec![(first.clone(), delivery)];
    for i in 1..n {
        let other = first.other(&format!("m{i}"));
        let joined = other.join_round_of(delivery).await;
        members.push((other, joined));
    }
    members
}

/// Every member submits at once, `went-well` reading what `text` gives for their number.
async fn all_at_once(
    members: &[(Chat, DeliveryId)],
    text: impl Fn(usize) -> String,
) -> Vec<Outcome> {
    let submits = members.iter().enumerate().map(|(i, (chat, delivery))| {
        let went_well = text(i);
        async move {
            let values = [
                ("went-well", went_well.as_str()),
                ("was-hard", "nothing"),
                ("next-week", "rest"),
            ];
            chat.submit(FormId::Answer(*delivery), &values).await
        }
    });
    join_all(submits).await
}

async fn answered(store: &Store, members: &[(Chat, DeliveryId)]) -> usize {
    let mut answered = 0;
    for (_, delivery) in members {
        let round = store.delivery_round(*delivery).await.unwrap().unwrap();
        if round.status == DeliveryStatus::Answered {
            answered += 1;
        }
    }
    answered
}

async fn fifty_submits_at_once_are_all_saved_with_fewer_commits(store: Store) {
    let members = members_in_a_round(&store, SUBMITS).await;
    let (commits_before, saved_before) = store.submission_commits();

    let outcomes = all_at_once(&members, |i| format!("week of member {i}")).await;

    for outcome in &outcomes {
        assert!(matches!(outcome, Outcome::Done(_)), "{outcome:?}");
    }
    assert_eq!(answered(&store, &members).await, SUBMITS);
    let (commits, saved) = store.submission_commits();
    let (commits, saved) = (commits - commits_before, saved - saved_before);
    assert_eq!(saved, SUBMITS as u64);
    assert!(
        commits < SUBMITS as u64 / 2,
        "{SUBMITS} submits took {commits} commits"
    );
}
both_backends!(
    fifty_submits_at_once_are_all_saved_with_fewer_commits,
    super::fifty_submits_at_once_are_all_saved_with_fewer_commits
);

async fn a_submit_the_database_refuses_is_refused_alone_and_its_batch_is_saved(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else {
        return;
    };
    let store = db.store.clone();
    let members = members_in_a_round(&store, 20).await;
    match backend {
        Backend::Postgres => {
            for sql in REFUSE_POSTGRES {
                db.execute(sql).await;
            }
        }
        Backend::Sqlite => db.execute(REFUSE_SQLITE).await,
    }
    let (commits_before, _) = store.submission_commits();

    let outcomes = all_at_once(&members, |i| match i {
        7 => "boom".into(),
        _ => format!("fine {i}"),
    })
    .await;

    for (i, outcome) in outcomes.iter().enumerate() {
        let saved = matches!(outcome, Outcome::Done(_));
        assert_eq!(saved, i != 7, "member {i}: {outcome:?}");
    }
    assert_eq!(answered(&store, &members).await, 19);
    let refused = store.delivery_round(members[7].1).await.unwrap().unwrap();
    assert_ne!(refused.status, DeliveryStatus::Answered);
    let (commits, _) = store.submission_commits();
    let commits = commits - commits_before;
    assert!(commits < 19, "19 saved submits took {commits} commits");
    db.finish().await;
}
on_each_backend!(a_submit_the_database_refuses_is_refused_alone_and_its_batch_is_saved);

/// PostgreSQL's writers work side by side: while one waits on a row another transaction holds
/// (its batch cannot commit yet), a submit arriving meanwhile is gathered and saved by another
/// writer instead of queueing behind it. (SQLite has one writer.)
#[tokio::test]
async fn a_waiting_batch_does_not_hold_up_the_next_on_postgres() {
    use sqlx::Connection;
    let Some(db) = TestDb::new(Backend::Postgres).await else {
        return;
    };
    let store = db.store.clone();
    let members = members_in_a_round(&store, 2).await;
    let [(first, held), (second, free)] = [members[0].clone(), members[1].clone()];
    let mut holder = sqlx::PgConnection::connect(db.settings.url.expose())
        .await
        .unwrap();
    let mut lock = holder.begin().await.unwrap();
    sqlx::query("SELECT id FROM deliveries WHERE id = $1 FOR UPDATE")
        .bind(held.0)
        .execute(&mut *lock)
        .await
        .unwrap();
    let values = [
        ("went-well", "fine"),
        ("was-hard", "no"),
        ("next-week", "rest"),
    ];

    let waiting = tokio::spawn(async move { first.submit(FormId::Answer(held), &values).await });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let meanwhile = second.submit(FormId::Answer(free), &values).await;
    let still_waiting = !waiting.is_finished();
    lock.rollback().await.unwrap();
    let after = waiting.await.unwrap();

    assert!(
        still_waiting,
        "the held delivery's submit did not wait for its row"
    );
    assert!(matches!(meanwhile, Outcome::Done(_)), "{meanwhile:?}");
    assert!(matches!(after, Outcome::Done(_)), "{after:?}");
    holder.close().await.ok();
    db.finish().await;
}
