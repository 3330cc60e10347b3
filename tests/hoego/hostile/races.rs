//! Scenario 4, at once and across processes: two run-now of one schedule at the same instant,
//! schedule adds racing for the team's last place, and the run-now quota counted in the
//! database, so a restart or another replica (another service on the same database) shares it.

use chrono::Duration;
use futures_util::future::join_all;
use hoego::service::guard::{Guard, Policy};
use hoego::service::quotas::Quotas;
use hoego::store::Store;

use crate::both_backends;
use crate::support::chat::Chat;

/// An admin of team `Busy` on `store`, held to `quotas`, with a service of its own (as in
/// another process).
fn admin(store: &Store, user: &str, lang: Option<&str>, quotas: Quotas) -> Chat {
    let mut chat = Chat::new(store, user);
    chat.actor.team_external_id = "T-busy".into();
    chat.actor.team_name = "Busy".into();
    chat.actor.is_admin = true;
    chat.actor.locale = lang.map(str::to_string);
    chat.service.guard = Guard::new(Policy {
        quotas,
        ..Policy::default()
    });
    chat
}

async fn rounds_of_the_team(chat: &Chat) -> usize {
    let (team, _) = chat.me().await;
    chat.service.store.rounds_of_team(team).await.unwrap().len()
}

async fn a_second_run_now_at_the_same_instant_finds_the_round_open(store: Store) {
    let nora = admin(&store, "nora", None, Quotas::default());
    let minji = admin(&store, "minji", Some("ko"), Quotas::default());
    nora.say("schedule add weekly \"0 17 * * FRI\" name retro")
        .await;

    let first = nora.say("schedule run-now retro").await.plain_text();
    let second = nora.say("schedule run-now retro").await.plain_text();
    let korean = minji.say("schedule run-now retro").await.plain_text();

    assert!(first.starts_with("Opened a round of retro now."), "{first}");
    assert_eq!(
        second,
        "A round of retro was just opened at this same moment by another run-now, so I did not \
         open a second one. It closes Sun 6 Dec, 9 am."
    );
    assert!(
        korean.starts_with(
            "retro 회차가 방금 같은 시각에 이미 열렸어요. 먼저 들어온 다른 요청으로 열린 \
             회차라 새로 열지 않았어요."
        ),
        "{korean}"
    );
    assert_eq!(rounds_of_the_team(&nora).await, 1);

    // At once, from two processes: one round, and each admin hears a plain answer.
    nora.clock.advance(Duration::minutes(1));
    minji.clock.advance(Duration::minutes(1));
    let both = join_all([
        nora.say("schedule run-now retro"),
        minji.say("schedule run-now retro"),
    ])
    .await;
    let opened = both
        .iter()
        .filter(|r| r.plain_text().contains("Opened") || r.plain_text().contains("지금 열었어요"))
        .count();
    assert_eq!(opened, 1, "{both:?}");
    assert_eq!(rounds_of_the_team(&nora).await, 2);
}
both_backends!(
    run_now_twice_at_once,
    super::a_second_run_now_at_the_same_instant_finds_the_round_open
);

async fn schedule_adds_at_once_do_not_pass_the_team_limit(store: Store) {
    let quotas = Quotas {
        schedules_per_team: 3,
        ..Quotas::default()
    };
    let admins: Vec<Chat> = (0..6)
        .map(|i| admin(&store, &format!("admin{i}"), None, quotas))
        .collect();
    admins[0]
        .say("schedule add weekly \"0 17 * * FRI\" name first")
        .await;

    let lines: Vec<String> = (0..6)
        .map(|i| format!("schedule add weekly \"0 17 * * FRI\" name s{i}"))
        .collect();
    let replies = join_all(admins.iter().zip(&lines).map(|(a, l)| a.say(l))).await;

    let added = replies
        .iter()
        .filter(|r| r.plain_text().starts_with("Added the schedule"))
        .count();
    let refused: Vec<String> = replies
        .iter()
        .map(|r| r.plain_text())
        .filter(|t| !t.starts_with("Added the schedule"))
        .collect();
    assert_eq!(added, 2, "{refused:?}");
    for text in &refused {
        assert!(
            text.starts_with("Busy has 3 schedules, the most one team may have"),
            "{text}"
        );
    }
    let (team, _) = admins[0].me().await;
    assert_eq!(store.schedules(team).await.unwrap().len(), 3);
}
both_backends!(
    schedule_adds_at_once,
    super::schedule_adds_at_once_do_not_pass_the_team_limit
);

async fn the_run_now_quota_holds_across_processes_and_restarts(store: Store) {
    let quotas = Quotas {
        run_now_per_hour: 3,
        ..Quotas::default()
    };
    let one = admin(&store, "nora", None, quotas);
    for i in 0..3 {
        one.say(&format!("schedule add weekly \"0 17 * * FRI\" name s{i}"))
            .await;
    }
    // Three at once from one process, on three schedules: all opened, the quota now full.
    let lines: Vec<String> = (0..3).map(|i| format!("schedule run-now s{i}")).collect();
    let opened = join_all(lines.iter().map(|l| one.say(l))).await;
    for reply in &opened {
        assert!(reply.plain_text().starts_with("Opened"), "{reply:?}");
    }

    // Another process (or this one restarted) counts the same rounds.
    let other = admin(&store, "quinn", None, quotas);
    other.clock.advance(Duration::minutes(20));
    let refused = other.say("schedule run-now s0").await.plain_text();
    assert_eq!(
        refused,
        "Busy started 3 rounds with run-now in the last hour, the most one team may (setting \
         `limits.run_now_per_hour`). Try again in 40 minutes."
    );
    // Racing for a place that is not there: nothing opens.
    let racing = join_all(lines.iter().map(|l| other.say(l))).await;
    for reply in &racing {
        assert!(
            reply.plain_text().starts_with("Busy started 3"),
            "{reply:?}"
        );
    }
    assert_eq!(rounds_of_the_team(&one).await, 3);

    other.clock.advance(Duration::minutes(40));
    let again = other.say("schedule run-now s0").await.plain_text();
    assert!(again.starts_with("Opened a round of s0"), "{again}");
}
both_backends!(
    run_now_quota_shared,
    super::the_run_now_quota_holds_across_processes_and_restarts
);
