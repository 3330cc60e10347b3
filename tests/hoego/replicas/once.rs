//! Every state change is made once across replicas: two services on one database (each with its
//! own connections, their clocks a second apart) handle the same platform request at the same
//! time — as two replicas on overlapping Discord shards do, or one replica and a platform
//! delivering the request again. One makes the change and answers; the other changes nothing
//! and has nothing to say: schedule add, run-now, join and leave, answer submits, milestones,
//! resolution follow-ups and sealed letters.

use chrono::Duration;
use futures_util::future::join_all;
use hoego::domain::ids::RequestId;
use hoego::scheduler::Scheduler;
use hoego::service::ids::FormId;
use hoego::service::{Interaction, Outcome};
use hoego::store::Store;

use crate::on_each_backend;
use crate::support::Backend;
use crate::support::chat::{Chat, WEEKLY, YEAR_END, saved};
use crate::support::db::TestDb;

const ADD: &str = "schedule add weekly \"0 17 * * FRI\" tz Asia/Seoul name retro";

/// One person as two replicas see them: the same team and user on two services sharing one
/// database.
struct Replicas {
    db: TestDb,
    one: Chat,
    two: Chat,
}

async fn replicas(backend: Backend, user: &str, admin: bool) -> Option<Replicas> {
    let db = TestDb::new(backend).await?;
    let second = Store::connect(&db.settings).await.unwrap();
    let mut one = Chat::new(&db.store, user);
    let mut two = Chat::new(&second, user);
    two.clock.advance(Duration::seconds(1));
    one.actor.is_admin = admin;
    two.actor.is_admin = admin;
    Some(Replicas { db, one, two })
}

impl Replicas {
    /// The same person as `user` on both replicas.
    fn other(&self, user: &str, admin: bool) -> (Chat, Chat) {
        let (mut one, mut two) = (self.one.other(user), self.two.other(user));
        one.actor.is_admin = admin;
        two.actor.is_admin = admin;
        (one, two)
    }

    /// Both replicas handle `interaction`, carrying the request id `id`, at the same time:
    /// (done, handled elsewhere) and the replies of the others.
    async fn both(pair: (&Chat, &Chat), id: u64, interaction: Interaction) -> (usize, usize) {
        let request = Some(RequestId::discord(id));
        let handled = [pair.0, pair.1].map(|chat| {
            let mut actor = chat.actor.clone();
            actor.request = request.clone();
            let interaction = interaction.clone();
            async move { chat.service.interact(&actor, interaction).await }
        });
        let outcomes = join_all(handled).await;
        let done = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Done(_)))
            .count();
        let elsewhere = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Elsewhere(r) if r.plain_text().is_empty()))
            .count();
        assert_eq!(
            done + elsewhere,
            2,
            "each replica either did it or stayed silent: {outcomes:?}"
        );
        (done, elsewhere)
    }
}

fn text(line: &str) -> Interaction {
    Interaction::Text(line.into())
}

async fn a_schedule_added_on_two_replicas_at_once_is_added_once(backend: Backend) {
    let Some(r) = replicas(backend, "mina", true).await else {
        return;
    };

    let outcome = Replicas::both((&r.one, &r.two), 7001, text(ADD)).await;

    assert_eq!(outcome, (1, 1), "one added it, the other stayed silent");
    assert_eq!(r.db.count("SELECT COUNT(*) FROM schedules").await, 1);
    r.db.finish().await;
}

async fn a_run_now_on_two_replicas_at_once_opens_one_round(backend: Backend) {
    let Some(r) = replicas(backend, "mina", true).await else {
        return;
    };
    r.one.say(ADD).await;

    let outcome = Replicas::both((&r.one, &r.two), 7002, text("schedule run-now retro")).await;

    assert_eq!(outcome, (1, 1), "one opened it, the other stayed silent");
    let rounds = r.db.count("SELECT COUNT(*) FROM rounds").await;
    let deliveries = r.db.count("SELECT COUNT(*) FROM deliveries").await;
    assert_eq!((rounds, deliveries), (1, 1), "one round, one prompt");
    r.db.finish().await;
}

async fn a_join_on_two_replicas_at_once_joins_once_and_answers_once(backend: Backend) {
    let Some(r) = replicas(backend, "mina", true).await else {
        return;
    };
    r.one.say(ADD).await;
    let (one, two) = r.other("joon", false);

    let outcome = Replicas::both((&one, &two), 7003, text("join retro")).await;

    assert_eq!(outcome, (1, 1), "one joined, the other stayed silent");
    let participants = "SELECT COUNT(*) FROM schedule_participants";
    assert_eq!(r.db.count(participants).await, 2, "the admin and joon");
    r.db.finish().await;
}

async fn a_submit_on_two_replicas_at_once_is_saved_once(backend: Backend) {
    let Some(r) = replicas(backend, "mina", false).await else {
        return;
    };
    let delivery = r.one.open_round("weekly", WEEKLY).await;
    let values = vec![
        ("went-well".to_string(), "shipped the import".to_string()),
        ("was-hard".to_string(), "on call".to_string()),
        ("next-week".to_string(), "the release".to_string()),
    ];
    let submit = Interaction::Submit(FormId::Answer(delivery), values);

    let outcome = Replicas::both((&r.one, &r.two), 7004, submit).await;

    assert_eq!(outcome, (1, 1), "one saved it, the other stayed silent");
    let answers = r.db.count("SELECT COUNT(*) FROM answers").await;
    let history = r.db.count("SELECT COUNT(*) FROM answer_history").await;
    assert_eq!((answers, history), (3, 0), "written once, never rewritten");
    r.db.finish().await;
}

async fn a_milestone_added_on_two_replicas_at_once_is_added_once(backend: Backend) {
    let Some(r) = replicas(backend, "mina", false).await else {
        return;
    };
    let add = text("milestone add 2026-11-02 Started the new job");

    let outcome = Replicas::both((&r.one, &r.two), 7006, add).await;

    assert_eq!(outcome, (1, 1), "one added it, the other stayed silent");
    assert_eq!(r.db.count("SELECT COUNT(*) FROM milestones").await, 1);
    r.db.finish().await;
}

async fn a_resolution_followed_up_on_two_replicas_at_once_is_followed_up_once(backend: Backend) {
    let Some(r) = replicas(backend, "mina", false).await else {
        return;
    };
    let delivery = r.one.open_round("year-end", YEAR_END).await;
    let answers = [
        ("periods", "One"),
        ("highlights", "Two"),
        ("learned", "Three"),
        ("energy", "2"),
        ("resolutions", "1. Run a marathon\n2. Learn Korean"),
    ];
    saved(r.one.submit(&format!("answer:{delivery}"), &answers).await);
    let set = text("resolutions set 2 on-track 30 minutes a day");

    let outcome = Replicas::both((&r.one, &r.two), 7007, set).await;

    assert_eq!(
        outcome,
        (1, 1),
        "one followed it up, the other stayed silent"
    );
    let follow_ups = "SELECT COUNT(*) FROM resolution_followups";
    assert_eq!(r.db.count(follow_ups).await, 1);
    r.db.finish().await;
}

async fn the_same_request_delivered_again_later_changes_nothing(backend: Backend) {
    let Some(r) = replicas(backend, "mina", true).await else {
        return;
    };
    r.one.say(ADD).await;
    let (one, two) = r.other("joon", false);
    let mut first = one.actor.clone();
    first.request = Some(RequestId::slack("trigger-1"));
    let mut again = two.actor.clone();
    again.request = first.request.clone();

    let joined = one.service.interact(&first, text("join retro")).await;
    let redelivered = two.service.interact(&again, text("join retro")).await;
    let left = two.service.interact(&again, text("leave retro")).await;

    assert!(matches!(joined, Outcome::Done(_)), "{joined:?}");
    assert!(
        matches!(redelivered, Outcome::Elsewhere(_)),
        "{redelivered:?}"
    );
    assert!(matches!(left, Outcome::Elsewhere(_)), "{left:?}");
    let participants = "SELECT COUNT(*) FROM schedule_participants";
    assert_eq!(r.db.count(participants).await, 2, "joon still takes part");
    r.db.finish().await;
}

async fn handled_request_ids_are_pruned_by_the_scheduler_after_a_day(backend: Backend) {
    let Some(r) = replicas(backend, "mina", true).await else {
        return;
    };
    let mut admin = r.one.actor.clone();
    admin.request = Some(RequestId::discord(7005));
    r.one.service.interact(&admin, text(ADD)).await;
    let scheduler = |hours| {
        r.one.clock.advance(Duration::hours(hours));
        let clock = std::sync::Arc::new(r.one.clock.clone());
        Scheduler::new(
            r.db.store.clone(),
            clock,
            std::time::Duration::from_secs(15),
        )
    };
    let handled = "SELECT COUNT(*) FROM handled_requests";

    scheduler(23).tick().await.unwrap();
    let kept = r.db.count(handled).await;
    scheduler(2).tick().await.unwrap();
    let pruned = r.db.count(handled).await;

    assert_eq!((kept, pruned), (1, 0), "kept for a day, then forgotten");
    r.db.finish().await;
}

async fn a_letter_sealed_on_two_replicas_at_once_is_sealed_once(backend: Backend) {
    let Some(r) = replicas(backend, "mina", false).await else {
        return;
    };
    let opened = r.one.say("capsule write until 2027-12-31").await;
    let form = opened.form.expect("the letter form").id;
    let values = vec![("letter".to_string(), "Dear me, did you run?".to_string())];
    let submit = Interaction::Submit(form, values);

    let outcome = Replicas::both((&r.one, &r.two), 7007, submit).await;

    assert_eq!(outcome, (1, 1), "one sealed it, the other stayed silent");
    assert_eq!(r.db.count("SELECT COUNT(*) FROM capsules").await, 1);
    r.db.finish().await;
}

on_each_backend!(
    a_schedule_added_on_two_replicas_at_once_is_added_once,
    a_run_now_on_two_replicas_at_once_opens_one_round,
    a_join_on_two_replicas_at_once_joins_once_and_answers_once,
    a_submit_on_two_replicas_at_once_is_saved_once,
    a_milestone_added_on_two_replicas_at_once_is_added_once,
    a_resolution_followed_up_on_two_replicas_at_once_is_followed_up_once,
    a_letter_sealed_on_two_replicas_at_once_is_sealed_once,
    the_same_request_delivered_again_later_changes_nothing,
    handled_request_ids_are_pruned_by_the_scheduler_after_a_day,
);
