//! A burst of modal submits over Socket Mode while the database's commits are slow: each
//! envelope is acknowledged once, and the submits that came on one connection are not
//! acknowledged one after another.

use std::time::Duration;

use hoego::domain::ids::DeliveryId;
use hoego::domain::state::DeliveryStatus;
use serde_json::{Value, json};

use super::SlackApp;
use super::fake::TEAM;
use super::payloads::{self, Person};
use super::rounds::{a_round_for, pressed_answer};
use crate::support::Backend;

/// How many members submit at once.
const SUBMITS: usize = 16;
/// The Socket Mode connections the bot keeps open (the fake spreads envelopes over them).
const CONNECTIONS: usize = 2;
/// How long each commit of a submit takes.
const SLOW: Duration = Duration::from_millis(250);

/// Makes every transaction that changed a delivery wait [`SLOW`] at its commit, once per
/// transaction (a deferred trigger that remembers it slept): a database whose commits are slow.
const SLOW_COMMITS: [&str; 2] = [
    "CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF current_setting('test.slept', true) IS DISTINCT FROM 'yes' THEN
         PERFORM set_config('test.slept', 'yes', true);
         PERFORM pg_sleep(0.25);
       END IF;
       RETURN NULL; END $$",
    "CREATE CONSTRAINT TRIGGER test_slow_commit AFTER UPDATE ON deliveries
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()",
];

fn person(id: &str) -> Person {
    let id: &'static str = Box::leak(id.to_string().into_boxed_str());
    Person { id, name: id }
}

/// A submit of `delivery`'s form by `who`, built from a modal hoego opened for another member.
fn submit_of(who: &Person, delivery: DeliveryId, opened: &Value) -> Value {
    let typed = [
        ("went-well", "Shipped it"),
        ("was-hard", "Nothing"),
        ("next-week", "Rest"),
    ];
    let mut submission = payloads::submission(who, opened, &typed);
    let metadata = json!({"form": format!("answer:{}", delivery.0), "team": TEAM});
    submission["view"]["private_metadata"] = json!(metadata.to_string());
    submission
}

async fn submits_on_one_connection_are_acknowledged_together_while_commits_are_slow(
    backend: Backend,
) {
    let Some(app) = SlackApp::start(backend).await else {
        return;
    };
    app.fake.wait_connected(CONNECTIONS).await;
    let ids: Vec<String> = (0..SUBMITS).map(|i| format!("U{i:07}")).collect();
    let users: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), id.as_str())).collect();
    let deliveries = a_round_for(&app, &users, false).await;
    let (_, opened) = pressed_answer(&app, &person(&ids[0]), deliveries[0].1).await;
    for sql in SLOW_COMMITS {
        app.db.execute(sql).await;
    }

    let envelopes: Vec<String> = deliveries
        .iter()
        .map(|(user, delivery)| {
            let submit = submit_of(&person(user), *delivery, &opened);
            app.fake.envelope("interactive", submit)
        })
        .collect();
    let mut slowest = Duration::ZERO;
    for envelope in &envelopes {
        let (payload, latency) = app.fake.ack(envelope).await;
        assert!(payload.is_null(), "saved, the modal closes: {payload}");
        slowest = slowest.max(latency);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    for envelope in &envelopes {
        assert_eq!(app.fake.acks_of(envelope), 1, "{envelope}");
    }
    let one_after_another = SLOW * (SUBMITS / CONNECTIONS) as u32;
    assert!(
        slowest < one_after_another / 2,
        "the slowest acknowledgement came after {slowest:?}; one after another on each \
         connection would take {one_after_another:?}"
    );
    let team = app.store.all_teams().await.unwrap().remove(0);
    let stored = app.store.deliveries_of_team(team.id).await.unwrap();
    assert_eq!(stored.len(), SUBMITS);
    assert!(
        stored.iter().all(|d| d.status == DeliveryStatus::Answered),
        "{stored:?}"
    );
    app.finish().await;
}

// The slow commit is a PostgreSQL trigger (`pg_sleep`); SQLite has one writer anyway.
mod submits_on_one_connection_are_acknowledged_together_while_commits_are_slow {
    #[tokio::test]
    async fn postgres() {
        super::submits_on_one_connection_are_acknowledged_together_while_commits_are_slow(
            crate::support::Backend::Postgres,
        )
        .await;
    }
}
